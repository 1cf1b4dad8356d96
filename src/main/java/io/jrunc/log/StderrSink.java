package io.jrunc.log;

import io.jrunc.sys.Syscalls;
import java.io.PrintStream;

/** Log lines on stderr, the default when no {@code --log} is given. */
public final class StderrSink implements LogSink {
    private final PrintStream err;
    private final Syscalls sys;
    private Boolean terminal;

    /** {@code sys} answers whether fd 2 is a terminal; it is asked once, on the first line. */
    public StderrSink(PrintStream err, Syscalls sys) {
        this.err = err;
        this.sys = sys;
    }

    @Override
    public void write(byte[] line) {
        err.write(line, 0, line.length);
        err.flush();
    }

    @Override
    public boolean isStderr() {
        return true;
    }

    @Override
    public boolean isTerminal() {
        if (terminal == null) {
            terminal = sys != null && Terminal.isTerminal(sys, 2);
        }
        return terminal;
    }
}

package io.jrunc.container.hooks;

import io.jrunc.sys.Linux;

/**
 * How Go's os.ProcessState prints a wait status ("exit status 1", "signal: killed",
 * "signal: segmentation fault (core dumped)"): runc's hook errors quote it, and so does ps when
 * the host's ps fails.
 */
public final class GoProcessState {
    private GoProcessState() {}

    /** Go's syscall.Signal strings on Linux, index = signal number. */
    private static final String[] SIGNAL_TEXT = {
        null, "hangup", "interrupt", "quit", "illegal instruction", "trace/breakpoint trap", "aborted",
        "bus error", "floating point exception", "killed", "user defined signal 1", "segmentation fault",
        "user defined signal 2", "broken pipe", "alarm clock", "terminated", "stack fault", "child exited",
        "continued", "stopped (signal)", "stopped", "stopped (tty input)", "stopped (tty output)",
        "urgent I/O condition", "CPU time limit exceeded", "file size limit exceeded",
        "virtual timer expired", "profiling timer expired", "window changed", "I/O possible",
        "power failure", "bad system call",
    };

    /** Go's Signal.String(): the text above, "signal N" for the rest. */
    static String signal(int sig) {
        return sig > 0 && sig < SIGNAL_TEXT.length ? SIGNAL_TEXT[sig] : "signal " + sig;
    }

    /** Go's ProcessState.String() for a raw wait status. */
    public static String describe(int status) {
        String text;
        if (Linux.isExited(status)) {
            text = "exit status " + Linux.exitStatus(status);
        } else if (Linux.isSignaled(status)) {
            text = "signal: " + signal(Linux.termSignal(status));
        } else if (Linux.isStopped(status)) {
            text = "stop signal: " + signal(Linux.stopSignal(status));
        } else {
            text = "<nil>";
        }
        if (Linux.isSignaled(status) && Linux.coreDumped(status)) {
            text += " (core dumped)";
        }
        return text;
    }

    /** Go's ProcessState.Success(): exited with status 0. */
    public static boolean success(int status) {
        return Linux.isExited(status) && Linux.exitStatus(status) == 0;
    }
}

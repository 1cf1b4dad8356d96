package io.jrunc.log;

/** Where log lines go. Each line is handed over whole, so that it reaches the kernel in one write(2). */
public interface LogSink {

    void write(byte[] line);

    /** True for the process' stderr: runc then does not repeat errors there in plain text. */
    boolean isStderr();

    /** True when the sink is a terminal, where logrus switches to its coloured short format. */
    boolean isTerminal();
}

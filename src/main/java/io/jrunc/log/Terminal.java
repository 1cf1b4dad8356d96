package io.jrunc.log;

import io.jrunc.JruncException;
import io.jrunc.sys.Syscalls;

/** isatty(3): a terminal is what answers TCGETS. */
final class Terminal {
    private Terminal() {}

    static boolean isTerminal(Syscalls sys, int fd) {
        try {
            sys.tcgetattr(fd);
            return true;
        } catch (JruncException e) {
            return false;
        }
    }
}

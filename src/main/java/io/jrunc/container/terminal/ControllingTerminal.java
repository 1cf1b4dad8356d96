package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;

/**
 * Makes stdin (the pty peer, once {@link ContainerConsole} dup'ed it) the controlling terminal of
 * the calling process, so that ^C and job control reach the container's process group.
 *
 * <p>TIOCSCTTY needs a session leader without a terminal. runc's nsexec calls setsid() early in
 * every container process; {@link #claim} calls it too and accepts EPERM, which is what a process
 * that already leads its session (or its group) gets; if it is not in fact a session leader the
 * ioctl then fails with EPERM and says so.
 */
public final class ControllingTerminal {
    private ControllingTerminal() {}

    /** The container's init: runc wraps the failure as {@code ioctl(setctty): operation not permitted}. */
    public static void claimForInit(Syscalls sys) {
        try {
            claim(sys);
        } catch (JruncException e) {
            throw Failures.call("ioctl(setctty)", e);
        }
    }

    /** {@code exec}: runc returns the bare errno there ({@code operation not permitted}). */
    public static void claimForExec(Syscalls sys) {
        claim(sys);
    }

    static void claim(Syscalls sys) {
        try {
            sys.setsid();
        } catch (JruncException e) {
            if (!Failures.isErrno(e, Errno.EPERM)) {
                throw Failures.bare(e);
            }
        }
        try {
            sys.ioctl(0, Linux.TIOCSCTTY, 0);
        } catch (JruncException e) {
            throw Failures.bare(e);
        }
    }
}

package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;

/**
 * runc's mountConsole: the container's pty peer bind-mounted over /dev/console, so that programs
 * writing to /dev/console reach the container's terminal rather than the host's. Only the
 * container's init does this (exec does not touch /dev/console). Both ends of the mount go through
 * /proc/thread-self/fd, so the mount lands on exactly the inodes that were opened.
 */
final class ConsoleMount {
    private ConsoleMount() {}

    static final String DEV_CONSOLE = "/dev/console";

    static void bind(Syscalls sys, int peer, String peerPath) {
        int target;
        try {
            // O_NOCTTY (runc has none): a /dev bind-mounted from the host could make this open
            // give init the host's console as controlling terminal
            target = sys.openat(Linux.AT_FDCWD, DEV_CONSOLE,
                    Linux.O_RDONLY | Linux.O_CREAT | Linux.O_NOFOLLOW | Linux.O_NOCTTY, 0666);
        } catch (JruncException e) {
            throw Failures.wrap("create /dev/console mount target", Failures.call("open " + DEV_CONSOLE, e));
        }
        String source = Pty.PROC_FD + peer;
        String dstFd = Pty.PROC_FD + target;
        try {
            sys.mount(source, dstFd, "bind", Linux.MS_BIND, null);
        } catch (JruncException e) {
            String what = "mount src=" + peerPath + ", srcType=plain-open, srcFd=" + peer + ", dst=" + DEV_CONSOLE
                    + ", dstFd=" + dstFd + ", flags=MS_BIND";
            throw new JruncException(what + ": " + Errno.message(e.errno()), e.errno(), e);
        } finally {
            Pty.closeQuietly(sys, target);
        }
    }
}

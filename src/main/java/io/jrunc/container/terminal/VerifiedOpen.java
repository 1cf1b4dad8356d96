package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.Syscalls.FileStat;
import io.jrunc.sys.Syscalls.Statfs;

/**
 * Opens a path only after checking what it is (runc: O_PATH handle, VerifyInode, pathrs.Reopen):
 * the O_PATH handle cannot have side effects, and reopening it through /proc/thread-self/fd opens
 * the very inode that was checked, even if the container swaps the path meanwhile.
 *
 * <p>Without /proc in the container (runc then opens a private procfs, which jrunc does not) the
 * path is opened directly and the opened file is checked again, so a swap is still caught.
 */
final class VerifiedOpen {
    private VerifiedOpen() {}

    /** runc's check functions: null when the inode is the expected one, else why not. */
    interface Check {
        String wrong(FileStat stat, Statfs statfs);
    }

    /**
     * @param verifyContext what runc puts in front of a failed check ("verify ptmx handle"), or null
     * @param reopenContext what runc puts in front of a failed reopen, or null
     */
    static int open(Syscalls sys, String path, int flags, Check check, String verifyContext, String reopenContext) {
        int handle;
        try {
            handle = sys.openat(Linux.AT_FDCWD, path, Linux.O_PATH, 0);
        } catch (JruncException e) {
            throw Failures.call("open " + path, e);
        }
        try {
            verify(sys, handle, path, check, verifyContext);
            int fd = reopenThroughProc(sys, handle, flags, reopenContext);
            if (fd >= 0) {
                return fd;
            }
            fd = openByPath(sys, path, flags, reopenContext);
            try {
                verify(sys, fd, path, check, verifyContext);
                return fd;
            } catch (RuntimeException e) {
                Pty.closeQuietly(sys, fd);
                throw e;
            }
        } finally {
            Pty.closeQuietly(sys, handle);
        }
    }

    /** The reopened fd, or -1 when there is no /proc to go through. */
    private static int reopenThroughProc(Syscalls sys, int handle, int flags, String context) {
        try {
            return sys.openat(Linux.AT_FDCWD, Pty.PROC_FD + handle, flags, 0);
        } catch (JruncException e) {
            if (Failures.isErrno(e, Errno.ENOENT)) {
                return -1;
            }
            throw inContext(context, Failures.call("reopen fd " + handle, e));
        }
    }

    private static int openByPath(Syscalls sys, String path, int flags, String context) {
        try {
            return sys.openat(Linux.AT_FDCWD, path, flags, 0);
        } catch (JruncException e) {
            throw inContext(context, Failures.call("open " + path, e));
        }
    }

    /** runc's VerifyInode: fstat and fstatfs of the fd, then the check. */
    private static void verify(Syscalls sys, int fd, String path, Check check, String context) {
        String wrong;
        try {
            wrong = check.wrong(DevptsInodes.stat(sys, fd, path), DevptsInodes.statfs(sys, fd, path));
        } catch (JruncException e) {
            throw inContext(context, e);
        }
        if (wrong != null) {
            throw inContext(context, Failures.plain(wrong));
        }
    }

    private static JruncException inContext(String context, JruncException e) {
        return context == null ? e : Failures.wrap(context, e);
    }
}

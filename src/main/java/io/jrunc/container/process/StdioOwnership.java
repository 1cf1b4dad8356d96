package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;

/**
 * runc's fixStdioPermissions: before switching to the container's user, stdin/stdout/stderr
 * (a pty slave or pipes made outside the container) get that user as owner, so that the process
 * can use its own terminal. /dev/null and fds already owned by the user are left alone, and
 * refusals (unmapped owner, read-only /dev) are ignored, as in runc.
 */
final class StdioOwnership {
    private StdioOwnership() {}

    private static final String[] NAMES = {"/dev/stdin", "/dev/stdout", "/dev/stderr"};

    static void give(Syscalls sys, int uid) {
        Syscalls.FileStat devNull;
        try {
            devNull = sys.statx(Linux.AT_FDCWD, "/dev/null", 0);
        } catch (JruncException e) {
            throw Failures.pathError("stat", "/dev/null", e);
        }
        for (int fd = 0; fd <= 2; fd++) {
            Syscalls.FileStat st;
            try {
                st = sys.statx(fd, "", Linux.AT_EMPTY_PATH);
            } catch (JruncException e) {
                throw Failures.pathError("fstat", NAMES[fd], e);
            }
            boolean isDevNull = st.rdevMajor() == devNull.rdevMajor() && st.rdevMinor() == devNull.rdevMinor();
            if (st.uid() == uid || isDevNull) {
                continue;
            }
            try {
                sys.fchown(fd, uid, st.gid());
            } catch (JruncException e) {
                int errno = e.errno();
                if (errno == Errno.EINVAL || errno == Errno.EPERM || errno == Errno.EROFS) {
                    continue;
                }
                throw Failures.pathError("chown", NAMES[fd], e);
            }
        }
    }
}

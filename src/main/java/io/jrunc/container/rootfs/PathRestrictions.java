package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.GoQuote;
import io.jrunc.sys.Syscalls;

import java.util.List;

import static io.jrunc.sys.Linux.AT_EMPTY_PATH;
import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.MS_BIND;
import static io.jrunc.sys.Linux.MS_NODEV;
import static io.jrunc.sys.Linux.MS_NOEXEC;
import static io.jrunc.sys.Linux.MS_NOSUID;
import static io.jrunc.sys.Linux.MS_RDONLY;
import static io.jrunc.sys.Linux.MS_REC;
import static io.jrunc.sys.Linux.MS_REMOUNT;
import static io.jrunc.sys.Linux.O_CLOEXEC;
import static io.jrunc.sys.Linux.O_PATH;
import static io.jrunc.sys.Linux.S_IFCHR;

/**
 * linux.readonlyPaths and linux.maskedPaths, applied inside the new root (runc's readonlyPath and
 * maskPath). Paths that do not exist in the container are skipped.
 */
final class PathRestrictions {
    private final Syscalls sys;
    private final Mounter mounter;

    PathRestrictions(Syscalls sys) {
        this.sys = sys;
        this.mounter = new Mounter(sys);
    }

    void makeReadonly(List<String> paths) {
        for (String path : paths) {
            try {
                readonlyPath(path);
            } catch (JruncException e) {
                throw Failures.wrap("can't make " + GoQuote.quote(path) + " read-only", e);
            }
        }
    }

    /** A bind of the path onto itself, remounted read-only keeping its nosuid/nodev/noexec. */
    private void readonlyPath(String path) {
        try {
            mounter.mount(path, path, "", MS_BIND | MS_REC, "");
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT) {
                return;
            }
            throw e;
        }
        long flags;
        try {
            flags = sys.statfs(path).flags() & (MS_NOSUID | MS_NODEV | MS_NOEXEC);
        } catch (JruncException e) {
            throw Failures.of("statfs " + path, e);
        }
        mounter.mount(path, path, "", flags | MS_BIND | MS_REMOUNT | MS_RDONLY, "");
    }

    /**
     * Files get the container's /dev/null bind-mounted on them, directories a read-only tmpfs.
     * /dev/null is checked to be the real null device first: a container could have replaced it
     * (runc's fix for CVE-2025-31133), and it is mounted through its fd so it cannot be swapped after.
     */
    void mask(List<String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        int devNull = -1;
        try {
            for (String path : paths) {
                try {
                    if (devNull < 0) {
                        devNull = openDevNull();
                    }
                    maskPath(path, devNull);
                } catch (JruncException e) {
                    throw Failures.wrap("can't mask path " + path, e);
                }
            }
        } finally {
            if (devNull >= 0) {
                try {
                    sys.close(devNull);
                } catch (JruncException ignored) {
                    // nothing to do
                }
            }
        }
    }

    private int openDevNull() {
        int fd;
        try {
            fd = sys.openat(AT_FDCWD, "/dev/null", O_PATH | O_CLOEXEC, 0);
        } catch (JruncException e) {
            throw Failures.of("open /dev/null", e);
        }
        try {
            Syscalls.FileStat st = sys.statx(fd, "", AT_EMPTY_PATH);
            if (st.fileType() != S_IFCHR || st.rdevMajor() != 1 || st.rdevMinor() != 3) {
                throw new JruncException("/dev/null is not the null device (char 1:3)");
            }
            return fd;
        } catch (JruncException e) {
            sys.close(fd);
            throw e.errno() != 0 ? Failures.of("fstat /dev/null", e) : e;
        }
    }

    /**
     * runc binds /dev/null and, where the kernel answers ENOTDIR, mounts a read-only tmpfs instead.
     * Asking first spares that failed bind: the kernel undoes it under an RCU grace period.
     */
    private void maskPath(String path, int devNull) {
        boolean directory;
        try {
            directory = sys.statx(AT_FDCWD, path, 0).isDirectory();
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT) {
                return;
            }
            throw e;
        }
        if (directory) {
            mounter.mount("tmpfs", path, "tmpfs", MS_RDONLY, "");
            return;
        }
        try {
            mounter.mount(RootfsPaths.procFd(devNull), path, "", MS_BIND, "");
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT) {
                return;
            }
            if (e.errno() != Errno.ENOTDIR) {
                throw e;
            }
            mounter.mount("tmpfs", path, "tmpfs", MS_RDONLY, ""); // it became a directory in between
        }
    }
}

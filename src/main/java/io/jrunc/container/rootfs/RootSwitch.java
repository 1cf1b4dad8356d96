package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import static io.jrunc.sys.Linux.AT_EMPTY_PATH;
import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.MNT_DETACH;
import static io.jrunc.sys.Linux.MS_MOVE;
import static io.jrunc.sys.Linux.MS_REC;
import static io.jrunc.sys.Linux.MS_SLAVE;
import static io.jrunc.sys.Linux.O_CLOEXEC;
import static io.jrunc.sys.Linux.O_DIRECTORY;
import static io.jrunc.sys.Linux.O_RDONLY;
import static io.jrunc.sys.Linux.O_RDWR;

/** Making the rootfs the process's "/": pivot_root (runc's default) or, with --no-pivot, MS_MOVE and chroot. */
final class RootSwitch {
    private final Syscalls sys;
    private final Mounter mounter;

    RootSwitch(Syscalls sys) {
        this.sys = sys;
        this.mounter = new Mounter(sys);
    }

    void chdir(String path) {
        try {
            sys.chdir(path);
        } catch (JruncException e) {
            throw Failures.of("chdir " + path, e);
        }
    }

    /**
     * runc's pivotRoot: pivot_root(".", ".") stacks the old root on top of the new one, where an
     * MNT_DETACH unmount of "." drops it; no put_old directory is needed in the rootfs. The old
     * root is made rslave first so the unmount cannot propagate to the host.
     */
    void pivotRoot(String rootfs) {
        int oldRoot = open("/");
        try {
            int newRoot = open(rootfs);
            try {
                fchdir(newRoot);
                try {
                    sys.pivotRoot(".", ".");
                } catch (JruncException e) {
                    throw Failures.of("pivot_root .", e);
                }
                fchdir(oldRoot); // "." is the old root now; do not rely on the kernel leaving it so
                mounter.mount("", ".", "", MS_SLAVE | MS_REC, "");
                mounter.unmount(".", MNT_DETACH);
                chdir("/");
            } finally {
                close(newRoot);
            }
        } finally {
            close(oldRoot);
        }
    }

    /**
     * runc's msMoveRoot (--no-pivot): first every full procfs/sysfs mount outside the rootfs is
     * unmounted (or covered by a tmpfs where that is refused), since chroot leaves them reachable
     * and they would let the container mount a fresh procfs; then the rootfs moves onto "/".
     * The working directory must be the rootfs.
     */
    void moveRoot(String rootfs) {
        for (MountInfo info : MountInfo.parse(readMountInfo())) {
            if (!info.root().equals("/") || !(info.fsType().equals("proc") || info.fsType().equals("sysfs"))
                    || info.mountpoint().startsWith(rootfs)) {
                continue;
            }
            String p = info.mountpoint();
            try {
                mounter.mount("", p, "", MS_SLAVE | MS_REC, "");
            } catch (JruncException e) {
                if (e.errno() == Errno.ENOENT) {
                    continue; // under a mount already gone
                }
                throw e;
            }
            try {
                mounter.unmount(p, MNT_DETACH);
            } catch (JruncException e) {
                if (e.errno() != Errno.EINVAL && e.errno() != Errno.EPERM) {
                    throw e;
                }
                mounter.mount("tmpfs", p, "tmpfs", 0, "");
            }
        }
        mounter.mount(rootfs, "/", "", MS_MOVE, "");
        chroot();
    }

    void chroot() {
        try {
            sys.chroot(".");
        } catch (JruncException e) {
            throw Failures.of("chroot .", e);
        }
        chdir("/");
    }

    /**
     * runc's reOpenDevNull: stdio that is the host's /dev/null becomes the container's /dev/null,
     * so the process holds nothing of the host's /dev.
     */
    void reopenDevNull() {
        int devNull;
        try {
            devNull = sys.openat(AT_FDCWD, "/dev/null", O_RDWR | O_CLOEXEC, 0);
        } catch (JruncException e) {
            throw Failures.of("open /dev/null", e);
        }
        try {
            Syscalls.FileStat nullStat = fstat(devNull, "/dev/null");
            for (int fd = 0; fd < 3; fd++) {
                Syscalls.FileStat st = fstat(fd, "fd " + fd);
                if (st.rdevMajor() == nullStat.rdevMajor() && st.rdevMinor() == nullStat.rdevMinor()) {
                    try {
                        sys.dup3(devNull, fd, 0);
                    } catch (JruncException e) {
                        throw Failures.of("dup3 fd " + devNull, e);
                    }
                }
            }
        } finally {
            close(devNull);
        }
    }

    private Syscalls.FileStat fstat(int fd, String name) {
        try {
            return sys.statx(fd, "", AT_EMPTY_PATH);
        } catch (JruncException e) {
            throw Failures.of("fstat " + name, e);
        }
    }

    private String readMountInfo() {
        try {
            return SysFiles.readString(sys, AT_FDCWD, "/proc/self/mountinfo");
        } catch (JruncException e) {
            throw Failures.of("open /proc/self/mountinfo", e);
        }
    }

    private int open(String path) {
        try {
            return sys.openat(AT_FDCWD, path, O_DIRECTORY | O_RDONLY | O_CLOEXEC, 0);
        } catch (JruncException e) {
            throw Failures.of("open " + path, e);
        }
    }

    private void fchdir(int fd) {
        try {
            sys.fchdir(fd);
        } catch (JruncException e) {
            throw Failures.of("fchdir fd " + fd, e);
        }
    }

    private void close(int fd) {
        try {
            sys.close(fd);
        } catch (JruncException ignored) {
            // closing cannot be retried; the fd is gone
        }
    }
}

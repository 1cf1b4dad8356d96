package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.sys.Linux;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import static io.jrunc.sys.Linux.AT_SYMLINK_NOFOLLOW;
import static io.jrunc.sys.Linux.MNT_DETACH;
import static io.jrunc.sys.Linux.O_CREAT;
import static io.jrunc.sys.Linux.O_DIRECTORY;
import static io.jrunc.sys.Linux.O_EXCL;
import static io.jrunc.sys.Linux.O_NOFOLLOW;
import static io.jrunc.sys.Linux.O_RDONLY;
import static io.jrunc.sys.Linux.O_WRONLY;
import static io.jrunc.sys.Linux.S_IFBLK;
import static io.jrunc.sys.Linux.S_IFCHR;
import static io.jrunc.sys.Linux.S_IFDIR;
import static io.jrunc.sys.Linux.S_IFIFO;
import static io.jrunc.sys.Linux.S_IFLNK;
import static io.jrunc.sys.Linux.S_IFREG;

/**
 * runc's "tmpcopyup": a tmpfs that starts with a copy of the directory it covers. Unlike runc
 * this needs no scratch directory on the host: the covered directory is opened before the tmpfs
 * goes on top, and that fd still reads the covered content afterwards.
 */
final class TmpfsCopyUp {
    private final MountInstaller installer;
    private final Syscalls sys;
    private final RootfsPaths paths;

    TmpfsCopyUp(MountInstaller installer) {
        this.installer = installer;
        this.sys = installer.sys();
        this.paths = installer.paths();
    }

    /** Mounts the tmpfs {@code m} on the opened directory {@code target} (closed here) and fills it. */
    void mount(ConfigMount m, int target) {
        String dest = m.cleanDestination();
        int covered;
        try {
            covered = paths.openDirectoryForReading(dest);
        } catch (JruncException e) {
            paths.closeQuietly(target);
            throw e;
        }
        try {
            installer.mountOnto(m, target);
            int fresh = paths.openDirectoryForReading(dest);
            try {
                copyTree(sys, covered, fresh);
            } catch (JruncException e) {
                try {
                    sys.umount2(RootfsPaths.procFd(fresh), MNT_DETACH);
                } catch (JruncException ignored) {
                    // the copy failure is what the user needs to see
                }
                throw Failures.wrap("tmpcopyup: failed to copy " + m.destination(), e);
            } finally {
                paths.closeQuietly(fresh);
            }
        } finally {
            paths.closeQuietly(covered);
        }
    }

    /** Copies the entries of directory {@code from} into directory {@code to}: content, modes, owners. */
    static void copyTree(Syscalls sys, int from, int to) {
        for (Syscalls.DirEntry entry : sys.getdents(from)) {
            String name = entry.name();
            if (name.equals(".") || name.equals("..")) {
                continue;
            }
            Syscalls.FileStat st = sys.statx(from, name, AT_SYMLINK_NOFOLLOW);
            int perm = st.mode() & 07777;
            switch (st.fileType()) {
                case S_IFDIR -> copyDirectory(sys, from, to, name, st, perm);
                case S_IFREG -> copyFile(sys, from, to, name, st, perm);
                case S_IFLNK -> {
                    sys.symlinkat(sys.readlinkat(from, name), to, name);
                    sys.fchownat(to, name, st.uid(), st.gid(), AT_SYMLINK_NOFOLLOW);
                }
                case S_IFCHR, S_IFBLK, S_IFIFO -> {
                    sys.mknodat(to, name, st.fileType() | perm, Linux.makedev(st.rdevMajor(), st.rdevMinor()));
                    sys.fchownat(to, name, st.uid(), st.gid(), AT_SYMLINK_NOFOLLOW);
                    sys.fchmodat(to, name, perm);
                }
                default -> {
                    // sockets cannot be copied; like cp, leave them out
                }
            }
        }
    }

    private static void copyDirectory(Syscalls sys, int from, int to, String name, Syscalls.FileStat st, int perm) {
        sys.mkdirat(to, name, 0700);
        int src = sys.openat(from, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0);
        try {
            int dst = sys.openat(to, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0);
            try {
                copyTree(sys, src, dst);
                sys.fchown(dst, st.uid(), st.gid());
                sys.fchmod(dst, perm); // last: the directory may be read-only
            } finally {
                sys.close(dst);
            }
        } finally {
            sys.close(src);
        }
    }

    private static void copyFile(Syscalls sys, int from, int to, String name, Syscalls.FileStat st, int perm) {
        int src = sys.openat(from, name, O_RDONLY | O_NOFOLLOW, 0);
        try {
            int dst = sys.openat(to, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
            try {
                byte[] buf = new byte[65536];
                int n;
                while ((n = sys.read(src, buf, 0, buf.length)) > 0) {
                    SysFiles.writeAll(sys, dst, java.util.Arrays.copyOf(buf, n));
                }
                sys.fchown(dst, st.uid(), st.gid());
                sys.fchmod(dst, perm); // after chown, which would drop set-id bits
            } finally {
                sys.close(dst);
            }
        } finally {
            sys.close(src);
        }
    }
}

package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.sys.Syscalls;

import static io.jrunc.container.rootfs.RootfsConstants.ATIME_ENUM_FLAGS;
import static io.jrunc.container.rootfs.RootfsConstants.ATIME_FLAGS;
import static io.jrunc.container.rootfs.RootfsConstants.LOCKABLE_FLAGS;
import static io.jrunc.container.rootfs.RootfsConstants.ST_MANDLOCK;
import static io.jrunc.container.rootfs.RootfsConstants.ST_NOSYMFOLLOW;
import static io.jrunc.container.rootfs.RootfsConstants.ST_SYNCHRONOUS;
import static io.jrunc.sys.Linux.MS_BIND;
import static io.jrunc.sys.Linux.MS_MANDLOCK;
import static io.jrunc.sys.Linux.MS_NOATIME;
import static io.jrunc.sys.Linux.MS_NODEV;
import static io.jrunc.sys.Linux.MS_NODIRATIME;
import static io.jrunc.sys.Linux.MS_NOEXEC;
import static io.jrunc.sys.Linux.MS_NOSUID;
import static io.jrunc.sys.Linux.MS_NOSYMFOLLOW;
import static io.jrunc.sys.Linux.MS_RDONLY;
import static io.jrunc.sys.Linux.MS_RELATIME;
import static io.jrunc.sys.Linux.MS_REMOUNT;
import static io.jrunc.sys.Linux.MS_STRICTATIME;
import static io.jrunc.sys.Linux.MS_SYNCHRONOUS;
import static io.jrunc.sys.Linux.ST_NOATIME;
import static io.jrunc.sys.Linux.ST_NODEV;
import static io.jrunc.sys.Linux.ST_NODIRATIME;
import static io.jrunc.sys.Linux.ST_NOEXEC;
import static io.jrunc.sys.Linux.ST_NOSUID;
import static io.jrunc.sys.Linux.ST_RDONLY;
import static io.jrunc.sys.Linux.ST_RELATIME;

/**
 * The MS_REMOUNT|MS_BIND that gives a bind mount its options. When the kernel refuses (EPERM:
 * the source's nosuid/nodev/noexec/ro/atime flags are locked, as in a user namespace), the remount
 * is retried keeping the source's lockable flags, unless the config explicitly asked to clear one
 * of them or for a different atime mode, which cannot be honoured: runc's behaviour.
 */
final class BindRemount {
    private final Syscalls sys;
    private final Mounter mounter;
    private final RootfsPaths paths;

    BindRemount(MountInstaller installer) {
        this.sys = installer.sys();
        this.mounter = installer.mounter();
        this.paths = installer.paths();
    }

    void remount(ConfigMount m) {
        int fd = paths.openPath(m.cleanDestination());
        try {
            String procFd = RootfsPaths.procFd(fd);
            long flags = m.flags() | MS_BIND | MS_REMOUNT;
            try {
                mounter.mountVia("", m.destination(), procFd, "", flags, "");
                return;
            } catch (JruncException refused) {
                long sourceFlags = sourceFlags(m.source());
                if ((sourceFlags & m.options().clearedFlags() & LOCKABLE_FLAGS) != 0) {
                    throw refused;
                }
                long atime = m.flags() & ATIME_FLAGS;
                if (atime != 0 && atime != (sourceFlags & ATIME_FLAGS)) {
                    throw refused;
                }
                mounter.mountVia("", m.destination(), procFd, "", flags | (sourceFlags & LOCKABLE_FLAGS), "");
            }
        } finally {
            paths.closeQuietly(fd);
        }
    }

    private long sourceFlags(String source) {
        try {
            return statfsToMountFlags(sys.statfs(source).flags());
        } catch (JruncException e) {
            throw Failures.of("statfs " + source, e);
        }
    }

    /** runc's statfsToMountFlags: statfs(2) ST_* bits as MS_* flags, strictatime when no other atime mode shows. */
    static long statfsToMountFlags(long st) {
        long[][] table = {
            {ST_RDONLY, MS_RDONLY}, {ST_NOSUID, MS_NOSUID}, {ST_NODEV, MS_NODEV}, {ST_NOEXEC, MS_NOEXEC},
            {ST_MANDLOCK, MS_MANDLOCK}, {ST_SYNCHRONOUS, MS_SYNCHRONOUS}, {ST_NOATIME, MS_NOATIME},
            {ST_NODIRATIME, MS_NODIRATIME}, {ST_RELATIME, MS_RELATIME}, {ST_NOSYMFOLLOW, MS_NOSYMFOLLOW},
        };
        long flags = 0;
        for (long[] row : table) {
            if ((st & row[0]) == row[0]) {
                flags |= row[1];
            }
        }
        // MS_STRICTATIME is not stored with the mount; it is what "no other atime mode" means
        if ((flags & ATIME_ENUM_FLAGS) == 0) {
            flags |= MS_STRICTATIME;
        }
        return flags;
    }
}

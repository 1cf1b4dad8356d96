package io.jrunc.container.rootfs;

import static io.jrunc.sys.Linux.MS_NOATIME;
import static io.jrunc.sys.Linux.MS_NODEV;
import static io.jrunc.sys.Linux.MS_NODIRATIME;
import static io.jrunc.sys.Linux.MS_NOEXEC;
import static io.jrunc.sys.Linux.MS_NOSUID;
import static io.jrunc.sys.Linux.MS_RDONLY;
import static io.jrunc.sys.Linux.MS_RELATIME;
import static io.jrunc.sys.Linux.MS_STRICTATIME;

/** Kernel constants this package needs that io.jrunc.sys.Linux does not define (yet). */
final class RootfsConstants {
    private RootfsConstants() {}

    /** statfs f_flags bits missing from Linux.ST_* (include/linux/statfs.h). */
    static final long ST_SYNCHRONOUS = 16;
    static final long ST_MANDLOCK = 64;
    static final long ST_NOSYMFOLLOW = 0x2000;

    /** runc's defaultMountFlags: what the cgroup v1 tmpfs and its hierarchies get. */
    static final long DEFAULT_MOUNT_FLAGS = MS_NOEXEC | MS_NOSUID | MS_NODEV;

    /** The atime "enum" flags, mutually exclusive. */
    static final long ATIME_ENUM_FLAGS = MS_NOATIME | MS_RELATIME | MS_STRICTATIME;
    /** Every atime-related flag. */
    static final long ATIME_FLAGS = ATIME_ENUM_FLAGS | MS_NODIRATIME;
    /** Flags the kernel locks (MNT_LOCK_*) on mounts inherited into a less privileged namespace. */
    static final long LOCKABLE_FLAGS = MS_RDONLY | MS_NODEV | MS_NOEXEC | MS_NOSUID | ATIME_FLAGS;

    /** Where the OCI config's cgroup mount comes from on the host. */
    static final String HOST_CGROUP_ROOT = "/sys/fs/cgroup";
}

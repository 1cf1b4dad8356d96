package io.jrunc.container.rootfs;

import static io.jrunc.sys.Linux.MS_BIND;
import static io.jrunc.sys.Linux.MS_DIRSYNC;
import static io.jrunc.sys.Linux.MS_I_VERSION;
import static io.jrunc.sys.Linux.MS_LAZYTIME;
import static io.jrunc.sys.Linux.MS_MANDLOCK;
import static io.jrunc.sys.Linux.MS_MOVE;
import static io.jrunc.sys.Linux.MS_NOATIME;
import static io.jrunc.sys.Linux.MS_NODEV;
import static io.jrunc.sys.Linux.MS_NODIRATIME;
import static io.jrunc.sys.Linux.MS_NOEXEC;
import static io.jrunc.sys.Linux.MS_NOSUID;
import static io.jrunc.sys.Linux.MS_NOSYMFOLLOW;
import static io.jrunc.sys.Linux.MS_POSIXACL;
import static io.jrunc.sys.Linux.MS_PRIVATE;
import static io.jrunc.sys.Linux.MS_RDONLY;
import static io.jrunc.sys.Linux.MS_REC;
import static io.jrunc.sys.Linux.MS_RELATIME;
import static io.jrunc.sys.Linux.MS_REMOUNT;
import static io.jrunc.sys.Linux.MS_SHARED;
import static io.jrunc.sys.Linux.MS_SILENT;
import static io.jrunc.sys.Linux.MS_SLAVE;
import static io.jrunc.sys.Linux.MS_STRICTATIME;
import static io.jrunc.sys.Linux.MS_SYNCHRONOUS;
import static io.jrunc.sys.Linux.MS_UNBINDABLE;

/** mount(2) flags as runc's error messages print them: "MS_NOSUID|MS_NODEV|MS_NOEXEC". */
final class MountFlagNames {
    private MountFlagNames() {}

    private static final String[] NAMES = {
        "MS_RDONLY", "MS_NOSUID", "MS_NODEV", "MS_NOEXEC", "MS_SYNCHRONOUS", "MS_REMOUNT", "MS_MANDLOCK",
        "MS_DIRSYNC", "MS_NOSYMFOLLOW", "MS_NOATIME", "MS_NODIRATIME", "MS_BIND", "MS_MOVE", "MS_REC",
        "MS_SILENT", "MS_POSIXACL", "MS_UNBINDABLE", "MS_PRIVATE", "MS_SLAVE", "MS_SHARED", "MS_RELATIME",
        "MS_I_VERSION", "MS_STRICTATIME", "MS_LAZYTIME",
    };

    private static final long[] BITS = {
        MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_SYNCHRONOUS, MS_REMOUNT, MS_MANDLOCK,
        MS_DIRSYNC, MS_NOSYMFOLLOW, MS_NOATIME, MS_NODIRATIME, MS_BIND, MS_MOVE, MS_REC,
        MS_SILENT, MS_POSIXACL, MS_UNBINDABLE, MS_PRIVATE, MS_SLAVE, MS_SHARED, MS_RELATIME,
        MS_I_VERSION, MS_STRICTATIME, MS_LAZYTIME,
    };

    /** runc's stringifyMountFlags: known names in kernel bit order, then any other bits in hex. */
    static String describe(long flags) {
        StringBuilder out = new StringBuilder();
        long seen = 0;
        for (int i = 0; i < BITS.length; i++) {
            if ((flags & BITS[i]) == BITS[i]) {
                seen |= BITS[i];
                append(out, NAMES[i]);
            }
        }
        long rest = flags & ~seen;
        if (rest != 0) {
            append(out, "0x" + Long.toHexString(rest));
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String name) {
        if (!out.isEmpty()) {
            out.append('|');
        }
        out.append(name);
    }
}

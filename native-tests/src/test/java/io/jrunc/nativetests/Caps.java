package io.jrunc.nativetests;

import java.util.Collection;
import java.util.List;

/** Linux capability numbers (capability.h) and the masks /proc/PID/status prints. */
public final class Caps {
    private Caps() {}

    /** Index = capability number. */
    private static final List<String> NAMES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN",
            "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    public static int number(String name) {
        int n = NAMES.indexOf(name);
        if (n < 0) throw new IllegalArgumentException("unknown capability " + name);
        return n;
    }

    /** The mask of these capability names, e.g. [CAP_KILL, CAP_NET_BIND_SERVICE] -> 0x420. */
    public static long mask(Collection<?> names) {
        long m = 0;
        if (names != null) for (Object n : names) m |= 1L << number((String) n);
        return m;
    }

    /** The value of a "CapXxx:" line of /proc/PID/status text. */
    public static long fromStatus(String status, String field) {
        for (String line : status.lines().toList()) {
            if (line.startsWith(field + ":")) return Long.parseUnsignedLong(line.substring(field.length() + 1).strip(), 16);
        }
        throw new AssertionError("no " + field + " in " + status);
    }

    public static String hex(long mask) {
        return String.format("%016x", mask);
    }
}

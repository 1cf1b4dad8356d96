package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.sys.GoQuote;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;

import java.util.List;

/**
 * runc's checkProcMount: nothing may be mounted over /proc or inside it (a container could hide
 * the masked paths or reach the host's /proc that way), except a fresh procfs (or a bind of one)
 * on /proc itself and the few files lxcfs emulates.
 */
final class ProcMountGuard {
    private ProcMountGuard() {}

    private static final List<String> LXCFS_FILES = List.of(
            "/proc/cpuinfo", "/proc/diskstats", "/proc/meminfo", "/proc/stat", "/proc/swaps", "/proc/uptime",
            "/proc/loadavg", "/proc/slabinfo", "/proc/net/dev", "/proc/sys/kernel/ns_last_pid",
            "/proc/sys/crypto/fips_enabled");

    /**
     * @param dest     the clean container path the mount lands on
     * @param hostPath the same as a host path, for the message
     */
    static void check(Syscalls sys, ConfigMount m, String dest, String hostPath) {
        if (!GoPath.isWithin(dest, "/proc")) {
            return;
        }
        if (dest.equals("/proc")) {
            if (m.isBind()) {
                if (isProcfs(sys, m.source())) {
                    return;
                }
            } else if (m.type().equals("proc")) {
                return;
            }
            throw new JruncException(GoQuote.quote(hostPath) + " cannot be mounted because it is not of type proc");
        }
        if (LXCFS_FILES.contains(dest)) {
            return;
        }
        throw new JruncException(GoQuote.quote(hostPath) + " cannot be mounted because it is inside /proc");
    }

    private static boolean isProcfs(Syscalls sys, String source) {
        try {
            return sys.statfs(source).type() == Linux.PROC_SUPER_MAGIC;
        } catch (JruncException e) {
            throw Failures.of("statfs " + source, e);
        }
    }
}

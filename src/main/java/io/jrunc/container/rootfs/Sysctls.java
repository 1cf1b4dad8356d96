package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Spec;
import io.jrunc.sys.GoQuote;
import io.jrunc.sys.Syscalls;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.O_CLOEXEC;
import static io.jrunc.sys.Linux.O_CREAT;
import static io.jrunc.sys.Linux.O_TRUNC;
import static io.jrunc.sys.Linux.O_WRONLY;

/**
 * linux.sysctl: which keys a container may set (only those its own namespaces isolate, as runc's
 * validator decides) and writing them to /proc/sys inside the container.
 */
public final class Sysctls {
    private Sysctls() {}

    /** The IPC-namespaced keys outside fs.mqueue.*. */
    private static final Set<String> IPC_KEYS = Set.of(
            "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
            "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");

    /** Checks linux.sysctl of {@code spec}, comparing a joined network namespace with this process's. */
    public static void validate(Spec spec, Syscalls sys) {
        Linux linux = spec.linux();
        if (linux == null) {
            return;
        }
        validate(linux, path -> isHostNetns(sys, path));
    }

    /**
     * runc's sysctl check, with runc's messages.
     *
     * @param isHostNetns whether the network namespace at a path is the one this process is in
     */
    public static void validate(Linux linux, Predicate<String> isHostNetns) {
        Boolean hostNet = null;
        for (String key : linux.sysctl().keySet()) {
            String s = dotted(key);
            if (IPC_KEYS.contains(s) || s.startsWith("fs.mqueue.")) {
                if (linux.namespace("ipc") != null) {
                    continue;
                }
                throw new JruncException("sysctl " + GoQuote.quote(s) + " is not allowed in the hosts ipc namespace");
            }
            if (s.startsWith("net.")) {
                if (hostNet == null) {
                    Linux.Namespace net = linux.namespace("network");
                    hostNet = net == null || (net.path() != null && !net.path().isEmpty() && isHostNetns.test(net.path()));
                }
                if (hostNet) {
                    throw new JruncException("sysctl " + GoQuote.quote(s) + " not allowed in host network namespace");
                }
                continue;
            }
            if (linux.namespace("uts") != null) {
                if (s.equals("kernel.domainname")) {
                    continue;
                }
                if (s.equals("kernel.hostname")) {
                    throw new JruncException("sysctl " + GoQuote.quote(s) + " is not allowed as it conflicts with the OCI "
                            + GoQuote.quote("hostname") + " field");
                }
            }
            throw new JruncException("sysctl " + GoQuote.quote(s) + " is not in a separate kernel namespace");
        }
    }

    /** Whether the namespace file at {@code path} is this process's network namespace (same device and inode). */
    public static boolean isHostNetns(Syscalls sys, String path) {
        Syscalls.FileStat mine = stat(sys, "/proc/self/ns/net");
        Syscalls.FileStat other = stat(sys, path);
        return mine.devMajor() == other.devMajor() && mine.devMinor() == other.devMinor() && mine.inode() == other.inode();
    }

    private static Syscalls.FileStat stat(Syscalls sys, String path) {
        try {
            return sys.statx(AT_FDCWD, path, 0);
        } catch (JruncException e) {
            throw Failures.wrap("invalid netns path", Failures.of("stat " + path, e));
        }
    }

    /**
     * sysctl(8) also accepts "/" as the separator ("net/ipv4/ip_forward"); then any "." belongs to a
     * name ("eno2.100") and turns into "/". runc's convertSysctlVariableToDotsSeparator.
     */
    static String dotted(String key) {
        int first = firstSeparator(key);
        if (first < 0 || key.charAt(first) == '.') {
            return key;
        }
        return swapSeparators(key);
    }

    /** The file under /proc/sys that holds {@code key}. */
    static String procPath(String key) {
        int first = firstSeparator(key);
        String path = first >= 0 && key.charAt(first) == '/' ? key : key.replace('.', '/');
        return "/proc/sys/" + path;
    }

    private static int firstSeparator(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '.' || key.charAt(i) == '/') {
                return i;
            }
        }
        return -1;
    }

    private static String swapSeparators(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            out.append(c == '.' ? '/' : c == '/' ? '.' : c);
        }
        return out.toString();
    }

    /** Writes each value, in order; runc's writeSystemProperty (os.WriteFile) wording on failure. */
    static void apply(Syscalls sys, Map<String, String> sysctl) {
        for (Map.Entry<String, String> e : sysctl.entrySet()) {
            write(sys, procPath(e.getKey()), e.getValue().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void write(Syscalls sys, String path, byte[] value) {
        int fd;
        try {
            fd = sys.openat(AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        } catch (JruncException e) {
            throw Failures.of("open " + path, e);
        }
        try {
            int off = 0;
            while (off < value.length) {
                off += sys.write(fd, value, off, value.length - off);
            }
        } catch (JruncException e) {
            throw Failures.of("write " + path, e);
        } finally {
            try {
                sys.close(fd);
            } catch (JruncException ignored) {
                // the value is written or the write already failed
            }
        }
    }
}

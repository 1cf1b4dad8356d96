package io.jrunc.container;

import io.jrunc.JruncException;
import io.jrunc.spec.Linux.Namespace;
import io.jrunc.spec.Linux.TimeOffset;
import io.jrunc.spec.Spec;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.CLONE_NEWPID;
import static io.jrunc.sys.Linux.CLONE_NEWTIME;
import static io.jrunc.sys.Linux.O_CLOEXEC;
import static io.jrunc.sys.Linux.O_RDONLY;
import static io.jrunc.sys.Linux.O_WRONLY;

/**
 * The two namespaces the parent must enter before it clones the init, because for them setns and
 * unshare only affect the caller's future children: a pid namespace given by path (the init must
 * be born inside it), and a new time namespace, whose clock offsets can be written only while no
 * process is inside it yet. The create process is short-lived, so changing its own
 * pid_for_children/time_for_children is harmless.
 */
final class ParentNamespaces {
    private ParentNamespaces() {}

    static void enter(Syscalls sys, Spec spec, Namespaces namespaces) {
        for (Namespace ns : namespaces.joined()) {
            if (ns.type().equals("pid")) join(sys, ns, CLONE_NEWPID);
            if (ns.type().equals("time")) join(sys, ns, CLONE_NEWTIME);
        }
        if (namespaces.isNew("time")) {
            sys.unshare((int) CLONE_NEWTIME);
            Map<String, TimeOffset> offsets = spec.linux().timeOffsets();
            if (offsets != null && !offsets.isEmpty()) writeTimeOffsets(sys, offsets);
        }
    }

    private static void join(Syscalls sys, Namespace ns, long flag) {
        int fd;
        try {
            fd = sys.openat(AT_FDCWD, ns.path(), O_RDONLY | O_CLOEXEC, 0);
        } catch (JruncException e) {
            throw e.withContext("failed to open " + ns.type() + " namespace " + ns.path());
        }
        try {
            sys.setns(fd, (int) flag);
        } catch (JruncException e) {
            throw e.withContext("failed to join " + ns.type() + " namespace " + ns.path());
        } finally {
            sys.close(fd);
        }
    }

    /** One line per clock, "monotonic SECS NANOS", in one write: the kernel parses the whole buffer at once. */
    private static void writeTimeOffsets(Syscalls sys, Map<String, TimeOffset> offsets) {
        StringBuilder text = new StringBuilder();
        offsets.forEach((clock, off) -> text.append(clock).append(' ').append(off.secs()).append(' ').append(off.nanosecs()).append('\n'));
        int fd = sys.openat(AT_FDCWD, "/proc/self/timens_offsets", O_WRONLY | O_CLOEXEC, 0);
        try {
            SysFiles.writeAll(sys, fd, text.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (JruncException e) {
            throw e.withContext("failed to set time namespace offsets");
        } finally {
            sys.close(fd);
        }
    }
}

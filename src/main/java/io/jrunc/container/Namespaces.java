package io.jrunc.container;

import io.jrunc.JruncException;
import io.jrunc.spec.Linux.Namespace;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.jrunc.sys.Linux.CLONE_NEWCGROUP;
import static io.jrunc.sys.Linux.CLONE_NEWTIME;
import static io.jrunc.sys.Linux.CLONE_NEWUSER;

/**
 * The namespaces of a container: which are new (clone flags) and which are joined by path
 * (setns). Joined namespaces are entered in the kernel's required order: user first (it changes
 * what the others may do), mount last (a new mount namespace would hide the /proc paths of the
 * others).
 */
public record Namespaces(long newFlags, List<Namespace> joined) {

    /** setns order, as runc's nsexec: user, ipc, uts, net, pid, mount, cgroup, time. */
    private static final List<String> JOIN_ORDER = List.of("user", "ipc", "uts", "network", "pid", "mount", "cgroup", "time");

    public static long flagOf(String type) {
        long flag = io.jrunc.sys.Linux.namespaceFlag(type);
        if (flag == 0) throw new JruncException("unknown namespace type \"" + type + "\"");
        return flag;
    }

    /** Checks the list (no duplicates, no user namespace yet) and splits it into new and joined. */
    public static Namespaces of(List<Namespace> namespaces) {
        long flags = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < namespaces.size(); i++) {
            Namespace ns = namespaces.get(i);
            long flag = flagOf(ns.type());
            if (!seen.add(ns.type())) {
                throw new JruncException("linux.namespaces[" + i + "]: duplicate namespace type \"" + ns.type() + "\"");
            }
            if (flag == CLONE_NEWUSER) {
                throw new JruncException("linux.namespaces[" + i + "]: user namespaces are not supported by jrunc yet");
            }
            if (ns.path() == null || ns.path().isEmpty()) flags |= flag;
        }
        List<Namespace> joined = namespaces.stream()
                .filter(ns -> ns.path() != null && !ns.path().isEmpty())
                .sorted((a, b) -> Integer.compare(JOIN_ORDER.indexOf(a.type()), JOIN_ORDER.indexOf(b.type())))
                .toList();
        return new Namespaces(flags, joined);
    }

    /**
     * The flags for clone: every new namespace but time, which the parent unshares before the
     * clone (its offsets must be written before any process is inside it), and cgroup, which the
     * init unshares once it is in its cgroups (a cgroup namespace is rooted where its creator is:
     * the parent's cgroup, even for clone3 with CLONE_INTO_CGROUP).
     */
    public long cloneFlags() {
        return newFlags & ~CLONE_NEWTIME & ~CLONE_NEWCGROUP;
    }

    public boolean isNew(String type) {
        return (newFlags & flagOf(type)) != 0;
    }

    public boolean has(String type) {
        return isNew(type) || joined.stream().anyMatch(ns -> ns.type().equals(type));
    }
}

package io.jrunc.container.exec;

import io.jrunc.JruncException;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.O_CLOEXEC;
import static io.jrunc.sys.Linux.O_DIRECTORY;
import static io.jrunc.sys.Linux.O_PATH;
import static io.jrunc.sys.Linux.O_WRONLY;

/**
 * The cgroups an exec'd process joins: those of the container's init, read from
 * /proc/INITPID/cgroup (so they are right whichever manager made them), each under its usual
 * mount point: a v1 hierarchy at /sys/fs/cgroup/CONTROLLERS (or /sys/fs/cgroup/CONTROLLER, the
 * usual symlink), a named one ("name=systemd") at /sys/fs/cgroup/NAME, the unified hierarchy at
 * /sys/fs/cgroup/unified (hybrid hosts) or /sys/fs/cgroup. A hierarchy without a cgroup.procs
 * there is skipped silently. {@code --cgroup} sub-paths move the process further down, with
 * runc's rules and messages. This is deliberately small, to be swapped for the container's
 * cgroup manager ({@code ContainerRecord.cgroupManager(sys)}: its {@code paths()} are runc's
 * cgroup paths, the same keys and directories as {@link Hierarchy}).
 */
public final class ExecCgroups {
    static final String ROOT = "/sys/fs/cgroup";
    static final String UNIFIED = ROOT + "/unified";
    static final String PROCS = "cgroup.procs";
    static final String TASKS = "tasks";
    static final String JOIN_FAILED = "error adding the process to the container's cgroups";

    /** One hierarchy of the init: its controllers (runc's cgroup path keys) and the directory to join. */
    record Hierarchy(List<String> keys, String dir) {}

    private final Syscalls sys;
    private final List<Hierarchy> hierarchies;

    private ExecCgroups(Syscalls sys, List<Hierarchy> hierarchies) {
        this.sys = sys;
        this.hierarchies = List.copyOf(hierarchies);
    }

    /** The directories the process joins, in /proc/PID/cgroup order. */
    public List<String> directories() {
        return distinct().stream().map(Hierarchy::dir).toList();
    }

    /**
     * runc's getSubCgroupPaths: "ctrl[,ctrl]:path" per controller, or one plain "path" for every
     * hierarchy (the only form cgroup v2 has). Keys are controller names, "" for the plain form.
     */
    public static Map<String, String> parseSubPaths(List<String> args) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String c : args) {
            String[] cs = c.split(":", 3);
            if (cs.length > 2) {
                throw new JruncException("invalid --cgroup argument: " + c);
            }
            if (cs.length == 1) {
                if (args.size() != 1) {
                    throw new JruncException("invalid --cgroup argument: " + c + " (missing <controller>: prefix)");
                }
                paths.put("", c);
            } else {
                for (String ctrl : cs[0].split(",", -1)) {
                    paths.put(ctrl, cs[1]);
                }
            }
        }
        return paths;
    }

    /** The init's cgroups with {@code subPaths} ({@link #parseSubPaths}) applied. */
    public static ExecCgroups of(Syscalls sys, int initPid, Map<String, String> subPaths) {
        String procFile = "/proc/" + initPid + "/cgroup";
        String text;
        try {
            text = SysFiles.readString(sys, AT_FDCWD, procFile);
        } catch (JruncException e) {
            throw e.withContext("cannot read the container's cgroups");
        }
        List<Hierarchy> found = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(":", 3);
            if (f.length != 3) {
                throw new JruncException("malformed line in " + procFile + ": " + line);
            }
            Hierarchy h = f[1].isEmpty() ? unified(sys, f[2]) : v1(sys, f[1], f[2]);
            if (h != null) {
                found.add(h);
            }
        }
        return new ExecCgroups(sys, withSubPaths(found, subPaths));
    }

    private static Hierarchy unified(Syscalls sys, String path) {
        for (String mount : List.of(UNIFIED, ROOT)) {
            String dir = join(mount, path);
            if (SysFiles.exists(sys, AT_FDCWD, dir + "/" + PROCS)) {
                return new Hierarchy(List.of(""), dir);
            }
        }
        return null;
    }

    private static Hierarchy v1(Syscalls sys, String controllers, String path) {
        List<String> keys = List.of(controllers.split(","));
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(controllers.startsWith("name=") ? controllers.substring(5) : controllers);
        for (String k : keys) {
            candidates.add(k.startsWith("name=") ? k.substring(5) : k);
        }
        for (String name : candidates) {
            String dir = join(ROOT + "/" + name, path);
            if (SysFiles.exists(sys, AT_FDCWD, dir + "/" + PROCS)) {
                return new Hierarchy(keys, dir);
            }
        }
        return null;
    }

    /** libcontainer's newSetnsProcess: "" moves every hierarchy, a controller only its own. */
    static List<Hierarchy> withSubPaths(List<Hierarchy> hierarchies, Map<String, String> subPaths) {
        if (subPaths.isEmpty()) {
            return hierarchies;
        }
        List<Hierarchy> out = new ArrayList<>();
        String all = subPaths.get("");
        if (all != null) {
            for (Hierarchy h : hierarchies) {
                out.add(new Hierarchy(h.keys(), subPath(h.dir(), all)));
            }
            return out;
        }
        for (String ctrl : subPaths.keySet()) {
            if (hierarchies.stream().noneMatch(h -> h.keys().contains(ctrl))) {
                throw new JruncException("unknown controller " + ctrl + " in SubCgroupPaths");
            }
        }
        for (Hierarchy h : hierarchies) {
            String dir = h.dir();
            for (String key : h.keys()) {
                String add = subPaths.get(key);
                if (add != null) {
                    dir = subPath(h.dir(), add);
                }
            }
            out.add(new Hierarchy(h.keys(), dir));
        }
        return out;
    }

    /** path.Join(base, add), which must stay at or under base (not merely share its prefix). */
    private static String subPath(String base, String add) {
        String joined = join(base, add);
        if (!joined.equals(base) && !joined.startsWith(base + "/")) {
            throw new JruncException(add + " is not a sub cgroup path");
        }
        return joined;
    }

    /** Go's path.Join of an absolute base: joined, then cleaned lexically ("..", ".", "//"). */
    static String join(String base, String path) {
        List<String> parts = new ArrayList<>();
        for (String part : (base + "/" + path).split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(part);
        }
        return "/" + String.join("/", parts);
    }

    /**
     * An O_PATH fd of the cgroup2 directory (the unified hierarchy of a hybrid host, or a pure v2
     * host's) for clone3(CLONE_INTO_CGROUP), or -1 when the init has none. The caller closes it.
     */
    public int openCgroup2Dir() {
        for (Hierarchy h : hierarchies) {
            if (h.keys().equals(List.of(""))) {
                try {
                    return sys.openat(AT_FDCWD, h.dir(), O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
                } catch (JruncException e) {
                    throw e.withContext(JOIN_FAILED);
                }
            }
        }
        return -1;
    }

    /**
     * Moves the calling process, the forked exec child (single-threaded, still in the host's mount
     * namespace), into every directory clone3 did not already place it in. It writes "0" (itself)
     * to each v1 "tasks" file: written by the thread itself, that skips the kernel's global lock,
     * whose first writer waits out an RCU grace period (5-20 ms) when a pid is written instead.
     *
     * @param placedByClone clone3(CLONE_INTO_CGROUP) put the process in the cgroup2 directory
     */
    public void joinSelf(boolean placedByClone) {
        byte[] self = {'0'};
        for (Hierarchy h : distinct()) {
            boolean cgroup2 = h.keys().equals(List.of(""));
            if (cgroup2 && placedByClone) {
                continue;
            }
            // cgroup2 has no per-thread file for a domain cgroup
            String file = h.dir() + "/" + (cgroup2 ? PROCS : TASKS);
            try {
                int fd = sys.openat(AT_FDCWD, file, O_WRONLY | O_CLOEXEC, 0);
                try {
                    SysFiles.writeAll(sys, fd, self);
                } finally {
                    sys.close(fd);
                }
            } catch (JruncException e) {
                throw e.withContext(JOIN_FAILED);
            }
        }
    }

    /** One entry per directory: co-mounted controllers share theirs. */
    private List<Hierarchy> distinct() {
        Set<String> seen = new LinkedHashSet<>();
        List<Hierarchy> out = new ArrayList<>();
        for (Hierarchy h : hierarchies) {
            if (seen.add(h.dir())) {
                out.add(h);
            }
        }
        return out;
    }
}

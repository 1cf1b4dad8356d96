package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.sys.Linux;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jrunc.sys.Linux.AT_FDCWD;

/** {@link CgroupHost} read from statfs(/sys/fs/cgroup), /proc/self/mountinfo and /proc/self/cgroup, as runc does. */
final class ProcCgroupHost implements CgroupHost {
    private static final String NAME_PREFIX = "name=";

    private final Syscalls sys;
    private final Map<String, String> containerDirs;

    ProcCgroupHost(Syscalls sys, Map<String, String> containerDirs) {
        this.sys = sys;
        this.containerDirs = Map.copyOf(containerDirs);
    }

    @Override
    public boolean unified() {
        try {
            return sys.statfs(RootfsConstants.HOST_CGROUP_ROOT).type() == Linux.CGROUP2_SUPER_MAGIC;
        } catch (JruncException e) {
            throw Failures.of("statfs " + RootfsConstants.HOST_CGROUP_ROOT, e);
        }
    }

    @Override
    public List<V1Hierarchy> v1Hierarchies() {
        Map<String, String> own = ownCgroups(read("/proc/self/cgroup"));
        return hierarchies(MountInfo.parse(read("/proc/self/mountinfo")), own, containerDirs);
    }

    private String read(String path) {
        try {
            return SysFiles.readString(sys, AT_FDCWD, path);
        } catch (JruncException e) {
            throw Failures.of("open " + path, e);
        }
    }

    /** /proc/self/cgroup ("4:cpu,cpuacct:/user.slice") as subsystem to path. */
    static Map<String, String> ownCgroups(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] parts = line.split(":", 3);
            if (parts.length != 3) {
                continue;
            }
            for (String subsystem : parts[1].split(",")) {
                out.put(subsystem, parts[2]);
            }
        }
        return out;
    }

    /**
     * runc's GetCgroupMounts(false) and GetOwnCgroup: every v1 mount of a subsystem this process
     * has, the first one for each subsystem, each with this process's directory in it, or the
     * container's where {@code containerDirs} (subsystem to host directory) names it.
     */
    static List<V1Hierarchy> hierarchies(List<MountInfo> mounts, Map<String, String> own, Map<String, String> containerDirs) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (String subsystem : own.keySet()) {
            seen.put(subsystem, false);
        }
        List<V1Hierarchy> out = new ArrayList<>();
        for (MountInfo m : mounts) {
            if (!m.fsType().equals("cgroup")) {
                continue;
            }
            List<String> subsystems = new ArrayList<>();
            for (String opt : m.superOptions().split(",")) {
                Boolean already = seen.get(opt);
                if (already == null || already) {
                    continue;
                }
                seen.put(opt, true);
                subsystems.add(opt.startsWith(NAME_PREFIX) ? opt.substring(NAME_PREFIX.length()) : opt);
            }
            if (subsystems.isEmpty()) {
                continue;
            }
            String first = subsystems.getFirst();
            String containerDir = containerDirs.getOrDefault(first, containerDirs.get(NAME_PREFIX + first));
            if (containerDir != null) {
                out.add(new V1Hierarchy(m.mountpoint(), containerDir));
                continue;
            }
            String dir = own.get(first);
            if (dir == null) {
                dir = own.get(NAME_PREFIX + first);
            }
            if (dir == null) {
                throw new JruncException("mountpoint for " + first + " not found");
            }
            out.add(new V1Hierarchy(m.mountpoint(), GoPath.join(m.mountpoint(), relative(m.root(), dir))));
        }
        return out;
    }

    /** dir relative to root (both absolute); a dir outside root stays as it is. */
    private static String relative(String root, String dir) {
        String r = GoPath.clean(root);
        String d = GoPath.clean(dir);
        if (r.equals("/")) {
            return d.substring(1);
        }
        if (d.equals(r)) {
            return "";
        }
        return d.startsWith(r + "/") ? d.substring(r.length() + 1) : d;
    }
}

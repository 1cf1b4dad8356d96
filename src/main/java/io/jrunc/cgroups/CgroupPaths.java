package io.jrunc.cgroups;

import io.jrunc.JruncException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * runc's rules for where a container's cgroup is (cgroupfs driver): the config's cgroupsPath,
 * cleaned so that it cannot climb out; empty means the container id. An absolute path starts
 * at each hierarchy's mountpoint; a relative one at jrunc's own cgroup, on v2 at its parent
 * (jrunc's own cgroup has processes in it, so controllers cannot be enabled below it).
 */
final class CgroupPaths {
    private CgroupPaths() {}

    /** The v1 subsystems runc knows, in the order it creates, joins and configures them. */
    static final List<String> V1_SUBSYSTEMS = List.of("cpuset", "devices", "memory", "cpu", "cpuacct", "pids",
            "blkio", "hugetlb", "net_cls", "net_prio", "perf_event", "freezer", "rdma", "name=systemd", "misc");

    /** Hierarchies joined on a best-effort basis: no resources live there (runc's NameGroup). */
    static final Set<String> BEST_EFFORT = Set.of("name=systemd", "misc", "");

    static String innerPath(String cgroupsPath, String containerId) {
        String cleaned = GoPaths.cleanCgroupPath(cgroupsPath);
        return cleaned.isEmpty() ? GoPaths.cleanCgroupPath(containerId) : cleaned;
    }

    /** The container's directory in the cgroup2 hierarchy. */
    static String unifiedDir(CgroupLayout layout, String inner, boolean parentOfOwn) {
        CgroupLayout.Mount mount = layout.unified();
        if (inner.startsWith("/")) {
            return GoPaths.join(mount.mountpoint(), inner);
        }
        String own = layout.ownCgroups().get("");
        if (own == null) {
            throw new JruncException("cgroup path not found");
        }
        String base = GoPaths.relativeInside(GoPaths.clean(mount.root()), GoPaths.clean(own));
        if (parentOfOwn) {
            base = GoPaths.dir("/" + base).substring(1);
        }
        return GoPaths.join(mount.mountpoint(), base, inner);
    }

    /**
     * Subsystem to directory for a v1 or hybrid host, in {@link #V1_SUBSYSTEMS} order, the
     * cgroup2 directory of a hybrid host under "". An unmounted subsystem is left out, except
     * devices: running without the devices controller would give the container every device.
     */
    static Map<String, String> v1Dirs(CgroupLayout layout, String inner) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String subsystem : V1_SUBSYSTEMS) {
            CgroupLayout.Mount mount = layout.v1().get(subsystem);
            if (mount == null) {
                if (subsystem.equals("devices")) {
                    throw new JruncException("mountpoint for devices not found");
                }
                continue;
            }
            if (inner.startsWith("/")) {
                out.put(subsystem, GoPaths.join(mount.mountpoint(), inner));
            } else {
                String own = layout.ownCgroups().get(subsystem);
                if (own == null) {
                    throw new JruncException("mountpoint for " + subsystem + " not found");
                }
                String base = GoPaths.relativeInside(GoPaths.clean(mount.root()), GoPaths.clean(own));
                out.put(subsystem, GoPaths.join(mount.mountpoint(), base, inner));
            }
        }
        if (layout.kind() == CgroupLayout.Kind.HYBRID) {
            out.put("", unifiedDir(layout, inner, false));
        }
        return out;
    }

    /** Subsystem to the mountpoint its directory is under. */
    static Map<String, String> v1Mountpoints(CgroupLayout layout, Map<String, String> dirs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String subsystem : dirs.keySet()) {
            out.put(subsystem, subsystem.isEmpty() ? layout.unified().mountpoint()
                    : layout.v1().get(subsystem).mountpoint());
        }
        return out;
    }
}

package io.jrunc.container.rootfs;

import io.jrunc.sys.Syscalls;

import java.util.List;
import java.util.Map;

/**
 * How the host lays out its cgroups, which decides what the config's "cgroup" mount becomes:
 * a cgroup2 mount on a pure v2 host, otherwise a tmpfs holding the v1 hierarchies. An interface
 * so tests (and callers that already know) can answer without reading /proc.
 */
public interface CgroupHost {

    /** Whether /sys/fs/cgroup is a pure cgroup v2 (unified) hierarchy. */
    boolean unified();

    /** The cgroup v1 hierarchies this process belongs to; only asked when {@link #unified()} is false. */
    List<V1Hierarchy> v1Hierarchies();

    /**
     * One cgroup v1 hierarchy.
     *
     * @param mountpoint where the host mounts it ("/sys/fs/cgroup/cpu,cpuacct"); its last element
     *                   names the directory in the container
     * @param ownCgroup  the container's cgroup directory in it, as a host path
     *                   ("/sys/fs/cgroup/cpu,cpuacct/user.slice/x"): what a container without a cgroup
     *                   namespace gets bind-mounted
     */
    record V1Hierarchy(String mountpoint, String ownCgroup) {}

    /** The host as /proc and statfs(2) describe it, read when first asked; the container's cgroups are this process's. */
    static CgroupHost of(Syscalls sys) {
        return of(sys, Map.of());
    }

    /**
     * As {@link #of(Syscalls)}, for an init not yet in every cgroup of its container (the memory one
     * waits): {@code containerDirs} (runc's cgroup paths: subsystem to host directory) names them.
     */
    static CgroupHost of(Syscalls sys, Map<String, String> containerDirs) {
        return new ProcCgroupHost(sys, containerDirs);
    }
}

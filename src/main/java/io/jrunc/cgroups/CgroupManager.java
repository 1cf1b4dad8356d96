package io.jrunc.cgroups;

import io.jrunc.json.JsonNode;
import io.jrunc.json.JsonValue;
import io.jrunc.spec.Resources;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.util.List;
import java.util.Map;

import static io.jrunc.sys.Linux.AT_FDCWD;

/**
 * The cgroup of one container, in every hierarchy the host has. Made by {@link #forContainer}
 * at create time; saved with {@link #toJson} in the container's state and rebuilt with
 * {@link #fromJson} by later commands (delete, pause, resume, update, ps, events, kill).
 *
 * <p>Typical create: {@code create(resources)}, {@code apply(resources, deviceRules)}, clone3 with
 * {@link #cgroupFd()} (CLONE_INTO_CGROUP), and in the new init {@link #joinSelf} for the rest.
 */
public interface CgroupManager {

    /**
     * The manager for a new container, resolving cgroupsPath as runc's cgroupfs driver does.
     * With {@code systemdCgroup} (--systemd-cgroup) the path must read "slice:prefix:name" and
     * fails either way, since jrunc has no systemd driver; nothing is created before that.
     */
    static CgroupManager forContainer(Syscalls sys, CgroupLayout layout, String containerId, String cgroupsPath,
                                      boolean systemdCgroup) {
        if (systemdCgroup) {
            SystemdCgroups.refuse(cgroupsPath, SysFiles.exists(sys, AT_FDCWD, SystemdCgroups.RUNNING_MARKER));
        }
        String inner = CgroupPaths.innerPath(cgroupsPath, containerId);
        if (layout.kind() == CgroupLayout.Kind.V2) {
            return new V2CgroupManager(sys, layout.unified().mountpoint(), CgroupPaths.unifiedDir(layout, inner, true),
                    List.of());
        }
        Map<String, String> dirs = CgroupPaths.v1Dirs(layout, inner);
        return new V1CgroupManager(sys, dirs, CgroupPaths.v1Mountpoints(layout, dirs), List.of());
    }

    /** The manager saved by {@link #toJson}. */
    static CgroupManager fromJson(Syscalls sys, JsonValue saved) {
        JsonNode n = JsonNode.root(saved);
        String mode = n.reqString("mode");
        Map<String, String> paths = n.stringMap("paths");
        Map<String, String> mountpoints = n.stringMap("mountpoints");
        List<String> created = n.stringList("created");
        return switch (mode) {
            case "v2" -> new V2CgroupManager(sys, mountpoints.get(""), paths.get(""), created);
            case "v1", "hybrid" -> new V1CgroupManager(sys, paths, mountpoints, created);
            default -> throw n.error("unknown cgroup mode " + mode);
        };
    }

    /** runc's warnings for settings it ignores (kernel memory), for the caller to log. */
    static List<String> ignoredSettingWarnings(Resources resources) {
        return ResourceChecks.ignoredSettingWarnings(resources);
    }

    /**
     * mkdir -p of the container's directory in every hierarchy, remembering which directories
     * this made. v2: enables the host's controllers down to the parent. v1: copies the parent's
     * cpuset.cpus/mems into new cpuset directories (or writes the configured ones), without which
     * no task can join. {@code resources} may be null.
     */
    void create(Resources resources);

    /**
     * An O_PATH directory fd of the cgroup2 directory (pure v2, or the hybrid host's unified one)
     * for clone3(CLONE_INTO_CGROUP), or -1 on a pure v1 host. The caller closes it.
     */
    int cgroupFd();

    /**
     * Moves the calling process, a new single-threaded init, into the container's cgroup in every
     * hierarchy clone3 did not already place it in. Called before the init leaves the host's mount
     * namespace and before it unshares its cgroup namespace, whose root is the cgroup it is in then.
     *
     * @param placedByClone clone3(CLONE_INTO_CGROUP) put the process in the cgroup2 directory
     * @param deferMemory   leave the v1 memory cgroup to the returned join, done when the init's
     *                      setup is: what the setup allocates then stays charged to jrunc's own
     *                      cgroup, so even a tiny memory limit holds just the container's process
     * @return the join still to do: the deferred memory cgroup, or nothing
     */
    LateJoin joinSelf(boolean placedByClone, boolean deferMemory);

    /**
     * Writes every resource with runc's conversions. {@code deviceRules} is the device list to
     * enforce (see {@link CgroupDeviceRule#forContainer}); null leaves devices alone.
     */
    void apply(Resources resources, List<CgroupDeviceRule> deviceRules);

    /** runc update: {@link #apply} of the merged resources, devices left as they are. */
    default void update(Resources resources) {
        apply(resources, null);
    }

    /** Freezes every process and waits until the kernel reports the cgroup frozen. */
    void freeze();

    void thaw();

    boolean isFrozen();

    /** Every process in the cgroup and its sub-cgroups. */
    List<Integer> pids();

    /** Sends {@code signal} to every process; SIGKILL through cgroup.kill where the kernel has it. */
    void killAll(int signal);

    /** runc's events --stats data. */
    CgroupStats stats();

    /** How many processes the OOM killer has killed in the cgroup (0 when unknown). */
    long oomKillCount();

    /** Whether the container's cgroup directory still exists. */
    boolean exists();

    /** Removes the directories {@link #create} made, deepest first; other directories stay. */
    void destroy();

    /** runc's cgroup_paths: subsystem (or "" for cgroup2) to directory. */
    Map<String, String> paths();

    /** Everything later commands need to rebuild this manager. */
    JsonValue toJson();
}

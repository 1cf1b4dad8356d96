package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.spec.Resources;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.jrunc.sys.Linux.SIGKILL;

/**
 * A container's cgroup on a v1 host: one directory per mounted hierarchy (cpu and cpuacct may
 * share one), and on a hybrid host also one in the controller-less cgroup2 mount (paths key
 * ""), which runc joins so that cgroup2-aware tools see the container.
 */
final class V1CgroupManager extends BaseCgroupManager {
    V1CgroupManager(Syscalls sys, Map<String, String> paths, Map<String, String> mountpoints, List<String> created) {
        super(sys, paths, mountpoints, created);
    }

    @Override
    String mode() {
        return paths.containsKey("") ? "hybrid" : "v1";
    }

    @Override
    String primaryDir() {
        for (String subsystem : List.of("devices", "freezer", "memory", "pids")) {
            if (paths.get(subsystem) != null) {
                return paths.get(subsystem);
            }
        }
        return paths.values().stream().findFirst().orElse(null);
    }

    @Override
    public void create(Resources resources) {
        Set<String> done = new HashSet<>();
        List<String> madeNow = new ArrayList<>();
        try {
            for (String subsystem : new ArrayList<>(paths.keySet())) {
                String dir = paths.get(subsystem);
                if (!done.add(dir)) {
                    continue; // co-mounted hierarchies (cpu,cpuacct) share a directory
                }
                try {
                    madeNow.addAll(dirs.makeBelow(mountpoints.get(subsystem), dir));
                    if (subsystem.equals("cpuset")) {
                        prepareCpuset(mountpoints.get(subsystem), dir, resources);
                    }
                } catch (JruncException e) {
                    if (!CgroupPaths.BEST_EFFORT.contains(subsystem)) {
                        throw e;
                    }
                    paths.remove(subsystem); // nothing to configure there; not worth failing for
                }
            }
        } catch (JruncException e) {
            dirs.removeQuietly(madeNow);
            throw e;
        }
        created.addAll(madeNow);
    }

    /**
     * A new cpuset cgroup has empty cpuset.cpus/mems, and no task can join it then: fill each
     * empty one from its parent, top down; the leaf gets the configured values first, so that
     * it does not inherit CPUs it must not have (cpuset.cpu_exclusive siblings).
     */
    private void prepareCpuset(String mountpoint, String leaf, Resources resources) {
        String rest = GoPaths.relativeInside(mountpoint, leaf);
        if (rest.isEmpty() || rest.equals(leaf)) {
            return;
        }
        String parent = mountpoint;
        String current = mountpoint;
        String[] parts = rest.split("/");
        for (int i = 0; i < parts.length; i++) {
            current = current + "/" + parts[i];
            if (i == parts.length - 1 && resources != null && resources.cpu() != null) {
                if (ResourceChecks.notEmpty(resources.cpu().cpus())) {
                    files.write(current, "cpuset.cpus", resources.cpu().cpus());
                }
                if (ResourceChecks.notEmpty(resources.cpu().mems())) {
                    files.write(current, "cpuset.mems", resources.cpu().mems());
                }
            }
            copyIfEmpty(parent, current, "cpuset.cpus");
            copyIfEmpty(parent, current, "cpuset.mems");
            parent = current;
        }
    }

    private void copyIfEmpty(String parent, String dir, String file) {
        String value = files.read(dir, file);
        if (value.isEmpty() || value.equals("\n")) {
            files.write(dir, file, files.read(parent, file));
        }
    }

    @Override
    public int cgroupFd() {
        String unified = paths.get(""); // a hybrid host's cgroup2: the only place CLONE_INTO_CGROUP reaches
        return unified == null ? -1 : openDirectory(unified);
    }

    @Override
    public LateJoin joinSelf(boolean placedByClone, boolean deferMemory) {
        String memoryDir = deferMemory ? paths.get("memory") : null;
        LateJoin late = LateJoin.NONE;
        Set<String> done = new HashSet<>();
        for (Map.Entry<String, String> e : paths.entrySet()) {
            String dir = e.getValue();
            if (!done.add(dir)) {
                continue; // co-mounted hierarchies (cpu,cpuacct) share a directory
            }
            try {
                if (e.getKey().isEmpty()) {
                    if (!placedByClone) {
                        joinSelf(dir, "cgroup.procs"); // cgroup2 has no per-thread file for a domain cgroup
                    }
                } else if (dir.equals(memoryDir)) {
                    late = LateJoin.open(files, dir, "tasks");
                } else {
                    joinSelf(dir, "tasks");
                }
            } catch (JruncException err) {
                if (!CgroupPaths.BEST_EFFORT.contains(e.getKey())) {
                    throw err;
                }
            }
        }
        return late;
    }

    @Override
    public void apply(Resources resources, List<CgroupDeviceRule> deviceRules) {
        new V1Resources(files, paths).apply(ResourceChecks.orNone(resources), deviceRules);
    }

    private String freezerDir() {
        String dir = paths.get("freezer");
        if (dir == null) {
            throw new JruncException("cannot toggle freezer: cgroups not configured for container");
        }
        return dir;
    }

    /**
     * runc's v1 freeze: write FROZEN and read freezer.state until it says FROZEN. A v1 cgroup
     * whose tasks keep forking can stay FREEZING, so now and then thaw briefly and try again.
     */
    @Override
    public void freeze() {
        String dir = freezerDir();
        try {
            for (int i = 0; i < 1000; i++) {
                if (i % 50 == 49) {
                    files.write(dir, "freezer.state", "THAWED");
                    CgroupDirectories.pause(10);
                }
                files.write(dir, "freezer.state", "FROZEN");
                if (i % 25 == 24) {
                    CgroupDirectories.pause(1);
                }
                String state = files.read(dir, "freezer.state").trim();
                switch (state) {
                    case "FREEZING" -> { }
                    case "FROZEN" -> {
                        return;
                    }
                    default -> throw new JruncException("unexpected state " + state + " while freezing");
                }
            }
            throw new JruncException("unable to freeze");
        } catch (JruncException e) {
            try {
                files.write(dir, "freezer.state", "THAWED"); // never leave it half frozen
            } catch (JruncException ignored) {
                // report the freeze failure
            }
            throw e;
        }
    }

    @Override
    public void thaw() {
        files.write(freezerDir(), "freezer.state", "THAWED");
    }

    /** FROZEN by its own request, not only because an ancestor is frozen (freezer.self_freezing). */
    @Override
    public boolean isFrozen() {
        String dir = paths.get("freezer");
        if (dir == null) {
            return false;
        }
        long deadline = System.nanoTime() + FREEZE_TIMEOUT_MILLIS * 1_000_000;
        while (true) {
            String state = files.readIfExists(dir, "freezer.state");
            if (state == null) {
                return false;
            }
            switch (state.trim()) {
                case "THAWED" -> {
                    return false;
                }
                case "FROZEN" -> {
                    String self = files.readIfExists(dir, "freezer.self_freezing");
                    return self == null || self.trim().equals("1");
                }
                case "FREEZING" -> {
                    if (System.nanoTime() > deadline) {
                        throw new JruncException("timeout waiting for the freezer state to settle");
                    }
                    CgroupDirectories.pause(1);
                }
                default -> throw new JruncException("unknown freezer.state \"" + state.trim() + "\"");
            }
        }
    }

    @Override
    public void killAll(int signal) {
        // a hybrid host's cgroup2 directory holds the same processes and may have cgroup.kill
        if (signal == SIGKILL && paths.get("") != null && cgroupKill(paths.get(""))) {
            // as signalEach, end thawed: a task the v1 freezer holds dies only once thawed (a paused container)
            if (paths.get("freezer") != null) {
                try {
                    if (isFrozen()) thaw();
                } catch (JruncException ignored) {
                    // the signal is sent; a thaw failure changes nothing for the caller
                }
            }
            return;
        }
        signalEach(signal);
    }

    @Override
    public CgroupStats stats() {
        return V1StatsReader.read(files, paths);
    }

    @Override
    public long oomKillCount() {
        String dir = paths.get("memory");
        if (dir == null) {
            return 0;
        }
        String control = files.readIfExists(dir, "memory.oom_control");
        return CgroupStatsReading.keyValues(control, CgroupFiles.path(dir, "memory.oom_control"))
                .getOrDefault("oom_kill", 0L);
    }
}

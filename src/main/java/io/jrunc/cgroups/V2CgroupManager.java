package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.spec.Resources;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.O_DIRECTORY;
import static io.jrunc.sys.Linux.O_PATH;
import static io.jrunc.sys.Linux.SIGKILL;

/** A container's cgroup on a pure cgroup v2 host: one directory in the unified hierarchy. */
final class V2CgroupManager extends BaseCgroupManager {
    private final String mountpoint;
    private final String dir;

    V2CgroupManager(Syscalls sys, String mountpoint, String dir, List<String> created) {
        super(sys, Map.of("", dir), Map.of("", mountpoint), created);
        this.mountpoint = mountpoint;
        this.dir = dir;
    }

    @Override
    String mode() {
        return "v2";
    }

    @Override
    String primaryDir() {
        return dir;
    }

    /**
     * runc's CreateCgroupPath: every directory from the mountpoint down, each ancestor with all
     * of the host's controllers enabled in cgroup.subtree_control (one by one if the whole set
     * is refused; what stays disabled is reported by apply when a resource needs it).
     */
    @Override
    public void create(Resources resources) {
        String[] controllers = files.read(mountpoint, "cgroup.controllers").trim().split("\\s+");
        String enableAll = controllers[0].isEmpty() ? "" : "+" + String.join(" +", controllers);
        String rest = GoPaths.relativeInside(mountpoint, dir);
        List<String> parts = rest.isEmpty() ? List.of() : List.of(rest.split("/"));
        List<String> madeNow = new ArrayList<>();
        String current = mountpoint;
        try {
            for (int i = 0; i <= parts.size(); i++) {
                if (i > 0) {
                    current = current + "/" + parts.get(i - 1);
                    if (dirs.mkdir(current)) {
                        madeNow.add(current);
                    }
                    checkType(current, resources);
                }
                if (i < parts.size() && !enableAll.isEmpty()) {
                    enableControllers(current, enableAll);
                }
            }
        } catch (JruncException e) {
            dirs.removeQuietly(madeNow);
            throw e;
        }
        created.addAll(madeNow);
    }

    private void enableControllers(String dir, String enableAll) {
        try {
            files.write(dir, "cgroup.subtree_control", enableAll);
        } catch (JruncException e) {
            for (String one : enableAll.split(" ")) {
                try {
                    files.write(dir, "cgroup.subtree_control", one);
                } catch (JruncException ignored) {
                    // rootless or nested: apply() names the controller if a resource needs it
                }
            }
        }
    }

    /**
     * A cgroup below one that already has processes is "domain invalid"; only threaded
     * controllers work there, so it can be made threaded when no domain controller is needed.
     */
    private void checkType(String dir, Resources resources) {
        String type = files.readIfExists(dir, "cgroup.type");
        type = type == null ? "" : type.trim();
        switch (type) {
            case "domain invalid" -> {
                if (ResourceChecks.needsDomainController(resources)) {
                    throw new JruncException("cannot enter cgroupv2 \"" + dir
                            + "\" with domain controllers -- it is in an invalid state");
                }
                try {
                    files.write(dir, "cgroup.type", "threaded");
                } catch (JruncException ignored) {
                    // as runc: best effort
                }
            }
            case "domain threaded", "threaded" -> {
                if (ResourceChecks.needsDomainController(resources)) {
                    throw new JruncException("cannot enter cgroupv2 \"" + dir
                            + "\" with domain controllers -- it is in " + type + " mode");
                }
            }
            default -> { }
        }
    }

    @Override
    public int cgroupFd() {
        return openDirectory(dir);
    }

    @Override
    public LateJoin joinSelf(boolean placedByClone, boolean deferMemory) {
        if (!placedByClone) {
            joinSelf(dir, "cgroup.procs"); // memory is in this one directory too: nothing can wait
        }
        return LateJoin.NONE;
    }

    @Override
    public void apply(Resources resources, List<CgroupDeviceRule> deviceRules) {
        new V2Resources(files, dir).apply(ResourceChecks.orNone(resources), deviceRules);
    }

    @Override
    public void freeze() {
        if (!files.exists(dir, "cgroup.freeze")) {
            throw new JruncException("freezer not supported: openat2 " + CgroupFiles.path(dir, "cgroup.freeze")
                    + ": " + Errno.message(Errno.ENOENT), Errno.ENOENT);
        }
        try {
            files.write(dir, "cgroup.freeze", "1");
            String state = files.read(dir, "cgroup.freeze").trim();
            if (!state.equals("1")) {
                throw new JruncException("expected \"cgroup.freeze\" to be in state \"FROZEN\" but was in \"THAWED\"");
            }
            waitFrozen();
        } catch (JruncException e) {
            // a half-frozen cgroup is worse than a failed pause
            try {
                files.write(dir, "cgroup.freeze", "0");
            } catch (JruncException ignored) {
                // report the freeze failure
            }
            throw e;
        }
    }

    /** cgroup.freeze is a request; cgroup.events says "frozen 1" once every task has stopped. */
    private void waitFrozen() {
        long deadline = System.nanoTime() + FREEZE_TIMEOUT_MILLIS * 1_000_000;
        while (!eventsSayFrozen()) {
            if (System.nanoTime() > deadline) {
                throw new JruncException("timeout of 10s reached waiting for the cgroup to freeze");
            }
            CgroupDirectories.pause(10);
        }
    }

    private boolean eventsSayFrozen() {
        for (String line : files.read(dir, "cgroup.events").split("\n")) {
            if (line.startsWith("frozen ")) {
                return line.substring("frozen ".length()).trim().equals("1");
            }
        }
        throw new JruncException("no \"frozen\" line in " + CgroupFiles.path(dir, "cgroup.events"));
    }

    @Override
    public void thaw() {
        if (files.exists(dir, "cgroup.freeze")) {
            files.write(dir, "cgroup.freeze", "0");
        }
    }

    @Override
    public boolean isFrozen() {
        String state = files.readIfExists(dir, "cgroup.freeze");
        if (state == null || !state.trim().equals("1")) {
            return false;
        }
        waitFrozen(); // asked to freeze: report frozen once it is (runc's GetFreezerState)
        return true;
    }

    @Override
    public void killAll(int signal) {
        if (signal == SIGKILL && cgroupKill(dir)) {
            return;
        }
        signalEach(signal);
    }

    @Override
    public CgroupStats stats() {
        return V2StatsReader.read(files, dir);
    }

    @Override
    public long oomKillCount() {
        String events = files.readIfExists(dir, "memory.events");
        return CgroupStatsReading.keyValues(events, CgroupFiles.path(dir, "memory.events")).getOrDefault("oom_kill", 0L);
    }
}

package io.jrunc.commands;

import io.jrunc.cgroups.CgroupLayout;
import io.jrunc.cgroups.CgroupManager;
import io.jrunc.cli.CliHarness;
import io.jrunc.cli.Command;
import io.jrunc.container.ContainerRecord;
import io.jrunc.container.StateStore;
import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import io.jrunc.sys.Errno;
import io.jrunc.sys.RecordingSyscalls;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jrunc.sys.Linux.O_ACCMODE;
import static io.jrunc.sys.Linux.O_TRUNC;
import static io.jrunc.sys.Linux.O_WRONLY;

/**
 * The recording fake with a container "c1" in the state store under {@link #ROOT} and its cgroup
 * files, behaving as far as the cgroup commands need: a write replaces a cgroup file's value,
 * freezer.state sets freezer.self_freezing and cgroup.freeze sets the "frozen" line of
 * cgroup.events. The init (pid {@link #INIT}) is alive until {@link #stopInit}.
 */
final class CgroupKernel extends RecordingSyscalls {
    static final String ROOT = "/run/jrunc";
    static final String ID = "c1";
    static final int INIT = 4321;
    static final long START = 777;
    static final String V1 = "/sys/fs/cgroup";

    private final Map<Integer, String> fdPaths = new HashMap<>();
    final boolean v2;
    /** Per controller ("" on v2), the container's cgroup directory. */
    final Map<String, String> dirs = new LinkedHashMap<>();

    private CgroupKernel(boolean v2) {
        this.v2 = v2;
        strictPaths();
        failWhen("tcgetattr", Errno.ENOTTY); // stderr is not a terminal, as under an engine
    }

    /** A v1 host (cpu and cpuacct co-mounted) with c1 running, its config's resources {@code resourcesJson}. */
    static CgroupKernel v1(String resourcesJson) {
        CgroupKernel k = new CgroupKernel(false);
        Map<String, String> mounts = new LinkedHashMap<>();
        for (String s : List.of("cpuset", "cpu", "cpuacct", "memory", "devices", "freezer", "pids", "blkio")) {
            mounts.put(s, V1 + "/" + (s.startsWith("cpu") && !s.equals("cpuset") ? "cpu,cpuacct" : s));
        }
        CgroupManager m = CgroupManager.forContainer(k, CgroupLayout.v1(mounts), ID, "/" + ID, false);
        k.dirs.putAll(m.paths());
        k.file(k.cg("cpuset") + "/cpuset.cpus", "0-3\n").file(k.cg("cpuset") + "/cpuset.mems", "0\n");
        k.file(k.cg("memory") + "/memory.limit_in_bytes", "9223372036854771712\n")
                .file(k.cg("memory") + "/memory.memsw.limit_in_bytes", "9223372036854771712\n")
                .file(k.cg("memory") + "/memory.soft_limit_in_bytes", "9223372036854771712\n")
                .file(k.cg("memory") + "/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
        k.file(k.cg("cpu") + "/cpu.shares", "1024\n").file(k.cg("cpu") + "/cpu.cfs_period_us", "100000\n")
                .file(k.cg("cpu") + "/cpu.cfs_quota_us", "-1\n");
        k.file(k.cg("freezer") + "/freezer.state", "THAWED\n").file(k.cg("freezer") + "/freezer.self_freezing", "0\n");
        k.file(k.cg("pids") + "/pids.max", "max\n").file(k.cg("blkio") + "/blkio.weight", "500\n");
        for (String dir : k.dirs.values()) k.file(dir + "/cgroup.procs", INIT + "\n");
        k.save(m.toJson(), resourcesJson);
        return k;
    }

    /** A cgroup v2 host with c1 running in /sys/fs/cgroup/c1, memory, pids and cpu enabled. */
    static CgroupKernel v2(String resourcesJson) {
        CgroupKernel k = new CgroupKernel(true);
        CgroupManager m = CgroupManager.forContainer(k, CgroupLayout.v2(V1, "/"), ID, "/" + ID, false);
        k.dirs.putAll(m.paths());
        String d = k.cg("");
        k.file(d + "/cgroup.controllers", "cpu memory pids\n").file(d + "/cgroup.procs", INIT + "\n")
                .file(d + "/cgroup.freeze", "0\n").file(d + "/cgroup.events", "populated 1\nfrozen 0\n")
                .file(d + "/memory.max", "max\n").file(d + "/memory.current", "4096\n")
                .file(d + "/memory.swap.max", "max\n").file(d + "/memory.swap.current", "0\n")
                .file(d + "/memory.low", "0\n").file(d + "/memory.stat", "anon 4096\nfile 0\n")
                .file(d + "/memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n")
                .file(d + "/pids.max", "max\n").file(d + "/pids.current", "1\n")
                .file(d + "/cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n")
                .file(d + "/cpu.max", "max 100000\n").file(d + "/cpu.weight", "100\n");
        k.save(m.toJson(), resourcesJson);
        return k;
    }

    private void save(JsonValue cgroup, String resourcesJson) {
        dir(ROOT + "/" + ID);
        file("/dev/null", "");
        JsonValue config = Json.parse("{\"ociVersion\":\"1.2.0\",\"root\":{\"path\":\"rootfs\"},\"linux\":{"
                + (resourcesJson == null ? "" : "\"resources\":" + resourcesJson + ",") + "\"cgroupsPath\":\"/c1\"}}");
        new StateStore(this, ROOT).save(new ContainerRecord(ID, INIT, START, "/bundle", "/bundle/rootfs",
                Instant.parse("2026-01-02T03:04:05Z"), "", config, cgroup));
        file("/proc/" + INIT + "/stat", "4321 (sh) S 1 4321 4321 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 " + START
                + " 1000 0\n");
        clearCalls();
    }

    String cg(String controller) {
        return dirs.get(controller);
    }

    /** The init exits (and is reaped): the container is stopped. */
    CgroupKernel stopInit() {
        unlinkat(io.jrunc.sys.Linux.AT_FDCWD, "/proc/" + INIT + "/stat", 0);
        clearCalls();
        return this;
    }

    /** create's exec fifo is still there: the container is created, not running. */
    CgroupKernel created() {
        file(ROOT + "/" + ID + "/exec.fifo", "");
        return this;
    }

    /** Sets cgroup.procs in every directory of the container. */
    CgroupKernel procs(int... pids) {
        StringBuilder sb = new StringBuilder();
        for (int pid : pids) sb.append(pid).append('\n');
        for (String d : dirs.values()) file(d + "/cgroup.procs", sb.toString());
        return this;
    }

    /** The state.json now saved for c1. */
    String stateJson() {
        return text(ROOT + "/" + ID + "/state.json");
    }

    /** A cgroup file's content, trailing newline dropped. */
    String value(String controller, String file) {
        String t = text(cg(controller) + "/" + file);
        return t == null ? null : t.strip();
    }

    /** Runs jrunc with the given commands' implementations, --root ROOT first. */
    CliHarness.Outcome run(List<Command> commands, String... args) {
        List<String> all = new ArrayList<>(List.of("--root", ROOT));
        all.addAll(List.of(args));
        return new CliHarness(commands, this).run(all.toArray(String[]::new));
    }

    /** Every value written to a cgroup file, as "FILE=VALUE" with the file relative to /sys/fs/cgroup. */
    List<String> cgroupWrites() {
        return List.copyOf(writes);
    }

    private final List<String> writes = new ArrayList<>();

    @Override
    public int openat(int dirfd, String path, int flags, int mode) {
        boolean cgroupFile = path.startsWith(V1 + "/");
        if (cgroupFile && (flags & O_ACCMODE) == O_WRONLY) flags |= O_TRUNC; // a value replaces the old one
        int fd = super.openat(dirfd, path, flags, mode);
        if (cgroupFile) fdPaths.put(fd, path);
        return fd;
    }

    @Override
    public int write(int fd, byte[] buf, int off, int len) {
        int n = super.write(fd, buf, off, len);
        String path = fdPaths.get(fd);
        if (path != null) {
            String value = new String(buf, off, len, StandardCharsets.UTF_8);
            writes.add(path.substring(V1.length() + 1) + "=" + value);
            String dir = path.substring(0, path.lastIndexOf('/'));
            if (path.endsWith("/freezer.state")) {
                file(dir + "/freezer.self_freezing", value.equals("FROZEN") ? "1\n" : "0\n");
            } else if (path.endsWith("/cgroup.freeze")) {
                file(dir + "/cgroup.events", "populated 1\nfrozen " + value.strip() + "\n");
            }
        }
        return n;
    }

    /** The pipes made so far ({read, write} each), in order: for ps, the output pipe then the exec-error pipe. */
    final List<int[]> pipes = new ArrayList<>();
    /** What reads of the first pipe's read end return (a host program's output), then end of file. */
    byte[] pipeOutput = new byte[0];
    /** What reads of the second pipe's read end return (an execve errno), then end of file. */
    byte[] pipeReport = new byte[0];

    @Override
    public int[] pipe2(int flags) {
        int[] p = super.pipe2(flags);
        pipes.add(p);
        return p;
    }

    @Override
    public int read(int fd, byte[] buf, int off, int len) {
        int n = super.read(fd, buf, off, len);
        for (int i = 0; i < Math.min(2, pipes.size()); i++) {
            if (fd == pipes.get(i)[0]) {
                byte[] data = i == 0 ? pipeOutput : pipeReport;
                n = Math.min(len, data.length);
                System.arraycopy(data, 0, buf, off, n);
                byte[] rest = java.util.Arrays.copyOfRange(data, n, data.length);
                if (i == 0) pipeOutput = rest; else pipeReport = rest;
            }
        }
        return n;
    }

    /** Called with the timeout of every poll(2), before it "waits". */
    java.util.function.IntConsumer onPoll = timeout -> { };

    @Override
    public short[] poll(int[] fds, short[] events, int timeoutMillis) {
        onPoll.accept(timeoutMillis);
        return super.poll(fds, events, timeoutMillis);
    }

    @Override
    public void close(int fd) {
        super.close(fd);
        fdPaths.remove(fd);
    }
}

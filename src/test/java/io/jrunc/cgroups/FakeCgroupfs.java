package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.LinuxSyscalls;
import io.jrunc.sys.Syscalls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.jrunc.sys.Linux.AT_REMOVEDIR;

/**
 * A cgroupfs laid out in a temporary directory, reached through a {@link Syscalls} proxy that
 * adds the kernel's behaviour the managers depend on: mkdir fills a new cgroup with its
 * interface files (per hierarchy on v1, per enabled controller on v2), every write to an
 * interface file is one value (recorded in {@link #writes()} in order) and a few files react
 * as the kernel's do (subtree_control, devices, freezer), rmdir ignores interface files.
 * Everything else goes to the real system calls.
 */
final class FakeCgroupfs {
    final Path root;
    final Syscalls sys;
    private final boolean v2;
    private final List<String> writes = new ArrayList<>();
    private final Map<Integer, String> openFiles = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Set<String> ignored = new java.util.HashSet<>();
    /** false: cgroup.freeze is accepted but cgroup.events never reports the outcome (an old kernel). */
    boolean freezeReported = true;
    /** v1: hierarchy directory name to the files a new cgroup in it gets (name to initial content). */
    private final Map<String, Map<String, String>> v1Files = new LinkedHashMap<>();

    private FakeCgroupfs(Path root, boolean v2) {
        this.root = root;
        this.v2 = v2;
        this.sys = (Syscalls) Proxy.newProxyInstance(Syscalls.class.getClassLoader(), new Class<?>[] {Syscalls.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "openat" -> openat((Integer) args[0], (String) args[1], (Integer) args[2], (Integer) args[3]);
                    case "write" -> write((Integer) args[0], (byte[]) args[1], (Integer) args[2], (Integer) args[3]);
                    case "close" -> {
                        openFiles.remove((Integer) args[0]);
                        yield delegate(method, args);
                    }
                    case "mkdirat" -> {
                        delegate(method, args);
                        populate(Path.of((String) args[1]));
                        yield null;
                    }
                    case "unlinkat" -> {
                        if (((Integer) args[2] & AT_REMOVEDIR) != 0) {
                            dropInterfaceFiles(Path.of((String) args[1]));
                        }
                        yield delegate(method, args);
                    }
                    default -> delegate(method, args);
                });
    }

    private static Object delegate(java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(LinuxSyscalls.INSTANCE, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A pure v2 host: the cgroup2 root is {@code root} itself, offering {@code controllers}. */
    static FakeCgroupfs v2(Path root, String... controllers) {
        FakeCgroupfs fs = new FakeCgroupfs(root, true);
        fs.put("cgroup.controllers", String.join(" ", controllers) + "\n");
        fs.put("cgroup.subtree_control", "\n");
        fs.put("cgroup.procs", "");
        fs.put("cpu.stat", "usage_usec 0\n");
        return fs;
    }

    /** A v1 host with the usual hierarchies under {@code root}, cpu and cpuacct co-mounted. */
    static FakeCgroupfs v1(Path root) {
        FakeCgroupfs fs = new FakeCgroupfs(root, false);
        fs.hierarchy("cpuset", Map.of("cpuset.cpus", "", "cpuset.mems", "", "cpuset.cpu_exclusive", "0\n"),
                Map.of("cpuset.cpus", "0-3\n", "cpuset.mems", "0\n"));
        fs.hierarchy("devices", Map.of("devices.allow", "", "devices.deny", "", "devices.list", "a *:* rwm\n"),
                Map.of("devices.list", "a *:* rwm\n"));
        fs.hierarchy("memory", mapOf("memory.limit_in_bytes", "9223372036854771712\n",
                "memory.memsw.limit_in_bytes", "9223372036854771712\n", "memory.soft_limit_in_bytes", "9223372036854771712\n",
                "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n", "memory.swappiness", "60\n",
                "memory.usage_in_bytes", "0\n", "memory.max_usage_in_bytes", "0\n", "memory.failcnt", "0\n",
                "memory.stat", "cache 0\nrss 0\n"), Map.of());
        fs.hierarchy("cpu,cpuacct", mapOf("cpu.shares", "1024\n", "cpu.cfs_period_us", "100000\n", "cpu.cfs_quota_us", "-1\n",
                "cpu.rt_period_us", "1000000\n", "cpu.rt_runtime_us", "0\n", "cpu.stat", "nr_periods 0\nnr_throttled 0\nthrottled_time 0\n",
                "cpuacct.usage", "0\n", "cpuacct.stat", "user 0\nsystem 0\n", "cpuacct.usage_percpu", "0 0\n"), Map.of());
        fs.hierarchy("pids", Map.of("pids.max", "max\n", "pids.current", "0\n"), Map.of());
        fs.hierarchy("blkio", mapOf("blkio.weight", "500\n", "blkio.weight_device", "", "blkio.leaf_weight", "500\n",
                "blkio.leaf_weight_device", "", "blkio.throttle.read_bps_device", "", "blkio.throttle.write_bps_device", "",
                "blkio.throttle.read_iops_device", "", "blkio.throttle.write_iops_device", ""), Map.of());
        fs.hierarchy("freezer", Map.of("freezer.state", "THAWED\n", "freezer.self_freezing", "0\n"), Map.of());
        fs.hierarchy("hugetlb", Map.of("hugetlb.2MB.limit_in_bytes", "9223372036854771712\n",
                "hugetlb.2MB.rsvd.limit_in_bytes", "9223372036854771712\n", "hugetlb.2MB.usage_in_bytes", "0\n",
                "hugetlb.2MB.max_usage_in_bytes", "0\n", "hugetlb.2MB.failcnt", "0\n"), Map.of());
        fs.hierarchy("net_cls,net_prio", Map.of("net_cls.classid", "0\n", "net_prio.ifpriomap", ""), Map.of());
        fs.hierarchy("systemd", Map.of(), Map.of());
        return fs;
    }

    /** The layout of a v1 host built by {@link #v1}, optionally with a hybrid cgroup2 mount. */
    CgroupLayout v1Layout(boolean hybrid) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (String h : v1Files.keySet()) {
            for (String subsystem : h.split(",")) {
                mounts.put(subsystem.equals("systemd") ? "name=systemd" : subsystem, root.resolve(h).toString());
            }
        }
        if (!hybrid) {
            return CgroupLayout.v1(mounts);
        }
        Path unified = root.resolve("unified");
        if (!Files.isDirectory(unified)) {
            put("unified/cgroup.controllers", "");
            put("unified/cgroup.subtree_control", "");
            put("unified/cgroup.procs", "");
        }
        return CgroupLayout.hybrid(mounts, unified.toString());
    }

    CgroupLayout v2Layout() {
        return CgroupLayout.v2(root.toString(), "/");
    }

    private void hierarchy(String name, Map<String, String> files, Map<String, String> rootOverrides) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("cgroup.procs", "");
        all.put("tasks", "");
        all.putAll(files);
        v1Files.put(name, all);
        all.forEach((f, content) -> put(name + "/" + f, content));
        rootOverrides.forEach((f, content) -> put(name + "/" + f, content));
    }

    private static Map<String, String> mapOf(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    // ---- the test's view ----

    /** Creates or replaces a file below the root (parents made as needed). */
    void put(String relative, String content) {
        try {
            Path p = root.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void remove(String relative) {
        try {
            Files.delete(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String relative) {
        try {
            return Files.readString(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String relative) {
        return Files.exists(root.resolve(relative));
    }

    String abs(String relative) {
        return root.resolve(relative).toString();
    }

    /** Every write so far as "relative/path: value", in order. */
    List<String> writes() {
        return List.copyOf(writes);
    }

    void clearWrites() {
        writes.clear();
    }

    /** The next writes to this file fail with {@code errno}, as the kernel would refuse them. */
    void failWrites(String relative, int errno) {
        failures.put(root.resolve(relative).toString(), errno);
    }

    /** Writes to this file succeed but change nothing: a kernel that does not do what it is told. */
    void ignoreWrites(String relative) {
        ignored.add(root.resolve(relative).toString());
    }

    // ---- kernel behaviour ----

    private int openat(int dirfd, String path, int flags, int mode) {
        int fd = LinuxSyscalls.INSTANCE.openat(dirfd, path, flags, mode);
        if (path.startsWith(root.toString() + "/") && Files.isRegularFile(Path.of(path))) {
            openFiles.put(fd, path);
        }
        return fd;
    }

    private int write(int fd, byte[] buf, int off, int len) {
        String path = openFiles.get(fd);
        if (path == null) {
            return LinuxSyscalls.INSTANCE.write(fd, buf, off, len);
        }
        String value = new String(buf, off, len, StandardCharsets.UTF_8);
        writes.add(root.relativize(Path.of(path)) + ": " + value);
        Integer errno = failures.get(path);
        if (errno != null) {
            throw Errno.exception(errno, "write");
        }
        if (ignored.contains(path)) {
            return len;
        }
        Path p = Path.of(path);
        String name = p.getFileName().toString();
        String old = readAbs(p);
        String updated = switch (name) {
            case "cgroup.subtree_control" -> subtreeControl(p, old, value);
            case "devices.deny", "devices.allow" -> {
                devices(p.resolveSibling("devices.list"), name.equals("devices.allow"), value.trim());
                yield "";
            }
            case "freezer.state" -> {
                writeAbs(p.resolveSibling("freezer.self_freezing"), value.trim().equals("FROZEN") ? "1\n" : "0\n");
                yield value.trim() + "\n";
            }
            case "cgroup.freeze" -> {
                if (freezeReported) {
                    writeAbs(p.resolveSibling("cgroup.events"), "populated 0\nfrozen " + value.trim() + "\n");
                }
                yield value.trim() + "\n";
            }
            case "io.bfq.weight" -> bfqWeight(old, value.trim());
            case "cpu.shares" -> // the kernel clamps shares into [2, 262144]
                    Long.toString(Math.max(2, Math.min(262144, Long.parseLong(value.trim())))) + "\n";
            default -> value;
        };
        writeAbs(p, updated);
        return len;
    }

    /** "+memory -cpu": the kernel keeps a set, refusing controllers the cgroup does not have. */
    private String subtreeControl(Path file, String old, String request) {
        Set<String> available = words(readAbs(file.resolveSibling("cgroup.controllers")));
        Set<String> enabled = new TreeSet<>(words(old));
        for (String op : request.trim().split("\\s+")) {
            String controller = op.substring(1);
            if (!available.contains(controller)) {
                throw Errno.exception(Errno.ENOENT, "write");
            }
            if (op.startsWith("+")) {
                enabled.add(controller);
            } else {
                enabled.remove(controller);
            }
        }
        return String.join(" ", enabled) + "\n";
    }

    /** BFQ since Linux 5.4: "default N" then one "major:minor weight" line per device. */
    private static String bfqWeight(String old, String request) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : old.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 2) {
                lines.put(f[0], f[1]);
            }
        }
        String[] f = request.split(" ");
        if (f.length == 1) {
            lines.put("default", f[0]);
        } else {
            lines.put(f[0], f[1]);
        }
        StringBuilder out = new StringBuilder();
        lines.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
        return out.toString();
    }

    /** A small devices controller: "a" switches mode, exceptions are listed one per line. */
    private void devices(Path list, boolean allow, String rule) {
        List<String> lines = new ArrayList<>(Arrays.asList(readAbs(list).split("\n")));
        lines.removeIf(String::isBlank);
        if (rule.startsWith("a ")) {
            lines.clear();
            if (allow) {
                lines.add("a *:* rwm");
            }
        } else if (!lines.contains("a *:* rwm")) {
            if (allow) {
                lines.add(rule);
            } else {
                lines.remove(rule);
            }
        }
        writeAbs(list, lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    }

    private void populate(Path dir) {
        if (!dir.startsWith(root)) {
            return;
        }
        Path parent = dir.getParent();
        if (v2) {
            String enabled = readAbs(parent.resolve("cgroup.subtree_control")).trim();
            Map<String, String> files = new LinkedHashMap<>(mapOf("cgroup.controllers", enabled + "\n",
                    "cgroup.subtree_control", "\n", "cgroup.procs", "", "cgroup.type", "domain\n",
                    "cgroup.events", "populated 0\nfrozen 0\n", "cgroup.freeze", "0\n", "cgroup.kill", "",
                    "cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0\n"));
            for (String c : words(enabled)) {
                switch (c) {
                    case "memory" -> files.putAll(mapOf("memory.max", "max\n", "memory.low", "0\n", "memory.swap.max", "max\n",
                            "memory.current", "0\n", "memory.swap.current", "0\n", "memory.high", "max\n", "memory.peak", "0\n", "memory.stat", "anon 0\nfile 0\n",
                            "memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n"));
                    case "pids" -> files.putAll(mapOf("pids.max", "max\n", "pids.current", "0\n"));
                    case "cpu" -> files.putAll(mapOf("cpu.weight", "100\n", "cpu.max", "max 100000\n",
                            "cpu.max.burst", "0\n", "cpu.idle", "0\n", "cpu.weight.nice", "0\n"));
                    case "io" -> files.putAll(mapOf("io.max", "", "io.weight", "default 100\n", "io.stat", ""));
                    case "cpuset" -> files.putAll(mapOf("cpuset.cpus", "\n", "cpuset.mems", "\n"));
                    case "hugetlb" -> files.putAll(mapOf("hugetlb.2MB.max", "max\n", "hugetlb.2MB.rsvd.max", "max\n",
                            "hugetlb.2MB.current", "0\n", "hugetlb.2MB.events", "max 0\n"));
                    case "rdma" -> files.putAll(mapOf("rdma.max", "", "rdma.current", ""));
                    default -> { }
                }
            }
            files.forEach((f, content) -> writeAbs(dir.resolve(f), content));
            return;
        }
        String hierarchy = root.relativize(dir).getName(0).toString();
        Map<String, String> files = v1Files.get(hierarchy);
        if (files == null) {
            files = Map.of("cgroup.procs", ""); // the hybrid cgroup2 mount
        }
        files.forEach((f, content) -> writeAbs(dir.resolve(f), content));
        if (hierarchy.equals("devices")) {
            writeAbs(dir.resolve("devices.list"), readAbs(parent.resolve("devices.list"))); // children inherit
        }
    }

    private void dropInterfaceFiles(Path dir) {
        if (!dir.startsWith(root) || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(p)) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> words(String s) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : s.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private static String readAbs(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new JruncException("fake cgroupfs: " + e);
        }
    }

    private static void writeAbs(Path p, String content) {
        try {
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.jrunc.cgroups;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Statistics of a cgroup v2 directory, as runc's fs2 GetStats gathers them. */
final class V2StatsReader {
    private V2StatsReader() {}

    static CgroupStats read(CgroupFiles files, String dir) {
        CgroupStats s = new CgroupStats();
        pids(files, dir, s);
        memory(files, dir, s);
        io(files, dir, s);
        cpu(files, dir, s);
        hugetlb(files, dir, s);
        return s;
    }

    private static void pids(CgroupFiles files, String dir, CgroupStats s) {
        String current = files.readIfExists(dir, "pids.current");
        if (current == null) {
            // without the pids controller, count the member processes
            String procs = files.read(dir, "cgroup.procs");
            s.pidsCurrent = procs.chars().filter(c -> c == '\n').count();
            return;
        }
        s.pidsCurrent = CgroupFiles.parseUint(current.trim(), CgroupFiles.path(dir, "pids.current"));
        long max = files.readUint(dir, "pids.max");
        s.pidsLimit = max == CgroupFiles.UINT64_MAX ? 0 : max; // runc's "no limit" is 0
    }

    private static void memory(CgroupFiles files, String dir, CgroupStats s) {
        String stat = files.readIfExists(dir, "memory.stat");
        if (stat == null) {
            return;
        }
        s.memoryRaw.putAll(CgroupStatsReading.keyValues(stat, CgroupFiles.path(dir, "memory.stat")));
        s.memoryCache = s.memoryRaw.getOrDefault("file", 0L);
        if (!files.exists(dir, "memory.current")) {
            return; // the root cgroup
        }
        s.memoryUsage.usage = files.readUint(dir, "memory.current");
        s.memoryUsage.limit = files.readUint(dir, "memory.max");
        s.memoryUsage.max = CgroupStatsReading.optionalUint(files, dir, "memory.peak");
        if (files.exists(dir, "memory.swap.current")) {
            // v1 reports memory+swap; v2 swap alone, so add the memory back in
            s.swapUsage.usage = files.readUint(dir, "memory.swap.current") + s.memoryUsage.usage;
            long swapLimit = files.readUint(dir, "memory.swap.max");
            s.swapUsage.limit = swapLimit == CgroupFiles.UINT64_MAX ? swapLimit : swapLimit + s.memoryUsage.limit;
        }
        s.memoryPsi = CgroupStatsReading.psi(files.readIfExists(dir, "memory.pressure"));
    }

    private static void io(CgroupFiles files, String dir, CgroupStats s) {
        String stat = files.readIfExists(dir, "io.stat");
        if (stat != null) {
            List<CgroupStats.BlkioEntry> bytes = new ArrayList<>();
            List<CgroupStats.BlkioEntry> ios = new ArrayList<>();
            for (String line : stat.split("\n")) {
                String[] f = line.trim().split("\\s+");
                String[] dev = f[0].split(":");
                if (f.length < 2 || dev.length != 2) {
                    continue;
                }
                long major = CgroupFiles.parseUint(dev[0], CgroupFiles.path(dir, "io.stat"));
                long minor = CgroupFiles.parseUint(dev[1], CgroupFiles.path(dir, "io.stat"));
                for (int i = 1; i < f.length; i++) {
                    String[] kv = f[i].split("=", 2);
                    if (kv.length != 2) {
                        continue;
                    }
                    List<CgroupStats.BlkioEntry> table;
                    String op;
                    switch (kv[0]) {
                        case "rbytes" -> { table = bytes; op = "Read"; }
                        case "wbytes" -> { table = bytes; op = "Write"; }
                        case "rios" -> { table = ios; op = "Read"; }
                        case "wios" -> { table = ios; op = "Write"; }
                        default -> { continue; }
                    }
                    table.add(new CgroupStats.BlkioEntry(major, minor, op,
                            CgroupFiles.parseUint(kv[1], CgroupFiles.path(dir, "io.stat"))));
                }
            }
            s.blkio.put("ioServiceBytesRecursive", bytes);
            s.blkio.put("ioServicedRecursive", ios);
        }
        s.ioPsi = CgroupStatsReading.psi(files.readIfExists(dir, "io.pressure"));
    }

    private static void cpu(CgroupFiles files, String dir, CgroupStats s) {
        String stat = files.readIfExists(dir, "cpu.stat");
        Map<String, Long> v = CgroupStatsReading.keyValues(stat, CgroupFiles.path(dir, "cpu.stat"));
        s.cpuTotal = v.getOrDefault("usage_usec", 0L) * 1000;
        s.cpuUser = v.getOrDefault("user_usec", 0L) * 1000;
        s.cpuKernel = v.getOrDefault("system_usec", 0L) * 1000;
        s.throttlingPeriods = v.getOrDefault("nr_periods", 0L);
        s.throttledPeriods = v.getOrDefault("nr_throttled", 0L);
        s.throttledTime = v.getOrDefault("throttled_usec", 0L) * 1000;
        s.cpuPsi = CgroupStatsReading.psi(files.readIfExists(dir, "cpu.pressure"));
    }

    private static void hugetlb(CgroupFiles files, String dir, CgroupStats s) {
        for (String size : CgroupStatsReading.hugePageSizes(files.sys(), dir, "max")) {
            CgroupStats.HugetlbEntry e = new CgroupStats.HugetlbEntry();
            e.usage = files.readUint(dir, "hugetlb." + size + ".current");
            String events = files.readIfExists(dir, "hugetlb." + size + ".events");
            e.failcnt = CgroupStatsReading.keyValues(events, dir).getOrDefault("max", 0L);
            s.hugetlb.put(size, e);
        }
    }
}

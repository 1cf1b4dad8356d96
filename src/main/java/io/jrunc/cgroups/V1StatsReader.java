package io.jrunc.cgroups;

import io.jrunc.JruncException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Statistics of cgroup v1 directories, as runc's fs subsystems' GetStats gather them. */
final class V1StatsReader {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** USER_HZ, what cpuacct.stat counts in; 100 on every Linux architecture runc supports. */
    private static final long CLOCK_TICKS = 100;

    private V1StatsReader() {}

    /** {@code paths}: subsystem to directory; missing subsystems leave their part zero. */
    static CgroupStats read(CgroupFiles files, Map<String, String> paths) {
        CgroupStats s = new CgroupStats();
        ifPresent(paths, "cpuset", dir -> cpuset(files, dir, s));
        ifPresent(paths, "memory", dir -> memory(files, dir, s));
        ifPresent(paths, "cpu", dir -> cpu(files, dir, s));
        ifPresent(paths, "cpuacct", dir -> cpuacct(files, dir, s));
        ifPresent(paths, "pids", dir -> pids(files, dir, s));
        ifPresent(paths, "blkio", dir -> blkio(files, dir, s));
        ifPresent(paths, "hugetlb", dir -> hugetlb(files, dir, s));
        return s;
    }

    private static void ifPresent(Map<String, String> paths, String subsystem, Consumer<String> read) {
        String dir = paths.get(subsystem);
        if (dir != null && !dir.isEmpty()) {
            read.accept(dir);
        }
    }

    private static void cpuset(CgroupFiles files, String dir, CgroupStats s) {
        s.cpusetCpus = CgroupStatsReading.cpuList(files.readIfExists(dir, "cpuset.cpus"));
        s.cpusetMems = CgroupStatsReading.cpuList(files.readIfExists(dir, "cpuset.mems"));
        s.cpuExclusive = CgroupStatsReading.optionalUint(files, dir, "cpuset.cpu_exclusive");
        s.memHardwall = CgroupStatsReading.optionalUint(files, dir, "cpuset.mem_hardwall");
        s.memExclusive = CgroupStatsReading.optionalUint(files, dir, "cpuset.mem_exclusive");
        s.memoryMigrate = CgroupStatsReading.optionalUint(files, dir, "cpuset.memory_migrate");
        s.memorySpreadPage = CgroupStatsReading.optionalUint(files, dir, "cpuset.memory_spread_page");
        s.memorySpreadSlab = CgroupStatsReading.optionalUint(files, dir, "cpuset.memory_spread_slab");
        s.memoryPressure = CgroupStatsReading.optionalUint(files, dir, "cpuset.memory_pressure");
        s.schedLoadBalance = CgroupStatsReading.optionalUint(files, dir, "cpuset.sched_load_balance");
        String level = files.readIfExists(dir, "cpuset.sched_relax_domain_level");
        s.schedRelaxDomainLevel = level == null ? 0 : Long.parseLong(level.trim());
    }

    private static void memory(CgroupFiles files, String dir, CgroupStats s) {
        String stat = files.readIfExists(dir, "memory.stat");
        if (stat == null) {
            return;
        }
        s.memoryRaw.putAll(CgroupStatsReading.keyValues(stat, CgroupFiles.path(dir, "memory.stat")));
        s.memoryCache = s.memoryRaw.getOrDefault("cache", 0L);
        s.memoryUsage = memoryData(files, dir, "memory");
        s.swapUsage = memoryData(files, dir, "memory.memsw");
        s.kernelUsage = memoryData(files, dir, "memory.kmem");
        s.kernelTcpUsage = memoryData(files, dir, "memory.kmem.tcp");
    }

    /** usage, max usage, failcnt and limit of one v1 memory counter; absent optional counters are zero. */
    private static CgroupStats.MemoryEntry memoryData(CgroupFiles files, String dir, String prefix) {
        CgroupStats.MemoryEntry e = new CgroupStats.MemoryEntry();
        if (!prefix.equals("memory") && !files.exists(dir, prefix + ".usage_in_bytes")) {
            return e; // swap and kernel accounting are optional in the kernel
        }
        e.usage = files.readUint(dir, prefix + ".usage_in_bytes");
        e.max = files.readUint(dir, prefix + ".max_usage_in_bytes");
        e.failcnt = files.readUint(dir, prefix + ".failcnt");
        e.limit = files.readUint(dir, prefix + ".limit_in_bytes");
        return e;
    }

    private static void cpu(CgroupFiles files, String dir, CgroupStats s) {
        Map<String, Long> v = CgroupStatsReading.keyValues(files.readIfExists(dir, "cpu.stat"), dir);
        s.throttlingPeriods = v.getOrDefault("nr_periods", 0L);
        s.throttledPeriods = v.getOrDefault("nr_throttled", 0L);
        s.throttledTime = v.getOrDefault("throttled_time", 0L);
    }

    private static void cpuacct(CgroupFiles files, String dir, CgroupStats s) {
        Map<String, Long> ticks = CgroupStatsReading.keyValues(files.readIfExists(dir, "cpuacct.stat"), dir);
        s.cpuUser = ticks.getOrDefault("user", 0L) * NANOS_PER_SECOND / CLOCK_TICKS;
        s.cpuKernel = ticks.getOrDefault("system", 0L) * NANOS_PER_SECOND / CLOCK_TICKS;
        s.cpuTotal = CgroupStatsReading.optionalUint(files, dir, "cpuacct.usage");
        s.percpu = CgroupStatsReading.uintList(files.readIfExists(dir, "cpuacct.usage_percpu"), dir);
        String all = files.readIfExists(dir, "cpuacct.usage_all");
        if (all != null) {
            // "cpu user system" then one line per cpu, in nanoseconds
            String[] lines = all.split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].trim().split("\\s+");
                if (f.length == 3) {
                    s.percpuUser.add(CgroupFiles.parseUint(f[1], dir));
                    s.percpuKernel.add(CgroupFiles.parseUint(f[2], dir));
                }
            }
        }
    }

    private static void pids(CgroupFiles files, String dir, CgroupStats s) {
        s.pidsCurrent = CgroupStatsReading.optionalUint(files, dir, "pids.current");
        if (files.exists(dir, "pids.max")) {
            long max = files.readUint(dir, "pids.max");
            s.pidsLimit = max == CgroupFiles.UINT64_MAX ? 0 : max;
        }
    }

    /**
     * runc's order of preference: BFQ's debug files, BFQ's, CFQ's, the throttle's recursive
     * files, then the throttle's own; the first group whose first file exists is used.
     */
    private static final String[][][] BLKIO_GROUPS = {
        {
            {"blkio.bfq.sectors_recursive", "sectorsRecursive"},
            {"blkio.bfq.io_service_time_recursive", "ioServiceTimeRecursive"},
            {"blkio.bfq.io_wait_time_recursive", "ioWaitTimeRecursive"},
            {"blkio.bfq.io_merged_recursive", "ioMergedRecursive"},
            {"blkio.bfq.io_queued_recursive", "ioQueueRecursive"},
            {"blkio.bfq.time_recursive", "ioTimeRecursive"},
            {"blkio.bfq.io_serviced_recursive", "ioServicedRecursive"},
            {"blkio.bfq.io_service_bytes_recursive", "ioServiceBytesRecursive"},
        },
        {
            {"blkio.bfq.io_serviced_recursive", "ioServicedRecursive"},
            {"blkio.bfq.io_service_bytes_recursive", "ioServiceBytesRecursive"},
        },
        {
            {"blkio.sectors_recursive", "sectorsRecursive"},
            {"blkio.io_service_time_recursive", "ioServiceTimeRecursive"},
            {"blkio.io_wait_time_recursive", "ioWaitTimeRecursive"},
            {"blkio.io_merged_recursive", "ioMergedRecursive"},
            {"blkio.io_queued_recursive", "ioQueueRecursive"},
            {"blkio.time_recursive", "ioTimeRecursive"},
            {"blkio.io_serviced_recursive", "ioServicedRecursive"},
            {"blkio.io_service_bytes_recursive", "ioServiceBytesRecursive"},
        },
        {
            {"blkio.throttle.io_serviced_recursive", "ioServicedRecursive"},
            {"blkio.throttle.io_service_bytes_recursive", "ioServiceBytesRecursive"},
        },
        {
            {"blkio.throttle.io_serviced", "ioServicedRecursive"},
            {"blkio.throttle.io_service_bytes", "ioServiceBytesRecursive"},
        },
    };

    private static void blkio(CgroupFiles files, String dir, CgroupStats s) {
        for (String[][] group : BLKIO_GROUPS) {
            for (int i = 0; i < group.length; i++) {
                String text = files.readIfExists(dir, group[i][0]);
                List<CgroupStats.BlkioEntry> entries =
                        text == null ? List.of() : blkioEntries(text, CgroupFiles.path(dir, group[i][0]));
                if (entries.isEmpty()) {
                    if (i == 0) {
                        break; // this scheduler's files are absent or idle: try the next group
                    }
                    return;
                }
                s.blkio.put(group[i][1], entries);
            }
            if (!s.blkio.isEmpty()) {
                return;
            }
        }
    }

    /** "8:0 Read 1282048" lines (or "8:0 6792" without an op); the "Total" line is skipped. */
    private static List<CgroupStats.BlkioEntry> blkioEntries(String text, String where) {
        List<CgroupStats.BlkioEntry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("[ :]+");
            if (line.isBlank() || f[0].equals("Total")) {
                continue;
            }
            if (f.length < 3) {
                throw new JruncException("Invalid line found while parsing " + where + ": " + line);
            }
            long major = CgroupFiles.parseUint(f[0], where);
            long minor = CgroupFiles.parseUint(f[1], where);
            String op = f.length >= 4 ? f[2] : "";
            long value = CgroupFiles.parseUint(f[f.length >= 4 ? 3 : 2], where);
            out.add(new CgroupStats.BlkioEntry(major, minor, op, value));
        }
        return out;
    }

    private static void hugetlb(CgroupFiles files, String dir, CgroupStats s) {
        for (String size : CgroupStatsReading.hugePageSizes(files.sys(), dir, "limit_in_bytes")) {
            CgroupStats.HugetlbEntry e = new CgroupStats.HugetlbEntry();
            e.usage = files.readUint(dir, "hugetlb." + size + ".usage_in_bytes");
            e.max = files.readUint(dir, "hugetlb." + size + ".max_usage_in_bytes");
            e.failcnt = files.readUint(dir, "hugetlb." + size + ".failcnt");
            s.hugetlb.put(size, e);
        }
    }
}

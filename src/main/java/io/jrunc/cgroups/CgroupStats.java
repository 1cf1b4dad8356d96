package io.jrunc.cgroups;

import io.jrunc.json.Json;
import io.jrunc.json.JsonObjectBuilder;
import io.jrunc.json.JsonValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container's cgroup statistics, written as runc's {@code events --stats} data (its
 * types.Stats): the same member names, the same members left out when zero (Go's omitempty),
 * map keys sorted as Go sorts them. uint64 values are kept as the bits of a long.
 */
public final class CgroupStats {
    // cpu (nanoseconds)
    long cpuTotal;
    long cpuKernel;
    long cpuUser;
    List<Long> percpu = new ArrayList<>();
    List<Long> percpuKernel = new ArrayList<>();
    List<Long> percpuUser = new ArrayList<>();
    long throttlingPeriods;
    long throttledPeriods;
    long throttledTime;
    Psi cpuPsi;

    // cpuset (v1)
    List<Integer> cpusetCpus = new ArrayList<>();
    List<Integer> cpusetMems = new ArrayList<>();
    long cpuExclusive;
    long memHardwall;
    long memExclusive;
    long memoryMigrate;
    long memorySpreadPage;
    long memorySpreadSlab;
    long memoryPressure;
    long schedLoadBalance;
    long schedRelaxDomainLevel;

    // memory (bytes)
    long memoryCache;
    MemoryEntry memoryUsage = new MemoryEntry();
    MemoryEntry swapUsage = new MemoryEntry();
    MemoryEntry kernelUsage = new MemoryEntry();
    MemoryEntry kernelTcpUsage = new MemoryEntry();
    Map<String, Long> memoryRaw = new TreeMap<>();
    Psi memoryPsi;

    // pids
    long pidsCurrent;
    long pidsLimit;

    // blkio: the eight tables of runc, in its order
    static final String[] BLKIO_TABLES = {
        "ioServiceBytesRecursive", "ioServicedRecursive", "ioQueueRecursive", "ioServiceTimeRecursive",
        "ioWaitTimeRecursive", "ioMergedRecursive", "ioTimeRecursive", "sectorsRecursive",
    };
    Map<String, List<BlkioEntry>> blkio = new TreeMap<>();
    Psi ioPsi;

    // hugetlb per page size ("2MB")
    Map<String, HugetlbEntry> hugetlb = new TreeMap<>();

    static final class MemoryEntry {
        long limit;
        long usage;
        long max;
        long failcnt;
    }

    record BlkioEntry(long major, long minor, String op, long value) {}

    static final class HugetlbEntry {
        long usage;
        long max;
        long failcnt;
    }

    /** Pressure stall information: "some" and "full" lines, averages as printed by the kernel. */
    record Psi(PsiData some, PsiData full) {}

    record PsiData(BigDecimal avg10, BigDecimal avg60, BigDecimal avg300, long total) {}

    public long pidsCurrent() {
        return pidsCurrent;
    }

    public long memoryUsage() {
        return memoryUsage.usage;
    }

    public long cpuTotalNanos() {
        return cpuTotal;
    }

    /**
     * The whole types.Stats object. intel_rdt is empty and network_interfaces null: they are not
     * cgroup data, the caller may replace them.
     */
    public JsonValue toJson() {
        return Json.object()
                .put("cpu", cpuJson())
                .put("cpuset", cpusetJson())
                .put("memory", memoryJson())
                .put("pids", Json.object().putIfNotNull("current", omitZero(pidsCurrent))
                        .putIfNotNull("limit", omitZero(pidsLimit)).build())
                .put("blkio", blkioJson())
                .put("hugetlb", hugetlbJson())
                .put("intel_rdt", Json.object().build())
                .put("network_interfaces", Json.nullValue())
                .build();
    }

    private JsonValue cpuJson() {
        JsonObjectBuilder usage = Json.object()
                .putIfNotNull("total", omitZero(cpuTotal))
                .putIfNotNull("percpu", uints(percpu))
                .putIfNotNull("percpu_kernel", uints(percpuKernel))
                .putIfNotNull("percpu_user", uints(percpuUser))
                .put("kernel", Json.unsigned(cpuKernel))
                .put("user", Json.unsigned(cpuUser));
        JsonObjectBuilder throttling = Json.object()
                .putIfNotNull("periods", omitZero(throttlingPeriods))
                .putIfNotNull("throttledPeriods", omitZero(throttledPeriods))
                .putIfNotNull("throttledTime", omitZero(throttledTime));
        return Json.object().put("usage", usage.build()).put("throttling", throttling.build())
                .putIfNotNull("psi", psiJson(cpuPsi)).build();
    }

    private JsonValue cpusetJson() {
        return Json.object()
                .putIfNotNull("cpus", ints(cpusetCpus))
                .put("cpu_exclusive", Json.unsigned(cpuExclusive))
                .putIfNotNull("mems", ints(cpusetMems))
                .put("mem_hardwall", Json.unsigned(memHardwall))
                .put("mem_exclusive", Json.unsigned(memExclusive))
                .put("memory_migrate", Json.unsigned(memoryMigrate))
                .put("memory_spread_page", Json.unsigned(memorySpreadPage))
                .put("memory_spread_slab", Json.unsigned(memorySpreadSlab))
                .put("memory_pressure", Json.unsigned(memoryPressure))
                .put("sched_load_balance", Json.unsigned(schedLoadBalance))
                .put("sched_relax_domain_level", Json.number(schedRelaxDomainLevel))
                .build();
    }

    private JsonValue memoryJson() {
        JsonObjectBuilder raw = Json.object();
        memoryRaw.forEach((k, v) -> raw.put(k, Json.unsigned(v)));
        return Json.object()
                .putIfNotNull("cache", omitZero(memoryCache))
                .put("usage", memoryEntryJson(memoryUsage))
                .put("swap", memoryEntryJson(swapUsage))
                .put("kernel", memoryEntryJson(kernelUsage))
                .put("kernelTCP", memoryEntryJson(kernelTcpUsage))
                .putIfNotNull("raw", memoryRaw.isEmpty() ? null : raw.build())
                .putIfNotNull("psi", psiJson(memoryPsi))
                .build();
    }

    private static JsonValue memoryEntryJson(MemoryEntry e) {
        return Json.object()
                .put("limit", Json.unsigned(e.limit))
                .putIfNotNull("usage", omitZero(e.usage))
                .putIfNotNull("max", omitZero(e.max))
                .put("failcnt", Json.unsigned(e.failcnt))
                .build();
    }

    private JsonValue blkioJson() {
        JsonObjectBuilder out = Json.object();
        for (String table : BLKIO_TABLES) {
            List<BlkioEntry> entries = blkio.get(table);
            if (entries == null || entries.isEmpty()) {
                continue;
            }
            List<JsonValue> values = new ArrayList<>();
            for (BlkioEntry e : entries) {
                values.add(Json.object()
                        .putIfNotNull("major", omitZero(e.major()))
                        .putIfNotNull("minor", omitZero(e.minor()))
                        .putOmitEmpty("op", e.op())
                        .putIfNotNull("value", omitZero(e.value()))
                        .build());
            }
            out.put(table, Json.array(values));
        }
        return out.putIfNotNull("psi", psiJson(ioPsi)).build();
    }

    private JsonValue hugetlbJson() {
        JsonObjectBuilder out = Json.object();
        hugetlb.forEach((size, e) -> out.put(size, Json.object()
                .putIfNotNull("usage", omitZero(e.usage))
                .putIfNotNull("max", omitZero(e.max))
                .put("failcnt", Json.unsigned(e.failcnt))
                .build()));
        return out.build();
    }

    private static JsonValue psiJson(Psi psi) {
        if (psi == null) {
            return null;
        }
        return Json.object().put("some", psiDataJson(psi.some())).put("full", psiDataJson(psi.full())).build();
    }

    private static JsonValue psiDataJson(PsiData d) {
        return Json.object()
                .put("avg10", Json.number(d.avg10()))
                .put("avg60", Json.number(d.avg60()))
                .put("avg300", Json.number(d.avg300()))
                .put("total", Json.unsigned(d.total()))
                .build();
    }

    private static JsonValue omitZero(long uint64) {
        return uint64 == 0 ? null : Json.unsigned(uint64);
    }

    private static JsonValue uints(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<JsonValue> out = new ArrayList<>();
        for (long v : values) {
            out.add(Json.unsigned(v));
        }
        return Json.array(out);
    }

    private static JsonValue ints(List<Integer> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<JsonValue> out = new ArrayList<>();
        for (int v : values) {
            out.add(Json.number(v));
        }
        return Json.array(out);
    }
}

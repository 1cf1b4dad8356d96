package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.json.Json;
import io.jrunc.spec.Resources;
import io.jrunc.spec.SpecParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each resource writes into a cgroup v2 directory, checked on a fake cgroupfs. */
class CgroupV2ResourcesTest {
    @TempDir
    Path tmp;

    private FakeCgroupfs fs;
    private CgroupManager manager;

    static Resources resources(String json) {
        return SpecParser.parseResources(Json.parse(json));
    }

    @BeforeEach
    void createContainerCgroup() {
        fs = FakeCgroupfs.v2(tmp, "cpuset", "cpu", "io", "memory", "hugetlb", "pids", "rdma");
        manager = CgroupManager.forContainer(fs.sys, fs.v2Layout(), "c1", "/jrunc/c1", false);
        manager.create(null);
        fs.clearWrites();
    }

    private List<String> applied(String json) {
        fs.clearWrites();
        manager.update(resources(json));
        return fs.writes();
    }

    @Test
    void createEnablesTheHostsControllersInEveryAncestor() {
        FakeCgroupfs fresh = FakeCgroupfs.v2(tmp.resolve("other"), "cpu", "memory", "pids");
        CgroupManager m = CgroupManager.forContainer(fresh.sys, fresh.v2Layout(), "c1", "/a/b/c1", false);
        m.create(null);
        assertEquals(List.of(
                "cgroup.subtree_control: +cpu +memory +pids",
                "a/cgroup.subtree_control: +cpu +memory +pids",
                "a/b/cgroup.subtree_control: +cpu +memory +pids"), fresh.writes());
        assertEquals("cpu memory pids\n", fresh.read("a/b/c1/cgroup.controllers"));
        assertEquals(fresh.abs("a/b/c1"), m.paths().get(""));
    }

    @Test
    void memoryLimitsAndSwapWhichV2CountsWithoutTheMemory() {
        assertEquals(List.of(
                "jrunc/c1/memory.swap.max: 1073741824",
                "jrunc/c1/memory.max: 1073741824",
                "jrunc/c1/memory.low: 536870912"),
                applied("""
                        {"memory": {"limit": 1073741824, "swap": 2147483648, "reservation": 536870912}}"""));
    }

    @Test
    void swapEqualToMemoryMeansNoSwapAndMinusOneMeansMax() {
        assertEquals(List.of("jrunc/c1/memory.swap.max: 0", "jrunc/c1/memory.max: 4096"),
                applied("""
                        {"memory": {"limit": 4096, "swap": 4096}}"""));
        assertEquals(List.of("jrunc/c1/memory.swap.max: max", "jrunc/c1/memory.max: 4096"),
                applied("""
                        {"memory": {"limit": 4096, "swap": -1}}"""));
        assertEquals(List.of("jrunc/c1/memory.swap.max: max", "jrunc/c1/memory.max: max"),
                applied("""
                        {"memory": {"limit": -1}}"""));
    }

    @Test
    void swapWithoutSwapAccountingIsFineWhenItAsksForNoLimit() {
        fs.remove("jrunc/c1/memory.swap.max");
        assertEquals(List.of("jrunc/c1/memory.max: max"), applied("""
                {"memory": {"limit": -1}}"""));
        JruncException e = assertThrows(JruncException.class, () -> applied("""
                {"memory": {"limit": 4096, "swap": 8192}}"""));
        assertEquals("openat2 " + fs.abs("jrunc/c1/memory.swap.max") + ": no such file or directory", e.getMessage());
    }

    @Test
    void swapWithoutMemoryIsRefused() {
        JruncException e = assertThrows(JruncException.class, () -> applied("""
                {"memory": {"swap": 8192}}"""));
        assertEquals("unable to set swap limit without memory limit", e.getMessage());
    }

    @Test
    void checkBeforeUpdateRefusesALimitBelowUsageAndWritesNothing() {
        fs.put("jrunc/c1/memory.current", "1000000\n");
        JruncException e = assertThrows(JruncException.class, () -> applied("""
                {"memory": {"limit": 1024, "checkBeforeUpdate": true}}"""));
        assertEquals("rejecting memory limit 1024 <= usage 1000000", e.getMessage());
        e = assertThrows(JruncException.class, () -> applied("""
                {"memory": {"limit": 2000000, "swap": 4096, "checkBeforeUpdate": true}}"""));
        assertEquals("rejecting memory+swap limit 4096 <= usage 1000000", e.getMessage());
        assertEquals(List.of(), fs.writes());
        assertEquals(List.of("jrunc/c1/memory.max: 1024"), applied("""
                {"memory": {"limit": 1024}}"""));
    }

    @Test
    void v1OnlyMemorySettingsAreIgnored() {
        assertEquals(List.of(), applied("""
                {"memory": {"swappiness": 10, "disableOOMKiller": true, "kernel": 1024, "kernelTCP": 1024,
                            "useHierarchy": true}}"""));
    }

    @Test
    void cpuSharesBecomeAWeightAndQuotaPeriodBecomeCpuMax() {
        assertEquals(List.of(
                "jrunc/c1/cpu.idle: 1",
                "jrunc/c1/cpu.weight: 39",
                "jrunc/c1/cpu.max.burst: 1000",
                "jrunc/c1/cpu.max: 50000 100000"),
                applied("""
                        {"cpu": {"shares": 1024, "quota": 50000, "period": 100000, "burst": 1000, "idle": 1}}"""));
        assertEquals(List.of("jrunc/c1/cpu.max: max 100000"), applied("""
                {"cpu": {"quota": -1}}"""));
        assertEquals(List.of("jrunc/c1/cpu.max: max 250000"), applied("""
                {"cpu": {"period": 250000}}"""));
        assertEquals(List.of(), applied("""
                {"cpu": {"realtimeRuntime": 950000, "realtimePeriod": 1000000}}"""));
    }

    @Test
    void aBurstTheOldQuotaRefusesIsWrittenAgainAfterTheNewQuota() {
        fs.failWrites("jrunc/c1/cpu.max.burst", io.jrunc.sys.Errno.EINVAL);
        JruncException e = assertThrows(JruncException.class, () -> applied("""
                {"cpu": {"quota": 50000, "burst": 20000}}"""));
        // the retry after cpu.max is the one that fails for good here
        assertEquals(List.of("jrunc/c1/cpu.max.burst: 20000", "jrunc/c1/cpu.max: 50000 100000",
                "jrunc/c1/cpu.max.burst: 20000"), fs.writes());
        assertEquals("failed to write \"20000\": write " + fs.abs("jrunc/c1/cpu.max.burst") + ": invalid argument",
                e.getMessage());
    }

    @Test
    void cpusetPidsHugetlbAndRdma() {
        assertEquals(List.of(
                "jrunc/c1/pids.max: 100",
                "jrunc/c1/cpuset.cpus: 0-1",
                "jrunc/c1/cpuset.mems: 0",
                "jrunc/c1/hugetlb.2MB.max: 4194304",
                "jrunc/c1/hugetlb.2MB.rsvd.max: 4194304",
                "jrunc/c1/rdma.max: mlx5_0 hca_handle=3 hca_object=100"),
                applied("""
                        {"pids": {"limit": 100}, "cpu": {"cpus": "0-1", "mems": "0"},
                         "hugepageLimits": [{"pageSize": "2MB", "limit": 4194304}],
                         "rdma": {"mlx5_0": {"hcaHandles": 3, "hcaObjects": 100}}}"""));
    }

    @Test
    void pidsLimitZeroIsOneAndNegativeIsMax() {
        assertEquals(List.of("jrunc/c1/pids.max: 1"), applied("""
                {"pids": {"limit": 0}}"""));
        assertEquals(List.of("jrunc/c1/pids.max: max"), applied("""
                {"pids": {"limit": -1}}"""));
        assertEquals(List.of(), applied("""
                {"pids": {}}"""));
    }

    @Test
    void blkioWeightBecomesIoWeightAndThrottlesGoToIoMaxOneByOne() {
        assertEquals(List.of(
                "jrunc/c1/io.weight: 4950",
                "jrunc/c1/io.max: 8:0 rbps=1048576",
                "jrunc/c1/io.max: 8:16 wbps=2097152",
                "jrunc/c1/io.max: 8:0 riops=100",
                "jrunc/c1/io.max: 8:0 wiops=200"),
                applied("""
                        {"blockIO": {"weight": 500, "leafWeight": 300,
                          "throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 1048576}],
                          "throttleWriteBpsDevice": [{"major": 8, "minor": 16, "rate": 2097152}],
                          "throttleReadIOPSDevice": [{"major": 8, "minor": 0, "rate": 100}],
                          "throttleWriteIOPSDevice": [{"major": 8, "minor": 0, "rate": 200}]}}"""));
    }

    @Test
    void withBfqTheWeightIsWrittenAsItIsAndDeviceWeightsToo() {
        fs.put("jrunc/c1/io.bfq.weight", "default 100\n");
        assertEquals(List.of("jrunc/c1/io.bfq.weight: 500", "jrunc/c1/io.bfq.weight: 8:0 300\n"),
                applied("""
                        {"blockIO": {"weight": 500, "weightDevice": [{"major": 8, "minor": 0, "weight": 300}]}}"""));
    }

    @Test
    void unifiedKeysAreWrittenVerbatimAfterEverythingElse() {
        assertEquals(List.of("jrunc/c1/pids.max: 5", "jrunc/c1/memory.high: 100000", "jrunc/c1/pids.max: 7"),
                applied("""
                        {"pids": {"limit": 5}, "unified": {"memory.high": "100000", "pids.max": "7"}}"""));
    }

    @Test
    void unifiedKeysOfMissingControllersOrWithSlashesAreRefused() {
        JruncException e = assertThrows(JruncException.class, () -> applied("""
                {"unified": {"misc.max": "res 1"}}"""));
        assertEquals("unified resource \"misc.max\" can't be set: controller \"misc\" not available", e.getMessage());
        e = assertThrows(JruncException.class, () -> applied("""
                {"unified": {"../x": "1"}}"""));
        assertEquals("unified resource \"../x\" must be a file name (no slashes)", e.getMessage());
        e = assertThrows(JruncException.class, () -> applied("""
                {"unified": {"nodot": "1"}}"""));
        assertEquals("unified resource \"nodot\" must be in the form CONTROLLER.PARAMETER", e.getMessage());
    }

    @Test
    void aResourceWhoseControllerIsNotEnabledFailsNamingItBeforeAnyWrite() {
        FakeCgroupfs noPids = FakeCgroupfs.v2(tmp.resolve("nopids"), "cpu", "memory");
        CgroupManager m = CgroupManager.forContainer(noPids.sys, noPids.v2Layout(), "c", "/c", false);
        m.create(null);
        noPids.clearWrites();
        JruncException e = assertThrows(JruncException.class, () -> m.update(resources("""
                {"memory": {"limit": 4096}, "pids": {"limit": 10}}""")));
        assertEquals("cannot set pids limit: controller \"pids\" not available in " + noPids.abs("c"), e.getMessage());
        assertEquals(List.of(), noPids.writes());
        e = assertThrows(JruncException.class, () -> m.update(resources("""
                {"blockIO": {"weight": 100}}""")));
        assertTrue(e.getMessage().startsWith("cannot set blkio limit: controller \"io\" not available"), e.getMessage());
    }

    @Test
    void everythingAtOnceInRuncsOrder() {
        List<String> writes = applied("""
                {"unified": {"cpu.weight.nice": "5"}, "rdma": {"mlx5_0": {"hcaHandles": 1}},
                 "hugepageLimits": [{"pageSize": "2MB", "limit": 2097152}], "cpu": {"cpus": "1", "shares": 2},
                 "blockIO": {"weight": 10}, "memory": {"limit": 8192}, "pids": {"limit": 3}}""");
        assertEquals(List.of(
                "jrunc/c1/pids.max: 3",
                "jrunc/c1/memory.max: 8192",
                "jrunc/c1/io.weight: 1",
                "jrunc/c1/cpu.weight: 1",
                "jrunc/c1/cpuset.cpus: 1",
                "jrunc/c1/hugetlb.2MB.max: 2097152",
                "jrunc/c1/hugetlb.2MB.rsvd.max: 2097152",
                "jrunc/c1/rdma.max: mlx5_0 hca_handle=1",
                "jrunc/c1/cpu.weight.nice: 5"), writes);
    }
}

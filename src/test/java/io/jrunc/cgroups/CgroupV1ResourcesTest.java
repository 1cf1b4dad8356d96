package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.jrunc.cgroups.CgroupV2ResourcesTest.resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each resource writes into cgroup v1 hierarchies, checked on a fake cgroupfs. */
class CgroupV1ResourcesTest {
    @TempDir
    Path tmp;

    private FakeCgroupfs fs;
    private CgroupManager manager;

    @BeforeEach
    void createContainerCgroup() {
        fs = FakeCgroupfs.v1(tmp);
        manager = CgroupManager.forContainer(fs.sys, fs.v1Layout(false), "c1", "/jrunc/c1", false);
        manager.create(null);
        fs.clearWrites();
    }

    private List<String> applied(String json) {
        fs.clearWrites();
        manager.update(resources(json));
        return fs.writes();
    }

    @Test
    void createMakesTheDirectoryInEveryHierarchyAndFillsNewCpusets() {
        FakeCgroupfs fresh = FakeCgroupfs.v1(tmp.resolve("fresh"));
        CgroupManager m = CgroupManager.forContainer(fresh.sys, fresh.v1Layout(false), "c1", "/jrunc/c1", false);
        m.create(null);
        // a task cannot join a cpuset cgroup with empty cpus or mems: each new level copies its parent
        assertEquals(List.of(
                "cpuset/jrunc/cpuset.cpus: 0-3\n",
                "cpuset/jrunc/cpuset.mems: 0\n",
                "cpuset/jrunc/c1/cpuset.cpus: 0-3\n",
                "cpuset/jrunc/c1/cpuset.mems: 0\n"), fresh.writes());
        for (String h : List.of("cpuset", "devices", "memory", "cpu,cpuacct", "pids", "blkio", "freezer", "hugetlb",
                "net_cls,net_prio", "systemd")) {
            assertTrue(fresh.exists(h + "/jrunc/c1/cgroup.procs"), h);
        }
        assertEquals(fresh.abs("cpu,cpuacct/jrunc/c1"), m.paths().get("cpu"));
        assertEquals(fresh.abs("cpu,cpuacct/jrunc/c1"), m.paths().get("cpuacct"));
        assertEquals(fresh.abs("systemd/jrunc/c1"), m.paths().get("name=systemd"));
    }

    @Test
    void configuredCpusAreWrittenBeforeAnythingIsInherited() {
        FakeCgroupfs fresh = FakeCgroupfs.v1(tmp.resolve("fresh"));
        CgroupManager m = CgroupManager.forContainer(fresh.sys, fresh.v1Layout(false), "c1", "/c1", false);
        m.create(resources("""
                {"cpu": {"cpus": "2"}}"""));
        assertEquals(List.of("cpuset/c1/cpuset.cpus: 2", "cpuset/c1/cpuset.mems: 0\n"), fresh.writes());
    }

    @Test
    void memoryIsWrittenBeforeSwapWhenTheOldLimitIsHigher() {
        assertEquals(List.of(
                "memory/jrunc/c1/memory.limit_in_bytes: 1073741824",
                "memory/jrunc/c1/memory.memsw.limit_in_bytes: 2147483648",
                "memory/jrunc/c1/memory.soft_limit_in_bytes: 536870912",
                "memory/jrunc/c1/memory.oom_control: 1",
                "memory/jrunc/c1/memory.swappiness: 10"),
                applied("""
                        {"memory": {"limit": 1073741824, "swap": 2147483648, "reservation": 536870912,
                                    "disableOOMKiller": true, "swappiness": 10, "kernel": 1, "kernelTCP": 1}}"""));
    }

    @Test
    void swapGoesFirstWhenRaisingAboveTheOldLimitOrLiftingIt() {
        fs.put("memory/jrunc/c1/memory.limit_in_bytes", "1024\n");
        assertEquals(List.of(
                "memory/jrunc/c1/memory.memsw.limit_in_bytes: 8192",
                "memory/jrunc/c1/memory.limit_in_bytes: 4096"),
                applied("""
                        {"memory": {"limit": 4096, "swap": 8192}}"""));
        // unlimited memory without a swap setting also lifts swap, swap first
        assertEquals(List.of(
                "memory/jrunc/c1/memory.memsw.limit_in_bytes: -1",
                "memory/jrunc/c1/memory.limit_in_bytes: -1"),
                applied("""
                        {"memory": {"limit": -1}}"""));
    }

    @Test
    void aLimitBelowUsageGetsRuncsExplanation() {
        fs.put("memory/jrunc/c1/memory.usage_in_bytes", "4096\n");
        fs.put("memory/jrunc/c1/memory.max_usage_in_bytes", "8192\n");
        fs.failWrites("memory/jrunc/c1/memory.limit_in_bytes", Errno.EBUSY);
        JruncException e = assertThrows(JruncException.class, () -> applied("""
                {"memory": {"limit": 1024}}"""));
        assertEquals("unable to set memory limit to 1024 (current usage: 4096, peak usage: 8192)", e.getMessage());
    }

    @Test
    void swappinessMustBeAPercentageAndMinusOneMeansLeaveIt() {
        assertEquals(List.of(), applied("""
                {"memory": {"swappiness": 18446744073709551615}}"""));
        JruncException e = assertThrows(JruncException.class, () -> applied("""
                {"memory": {"swappiness": 101}}"""));
        assertEquals("invalid value:101. valid memory swappiness range is 0-100", e.getMessage());
    }

    @Test
    void cpuSharesAreCheckedAgainstWhatTheKernelKept() {
        assertEquals(List.of("cpu,cpuacct/jrunc/c1/cpu.shares: 512"), applied("""
                {"cpu": {"shares": 512}}"""));
        JruncException e = assertThrows(JruncException.class, () -> applied("""
                {"cpu": {"shares": 1}}"""));
        assertEquals("the minimum allowed cpu-shares is 2", e.getMessage());
        e = assertThrows(JruncException.class, () -> applied("""
                {"cpu": {"shares": 300000}}"""));
        assertEquals("the maximum allowed cpu-shares is 262144", e.getMessage());
    }

    @Test
    void cpuQuotaPeriodBurstIdleAndRealtime() {
        // this kernel has no cpu.cfs_burst_us (before 5.14) and no cpu.idle: burst is skipped, idle fails
        assertEquals(List.of(
                "cpu,cpuacct/jrunc/c1/cpu.cfs_period_us: 200000",
                "cpu,cpuacct/jrunc/c1/cpu.cfs_quota_us: 100000",
                "cpu,cpuacct/jrunc/c1/cpu.rt_period_us: 1000000",
                "cpu,cpuacct/jrunc/c1/cpu.rt_runtime_us: 950000"),
                applied("""
                        {"cpu": {"quota": 100000, "period": 200000, "burst": 5000,
                                 "realtimeRuntime": 950000, "realtimePeriod": 1000000}}"""));
        fs.put("cpu,cpuacct/jrunc/c1/cpu.idle", "0\n");
        assertEquals(List.of("cpu,cpuacct/jrunc/c1/cpu.idle: 1"), applied("""
                {"cpu": {"idle": 1}}"""));
    }

    @Test
    void aPeriodRefusedUnderTheOldQuotaIsWrittenAgainAfterTheNewOne() {
        fs.failWrites("cpu,cpuacct/jrunc/c1/cpu.cfs_period_us", Errno.EINVAL);
        assertThrows(JruncException.class, () -> applied("""
                {"cpu": {"quota": 1000, "period": 10000}}"""));
        assertEquals(List.of(
                "cpu,cpuacct/jrunc/c1/cpu.cfs_period_us: 10000",
                "cpu,cpuacct/jrunc/c1/cpu.cfs_quota_us: 1000",
                "cpu,cpuacct/jrunc/c1/cpu.cfs_period_us: 10000"), fs.writes());
        // without a quota to follow, the refusal is final at once
        assertThrows(JruncException.class, () -> applied("""
                {"cpu": {"period": 10000}}"""));
        assertEquals(List.of("cpu,cpuacct/jrunc/c1/cpu.cfs_period_us: 10000"), fs.writes());
    }

    @Test
    void pidsBlkioHugetlbAndNetwork() {
        assertEquals(List.of(
                "pids/jrunc/c1/pids.max: 64",
                "blkio/jrunc/c1/blkio.weight: 300",
                "blkio/jrunc/c1/blkio.leaf_weight: 200",
                "blkio/jrunc/c1/blkio.weight_device: 8:0 400",
                "blkio/jrunc/c1/blkio.leaf_weight_device: 8:0 100",
                "blkio/jrunc/c1/blkio.throttle.read_bps_device: 8:0 1048576",
                "blkio/jrunc/c1/blkio.throttle.write_bps_device: 8:0 2097152",
                "blkio/jrunc/c1/blkio.throttle.read_iops_device: 8:0 10",
                "blkio/jrunc/c1/blkio.throttle.write_iops_device: 8:0 20",
                "hugetlb/jrunc/c1/hugetlb.2MB.limit_in_bytes: 4194304",
                "hugetlb/jrunc/c1/hugetlb.2MB.rsvd.limit_in_bytes: 4194304",
                "net_cls,net_prio/jrunc/c1/net_cls.classid: 1048577",
                "net_cls,net_prio/jrunc/c1/net_prio.ifpriomap: eth0 5"),
                applied("""
                        {"pids": {"limit": 64},
                         "blockIO": {"weight": 300, "leafWeight": 200,
                           "weightDevice": [{"major": 8, "minor": 0, "weight": 400, "leafWeight": 100}],
                           "throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 1048576}],
                           "throttleWriteBpsDevice": [{"major": 8, "minor": 0, "rate": 2097152}],
                           "throttleReadIOPSDevice": [{"major": 8, "minor": 0, "rate": 10}],
                           "throttleWriteIOPSDevice": [{"major": 8, "minor": 0, "rate": 20}]},
                         "hugepageLimits": [{"pageSize": "2MB", "limit": 4194304}],
                         "network": {"classID": 1048577, "priorities": [{"name": "eth0", "priority": 5}]}}"""));
    }

    @Test
    void withBfqTheBlkioWeightsHaveBfqNames() {
        fs.remove("blkio/jrunc/c1/blkio.weight");
        fs.put("blkio/jrunc/c1/blkio.bfq.weight", "100\n");
        fs.put("blkio/jrunc/c1/blkio.bfq.weight_device", "");
        assertEquals(List.of("blkio/jrunc/c1/blkio.bfq.weight: 300", "blkio/jrunc/c1/blkio.bfq.weight_device: 8:0 400"),
                applied("""
                        {"blockIO": {"weight": 300, "weightDevice": [{"major": 8, "minor": 0, "weight": 400}]}}"""));
    }

    @Test
    void unmountedHierarchiesAndUnifiedAreRefusedBeforeAnyWrite() {
        JruncException e = assertThrows(JruncException.class, () -> applied("""
                {"pids": {"limit": 5}, "rdma": {"mlx5_0": {"hcaHandles": 1}}}"""));
        assertEquals("cannot set rdma limit: container could not join or create cgroup", e.getMessage());
        e = assertThrows(JruncException.class, () -> applied("""
                {"unified": {"memory.high": "1"}}"""));
        assertEquals("invalid configuration: cannot use unified on cgroup v1", e.getMessage());
        assertEquals(List.of(), fs.writes());
    }

    @Test
    void devicesDenyAllThenAllowTheRulesInOrder() {
        List<CgroupDeviceRule> rules = CgroupDeviceRule.forContainer(resources("""
                {"devices": [{"allow": false, "access": "rwm"}, {"allow": true, "type": "c", "major": 4, "access": "rw"}]}""")
                .devices(), List.of("/dev/tty"));
        fs.clearWrites();
        manager.apply(resources("{}"), rules);
        String d = "devices/jrunc/c1/";
        assertEquals(List.of(
                d + "devices.deny: a *:* rwm",
                d + "devices.allow: b *:* m",
                d + "devices.allow: c *:* m",
                d + "devices.allow: c 1:3 rwm",
                d + "devices.allow: c 1:5 rwm",
                d + "devices.allow: c 1:7 rwm",
                d + "devices.allow: c 1:8 rwm",
                d + "devices.allow: c 1:9 rwm",
                d + "devices.allow: c 4:* rw",
                d + "devices.allow: c 5:2 rwm",
                d + "devices.allow: c 10:200 rwm",
                d + "devices.allow: c 136:* rwm"), fs.writes()); // no /dev/tty (5:0): the config has its own
        // the same rules again change nothing: no moment without access for running processes
        fs.clearWrites();
        manager.apply(resources("{}"), rules);
        assertEquals(List.of(), fs.writes());
        // update never touches devices
        assertEquals(List.of(), applied("{}"));
    }

    @Test
    void aDevicesCgroupThatEndsUpDifferentIsAnError() {
        // a kernel (here: the fake) that accepts the allow writes without effect must not go unnoticed
        fs.ignoreWrites("devices/jrunc/c1/devices.allow");
        JruncException e = assertThrows(JruncException.class, () -> manager.apply(resources("{}"),
                List.of(new CgroupDeviceRule('c', 1, 3, "rwm", true))));
        assertEquals("resulting devices cgroup doesn't precisely match target", e.getMessage());
    }

    @Test
    void aRefusedDeviceRuleFailsTheApply() {
        fs.failWrites("devices/jrunc/c1/devices.allow", Errno.EPERM);
        JruncException e = assertThrows(JruncException.class, () -> manager.apply(resources("{}"),
                List.of(new CgroupDeviceRule('c', 1, 3, "rwm", true))));
        assertEquals("failed to write \"c 1:3 rwm\": write " + fs.abs("devices/jrunc/c1/devices.allow")
                + ": operation not permitted", e.getMessage());
        assertFalse(fs.read("devices/jrunc/c1/devices.list").contains("a *:* rwm"));
    }
}

package io.jrunc.cgroups;

import io.jrunc.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Statistics come out as runc's events --stats data, byte for byte. */
class CgroupStatsTest {
    @TempDir
    Path tmp;

    @Test
    void v2StatisticsInRuncsShape() {
        FakeCgroupfs fs = FakeCgroupfs.v2(tmp, "cpu", "io", "memory", "hugetlb", "pids");
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v2Layout(), "c1", "/c1", false);
        m.create(null);
        fs.put("c1/memory.stat", "anon 100\nfile 200\n");
        fs.put("c1/memory.current", "300\n");
        fs.put("c1/memory.peak", "400\n");
        fs.put("c1/memory.swap.current", "10\n");
        fs.put("c1/pids.current", "2\n");
        fs.put("c1/pids.max", "10\n");
        fs.put("c1/io.stat", "8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0\n");
        fs.put("c1/cpu.stat", "usage_usec 5\nuser_usec 3\nsystem_usec 2\nnr_periods 7\nnr_throttled 1\nthrottled_usec 9\n");
        fs.put("c1/cpu.pressure", "some avg10=0.50 avg60=0.00 avg300=0.00 total=1234\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        fs.put("c1/hugetlb.2MB.current", "2097152\n");
        fs.put("c1/hugetlb.2MB.events", "max 1\n");
        assertEquals("{\"cpu\":{\"usage\":{\"total\":5000,\"kernel\":2000,\"user\":3000},"
                + "\"throttling\":{\"periods\":7,\"throttledPeriods\":1,\"throttledTime\":9000},"
                + "\"psi\":{\"some\":{\"avg10\":0.5,\"avg60\":0,\"avg300\":0,\"total\":1234},"
                + "\"full\":{\"avg10\":0,\"avg60\":0,\"avg300\":0,\"total\":0}}},"
                + "\"cpuset\":{\"cpu_exclusive\":0,\"mem_hardwall\":0,\"mem_exclusive\":0,\"memory_migrate\":0,"
                + "\"memory_spread_page\":0,\"memory_spread_slab\":0,\"memory_pressure\":0,\"sched_load_balance\":0,"
                + "\"sched_relax_domain_level\":0},"
                + "\"memory\":{\"cache\":200,\"usage\":{\"limit\":18446744073709551615,\"usage\":300,\"max\":400,\"failcnt\":0},"
                + "\"swap\":{\"limit\":18446744073709551615,\"usage\":310,\"failcnt\":0},"
                + "\"kernel\":{\"limit\":0,\"failcnt\":0},\"kernelTCP\":{\"limit\":0,\"failcnt\":0},"
                + "\"raw\":{\"anon\":100,\"file\":200}},"
                + "\"pids\":{\"current\":2,\"limit\":10},"
                + "\"blkio\":{\"ioServiceBytesRecursive\":[{\"major\":8,\"op\":\"Read\",\"value\":1},{\"major\":8,\"op\":\"Write\",\"value\":2}],"
                + "\"ioServicedRecursive\":[{\"major\":8,\"op\":\"Read\",\"value\":3},{\"major\":8,\"op\":\"Write\",\"value\":4}]},"
                + "\"hugetlb\":{\"2MB\":{\"usage\":2097152,\"failcnt\":1}},"
                + "\"intel_rdt\":{},\"network_interfaces\":null}", Json.write(m.stats().toJson()));
    }

    @Test
    void v2PidsWithoutThePidsControllerCountTheProcesses() {
        FakeCgroupfs fs = FakeCgroupfs.v2(tmp, "memory");
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v2Layout(), "c1", "/c1", false);
        m.create(null);
        fs.put("c1/cgroup.procs", "7\n8\n9\n");
        assertEquals(3, m.stats().pidsCurrent());
    }

    @Test
    void v1StatisticsInRuncsShape() {
        FakeCgroupfs fs = FakeCgroupfs.v1(tmp);
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v1Layout(false), "c1", "/c1", false);
        m.create(null);
        fs.put("memory/c1/memory.stat", "cache 5\nrss 6\n");
        fs.put("memory/c1/memory.usage_in_bytes", "100\n");
        fs.put("memory/c1/memory.max_usage_in_bytes", "200\n");
        fs.put("memory/c1/memory.failcnt", "1\n");
        fs.put("cpu,cpuacct/c1/cpuacct.stat", "user 10\nsystem 20\n");
        fs.put("cpu,cpuacct/c1/cpuacct.usage", "12345\n");
        fs.put("cpu,cpuacct/c1/cpuacct.usage_percpu", "7 8 \n");
        fs.put("pids/c1/pids.current", "3\n");
        fs.put("blkio/c1/blkio.throttle.io_serviced", "8:0 Read 3\n8:0 Write 4\n8:0 Total 7\nTotal 7\n");
        fs.put("blkio/c1/blkio.throttle.io_service_bytes", "8:0 Read 4096\n8:0 Write 8192\n");
        assertEquals("{\"cpu\":{\"usage\":{\"total\":12345,\"percpu\":[7,8],\"kernel\":200000000,\"user\":100000000},"
                + "\"throttling\":{}},"
                + "\"cpuset\":{\"cpus\":[0,1,2,3],\"cpu_exclusive\":0,\"mems\":[0],\"mem_hardwall\":0,\"mem_exclusive\":0,"
                + "\"memory_migrate\":0,\"memory_spread_page\":0,\"memory_spread_slab\":0,\"memory_pressure\":0,"
                + "\"sched_load_balance\":0,\"sched_relax_domain_level\":0},"
                + "\"memory\":{\"cache\":5,\"usage\":{\"limit\":9223372036854771712,\"usage\":100,\"max\":200,\"failcnt\":1},"
                + "\"swap\":{\"limit\":0,\"failcnt\":0},\"kernel\":{\"limit\":0,\"failcnt\":0},"
                + "\"kernelTCP\":{\"limit\":0,\"failcnt\":0},\"raw\":{\"cache\":5,\"rss\":6}},"
                + "\"pids\":{\"current\":3},"
                + "\"blkio\":{\"ioServiceBytesRecursive\":[{\"major\":8,\"op\":\"Read\",\"value\":4096},"
                + "{\"major\":8,\"op\":\"Write\",\"value\":8192}],"
                + "\"ioServicedRecursive\":[{\"major\":8,\"op\":\"Read\",\"value\":3},{\"major\":8,\"op\":\"Write\",\"value\":4},"
                + "{\"major\":8,\"op\":\"Total\",\"value\":7}]},"
                + "\"hugetlb\":{\"2MB\":{\"failcnt\":0}},"
                + "\"intel_rdt\":{},\"network_interfaces\":null}", Json.write(m.stats().toJson()));
    }

    @Test
    void oomKillsAreCountedFromTheMemoryEvents() {
        FakeCgroupfs fs = FakeCgroupfs.v2(tmp, "memory");
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v2Layout(), "c1", "/c1", false);
        m.create(null);
        fs.put("c1/memory.events", "low 0\nhigh 0\nmax 4\noom 2\noom_kill 2\n");
        assertEquals(2, m.oomKillCount());
    }
}

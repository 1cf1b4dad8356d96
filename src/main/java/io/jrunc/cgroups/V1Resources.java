package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.spec.Resources;

import java.util.List;
import java.util.Map;

import static io.jrunc.cgroups.ResourceChecks.nonZero;

/**
 * Writes linux.resources into cgroup v1 hierarchies, one subsystem after the other in runc's
 * order (cpuset, devices, memory, cpu, pids, blkio, hugetlb, net_cls, net_prio, rdma). A
 * resource whose hierarchy is not mounted fails with runc's message before anything is written.
 */
final class V1Resources {
    private final CgroupFiles files;
    /** subsystem to directory */
    private final Map<String, String> paths;

    V1Resources(CgroupFiles files, Map<String, String> paths) {
        this.files = files;
        this.paths = paths;
    }

    /** {@code deviceRules} null leaves the devices controller as it is (runc update). */
    void apply(Resources r, List<CgroupDeviceRule> deviceRules) {
        if (!r.unified().isEmpty()) {
            throw new JruncException("invalid configuration: cannot use unified on cgroup v1");
        }
        requireHierarchies(r, deviceRules);
        if (ResourceChecks.isCpusetSet(r)) {
            cpuset(paths.get("cpuset"), r.cpu());
        }
        if (deviceRules != null) {
            devices(paths.get("devices"), deviceRules);
        }
        memory(paths.get("memory"), r.memory());
        cpu(paths.get("cpu"), r.cpu());
        pids(paths.get("pids"), r.pids());
        blkio(paths.get("blkio"), r.blockIO());
        for (Resources.HugepageLimit h : r.hugepageLimits()) {
            hugetlb(paths.get("hugetlb"), h);
        }
        network(r.network());
        for (Map.Entry<String, Resources.Rdma> e : r.rdma().entrySet()) {
            files.write(paths.get("rdma"), "rdma.max", V2Resources.rdmaLine(e.getKey(), e.getValue()));
        }
    }

    private void requireHierarchies(Resources r, List<CgroupDeviceRule> deviceRules) {
        Resources.Memory m = r.memory();
        Resources.Cpu c = r.cpu();
        Resources.BlockIo b = r.blockIO();
        Resources.Network n = r.network();
        require("cpuset", ResourceChecks.isCpusetSet(r));
        require("devices", deviceRules != null);
        require("memory", m != null && (nonZero(m.limit()) || nonZero(m.reservation()) || nonZero(m.swap())
                || Boolean.TRUE.equals(m.disableOOMKiller()) || (m.swappiness() != null && m.swappiness() != -1)));
        require("cpu", c != null && (nonZero(c.shares()) || nonZero(c.quota()) || nonZero(c.period()) || c.burst() != null
                || nonZero(c.realtimeRuntime()) || nonZero(c.realtimePeriod()) || c.idle() != null));
        require("pids", ResourceChecks.isPidsSet(r));
        require("blkio", b != null && (nonZero(b.weight()) || nonZero(b.leafWeight()) || ResourceChecks.isIoSet(r)));
        require("hugetlb", ResourceChecks.isHugetlbSet(r));
        require("net_cls", n != null && nonZero(n.classID()));
        require("net_prio", n != null && !n.priorities().isEmpty());
        require("rdma", ResourceChecks.isRdmaSet(r));
    }

    private void require(String subsystem, boolean needed) {
        String dir = paths.get(subsystem);
        if (needed && (dir == null || dir.isEmpty())) {
            throw new JruncException("cannot set " + subsystem + " limit: container could not join or create cgroup");
        }
    }

    private void cpuset(String dir, Resources.Cpu c) {
        if (ResourceChecks.notEmpty(c.cpus())) {
            files.write(dir, "cpuset.cpus", c.cpus());
        }
        if (ResourceChecks.notEmpty(c.mems())) {
            files.write(dir, "cpuset.mems", c.mems());
        }
    }

    /**
     * The fewest devices.allow/devices.deny writes from what devices.list shows now to what the
     * rules want, then a read-back check, as runc does: a devices cgroup that silently differs
     * from the config would be a hole.
     */
    private void devices(String dir, List<CgroupDeviceRule> rules) {
        DeviceEmulator current = DeviceEmulator.fromList(files.read(dir, "devices.list"));
        DeviceEmulator target = DeviceEmulator.of(rules);
        for (CgroupDeviceRule rule : current.transition(target)) {
            files.write(dir, rule.allow() ? "devices.allow" : "devices.deny", rule.cgroupString());
        }
        DeviceEmulator after = DeviceEmulator.fromList(files.read(dir, "devices.list"));
        if (!target.isBlacklist() && !after.equals(target)) {
            throw new JruncException("resulting devices cgroup doesn't precisely match target");
        }
        if (target.isBlacklist() != after.isBlacklist()) {
            throw new JruncException("resulting devices cgroup doesn't match target mode");
        }
    }

    private void memory(String dir, Resources.Memory m) {
        if (m == null || dir == null) {
            return;
        }
        long limit = m.limit() == null ? 0 : m.limit();
        long swap = m.swap() == null ? 0 : m.swap();
        if (limit == -1 && swap == 0 && files.exists(dir, "memory.memsw.limit_in_bytes")) {
            swap = -1; // lifting the memory limit lifts the swap limit unless one is given
        }
        boolean swapFirst = false;
        if (limit != 0 && swap != 0) {
            // the kernel wants memory <= memory+swap at every step: order the writes accordingly
            long current = files.readUint(dir, "memory.limit_in_bytes");
            swapFirst = swap == -1 || Long.compareUnsigned(current, swap) < 0;
        }
        if (swapFirst) {
            writeIfSet(dir, "memory.memsw.limit_in_bytes", swap);
            memoryLimit(dir, limit);
        } else {
            memoryLimit(dir, limit);
            writeIfSet(dir, "memory.memsw.limit_in_bytes", swap);
        }
        // kernel memory limits are ignored, as by runc
        if (nonZero(m.reservation())) {
            files.write(dir, "memory.soft_limit_in_bytes", Long.toString(m.reservation()));
        }
        if (Boolean.TRUE.equals(m.disableOOMKiller())) {
            files.write(dir, "memory.oom_control", "1");
        }
        Long swappiness = m.swappiness();
        if (swappiness != null && swappiness != -1) {
            if (Long.compareUnsigned(swappiness, 100) > 0) {
                throw new JruncException("invalid value:" + Long.toUnsignedString(swappiness)
                        + ". valid memory swappiness range is 0-100");
            }
            files.write(dir, "memory.swappiness", Long.toString(swappiness));
        }
    }

    private void memoryLimit(String dir, long limit) {
        if (limit == 0) {
            return;
        }
        try {
            files.write(dir, "memory.limit_in_bytes", Long.toString(limit));
        } catch (JruncException e) {
            if (e.errno() != Errno.EBUSY) {
                throw e;
            }
            // EBUSY: the new limit is below what the cgroup already uses
            throw new JruncException("unable to set memory limit to " + limit + " (current usage: "
                    + Long.toUnsignedString(files.readUint(dir, "memory.usage_in_bytes")) + ", peak usage: "
                    + Long.toUnsignedString(files.readUint(dir, "memory.max_usage_in_bytes")) + ")", e.errno());
        }
    }

    private void writeIfSet(String dir, String file, long value) {
        if (value != 0) {
            files.write(dir, file, Long.toString(value));
        }
    }

    private void cpu(String dir, Resources.Cpu c) {
        if (c == null || dir == null) {
            return;
        }
        long shares = c.shares() == null ? 0 : c.shares();
        if (shares != 0) {
            files.write(dir, "cpu.shares", Long.toUnsignedString(shares));
            long read = files.readUint(dir, "cpu.shares");
            // the kernel clamps out-of-range shares silently; runc reports the clamp instead
            if (Long.compareUnsigned(shares, read) > 0) {
                throw new JruncException("the maximum allowed cpu-shares is " + Long.toUnsignedString(read));
            }
            if (Long.compareUnsigned(shares, read) < 0) {
                throw new JruncException("the minimum allowed cpu-shares is " + Long.toUnsignedString(read));
            }
        }
        long quota = c.quota() == null ? 0 : c.quota();
        String period = retryLater(dir, "cpu.cfs_period_us", c.period() == null || c.period() == 0
                ? null : Long.toUnsignedString(c.period()), quota != 0, false);
        String burst = retryLater(dir, "cpu.cfs_burst_us", c.burst() == null
                ? null : Long.toUnsignedString(c.burst()), quota != 0, true);
        if (quota != 0) {
            files.write(dir, "cpu.cfs_quota_us", Long.toString(quota));
            if (period != null) {
                files.write(dir, "cpu.cfs_period_us", period);
            }
            if (burst != null) {
                files.write(dir, "cpu.cfs_burst_us", burst);
            }
        }
        if (c.idle() != null) {
            files.write(dir, "cpu.idle", Long.toString(c.idle()));
        }
        realtime(dir, c);
    }

    /**
     * Writes {@code value}; if the kernel refuses it with EINVAL because it does not fit the old
     * quota and a new quota follows, returns it to be written again after the quota. A missing
     * file is fine when {@code optional} (cpu.cfs_burst_us needs Linux 5.14).
     */
    private String retryLater(String dir, String file, String value, boolean quotaFollows, boolean optional) {
        if (value == null) {
            return null;
        }
        try {
            files.write(dir, file, value);
            return null;
        } catch (JruncException e) {
            if (optional && e.errno() == Errno.ENOENT) {
                return null;
            }
            if (e.errno() != Errno.EINVAL || !quotaFollows) {
                throw e;
            }
            return value;
        }
    }

    /** cpu.rt_period_us and cpu.rt_runtime_us depend on each other; the same retry as above. */
    private void realtime(String dir, Resources.Cpu c) {
        long runtime = c.realtimeRuntime() == null ? 0 : c.realtimeRuntime();
        String period = retryLater(dir, "cpu.rt_period_us", c.realtimePeriod() == null || c.realtimePeriod() == 0
                ? null : Long.toUnsignedString(c.realtimePeriod()), runtime != 0, false);
        if (runtime != 0) {
            files.write(dir, "cpu.rt_runtime_us", Long.toString(runtime));
            if (period != null) {
                files.write(dir, "cpu.rt_period_us", period);
            }
        }
    }

    private void pids(String dir, Resources.Pids p) {
        if (p == null || p.limit() == null) {
            return;
        }
        long limit = p.limit();
        files.write(dir, "pids.max", limit > 0 ? Long.toString(limit) : limit == 0 ? "1" : "max");
    }

    private void blkio(String dir, Resources.BlockIo b) {
        if (b == null || dir == null) {
            return;
        }
        // with BFQ the weights live in blkio.bfq.*; CFQ's blkio.weight is gone since Linux 5.0
        boolean cfq = files.exists(dir, "blkio.weight");
        String weightFile = cfq ? "blkio.weight" : "blkio.bfq.weight";
        String weightDeviceFile = cfq ? "blkio.weight_device" : "blkio.bfq.weight_device";
        if (nonZero(b.weight())) {
            files.write(dir, weightFile, Integer.toString(b.weight()));
        }
        if (nonZero(b.leafWeight())) {
            files.write(dir, "blkio.leaf_weight", Integer.toString(b.leafWeight()));
        }
        for (Resources.WeightDevice wd : b.weightDevice()) {
            if (nonZero(wd.weight())) {
                files.write(dir, weightDeviceFile, wd.major() + ":" + wd.minor() + " " + wd.weight());
            }
            if (nonZero(wd.leafWeight())) {
                files.write(dir, "blkio.leaf_weight_device", wd.major() + ":" + wd.minor() + " " + wd.leafWeight());
            }
        }
        throttle(dir, "blkio.throttle.read_bps_device", b.throttleReadBpsDevice());
        throttle(dir, "blkio.throttle.write_bps_device", b.throttleWriteBpsDevice());
        throttle(dir, "blkio.throttle.read_iops_device", b.throttleReadIOPSDevice());
        throttle(dir, "blkio.throttle.write_iops_device", b.throttleWriteIOPSDevice());
    }

    private void throttle(String dir, String file, List<Resources.ThrottleDevice> devices) {
        for (Resources.ThrottleDevice td : devices) {
            files.write(dir, file, td.major() + ":" + td.minor() + " " + Long.toUnsignedString(td.rate()));
        }
    }

    private void hugetlb(String dir, Resources.HugepageLimit h) {
        String value = Long.toUnsignedString(h.limit());
        files.write(dir, "hugetlb." + h.pageSize() + ".limit_in_bytes", value);
        if (files.exists(dir, "hugetlb." + h.pageSize() + ".rsvd.limit_in_bytes")) {
            files.write(dir, "hugetlb." + h.pageSize() + ".rsvd.limit_in_bytes", value);
        }
    }

    private void network(Resources.Network n) {
        if (n == null) {
            return;
        }
        if (nonZero(n.classID())) {
            files.write(paths.get("net_cls"), "net_cls.classid", Long.toString(n.classID()));
        }
        for (Resources.InterfacePriority p : n.priorities()) {
            files.write(paths.get("net_prio"), "net_prio.ifpriomap", p.name() + " " + p.priority());
        }
    }
}

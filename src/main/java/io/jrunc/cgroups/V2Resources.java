package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.GoQuote;
import io.jrunc.spec.Resources;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.jrunc.cgroups.ResourceChecks.nonZero;
import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.O_RDWR;
import static io.jrunc.sys.Linux.SEEK_SET;

/**
 * Writes linux.resources into one cgroup v2 directory with runc's conversions and in runc's
 * order (pids, memory, io, cpu, devices, cpuset, hugetlb, rdma, unified). Before writing
 * anything it checks that every controller a resource needs is enabled for the directory, so a
 * missing controller fails with its name and leaves the cgroup untouched. v1-only settings
 * (swappiness, disableOOMKiller, realtime, blkio leaf weights, network) are ignored, as in runc.
 */
final class V2Resources {
    private final CgroupFiles files;
    private final String dir;

    V2Resources(CgroupFiles files, String dir) {
        this.files = files;
        this.dir = dir;
    }

    /** {@code deviceRules} null leaves the device filter as it is (runc update). */
    void apply(Resources r, List<CgroupDeviceRule> deviceRules) {
        Set<String> available = new HashSet<>(Arrays.asList(files.read(dir, "cgroup.controllers").trim().split("\\s+")));
        requireControllers(r, available);
        pids(r);
        memory(r);
        io(r);
        cpu(r);
        if (deviceRules != null) {
            DeviceFilterAttacher.attach(files.sys(), dir, DeviceFilterProgram.compile(deviceRules));
        }
        cpuset(r);
        hugetlb(r);
        rdma(r);
        unified(r.unified(), available);
    }

    private void requireControllers(Resources r, Set<String> available) {
        require(available, ResourceChecks.isPidsSet(r), "pids", "pids");
        require(available, ResourceChecks.isMemorySet(r), "memory", "memory");
        require(available, ResourceChecks.isIoSet(r), "io", "blkio");
        require(available, ResourceChecks.isCpuSet(r), "cpu", "cpu");
        require(available, ResourceChecks.isCpusetSet(r), "cpuset", "cpuset");
        require(available, ResourceChecks.isHugetlbSet(r), "hugetlb", "hugetlb");
        require(available, ResourceChecks.isRdmaSet(r), "rdma", "rdma");
    }

    private void require(Set<String> available, boolean needed, String controller, String what) {
        if (needed && !available.contains(controller)) {
            throw new JruncException("cannot set " + what + " limit: controller " + GoQuote.quote(controller)
                    + " not available in " + dir);
        }
    }

    private void pids(Resources r) {
        if (!ResourceChecks.isPidsSet(r)) {
            return;
        }
        long limit = r.pids().limit();
        // 0 becomes 1 as systemd requires; both drivers agree that way (runc 1.4)
        files.write(dir, "pids.max", limit > 0 ? Long.toString(limit) : limit == 0 ? "1" : "max");
    }

    private void memory(Resources r) {
        if (!ResourceChecks.isMemorySet(r)) {
            return;
        }
        Resources.Memory m = r.memory();
        long limit = m.limit() == null ? 0 : m.limit();
        long swapTotal = m.swap() == null ? 0 : m.swap();
        if (Boolean.TRUE.equals(m.checkBeforeUpdate())) {
            checkUsage(limit, swapTotal);
        }
        long swap = CgroupConversions.memorySwapToV2(swapTotal, limit);
        String swapValue = CgroupConversions.v2Limit(swap);
        if (swapValue.isEmpty() && swap == 0 && swapTotal > 0) {
            swapValue = "0"; // swap equal to memory: no swap at all
        }
        if (!swapValue.isEmpty()) { // "" would mean 0 to the kernel
            try {
                files.write(dir, "memory.swap.max", swapValue);
            } catch (JruncException e) {
                // without swap accounting, "no limit" and "no swap" are what the kernel does anyway
                if (!(e.errno() == Errno.ENOENT && (swapValue.equals("max") || swapValue.equals("0")))) {
                    throw e;
                }
            }
        }
        String max = CgroupConversions.v2Limit(limit);
        if (!max.isEmpty()) {
            files.write(dir, "memory.max", max);
        }
        String low = CgroupConversions.v2Limit(m.reservation() == null ? 0 : m.reservation());
        if (!low.isEmpty()) {
            files.write(dir, "memory.low", low);
        }
    }

    /** checkBeforeUpdate: refuse limits at or below what the cgroup already uses. */
    private void checkUsage(long limit, long swapTotal) {
        if (limit <= 0 && swapTotal <= 0) {
            return;
        }
        long usage;
        try {
            usage = files.readUint(dir, "memory.current");
        } catch (JruncException e) {
            return; // best effort, as in runc: no usage to compare with
        }
        if (swapTotal > 0 && Long.compareUnsigned(swapTotal, usage) <= 0) {
            throw new JruncException("rejecting memory+swap limit " + swapTotal + " <= usage " + Long.toUnsignedString(usage));
        }
        if (limit > 0 && Long.compareUnsigned(limit, usage) <= 0) {
            throw new JruncException("rejecting memory limit " + limit + " <= usage " + Long.toUnsignedString(usage));
        }
    }

    private void io(Resources r) {
        if (!ResourceChecks.isIoSet(r)) {
            return;
        }
        Resources.BlockIo b = r.blockIO();
        int bfq = -1;
        if (nonZero(b.weight()) || !b.weightDevice().isEmpty()) {
            try {
                bfq = files.sys().openat(AT_FDCWD, CgroupFiles.path(dir, "io.bfq.weight"), O_RDWR, 0);
            } catch (JruncException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw Errno.exception(e.errno(), "openat2 " + CgroupFiles.path(dir, "io.bfq.weight"));
                }
            }
        }
        try {
            String bfqPath = CgroupFiles.path(dir, "io.bfq.weight");
            if (nonZero(b.weight())) {
                if (bfq >= 0) {
                    files.writeValue(bfq, bfqPath, Integer.toString(b.weight()));
                } else {
                    // no BFQ scheduler: io.weight with the weight scaled to its range
                    files.write(dir, "io.weight", Long.toString(CgroupConversions.blkioWeightToIoWeight(b.weight())));
                }
            }
            if (bfq >= 0 && bfqTakesDeviceWeights(bfq)) {
                for (Resources.WeightDevice wd : b.weightDevice()) {
                    if (wd.weight() != null) {
                        String line = wd.major() + ":" + wd.minor() + " " + wd.weight();
                        try {
                            files.writeValue(bfq, bfqPath, line + "\n");
                        } catch (JruncException e) {
                            throw new JruncException("setting device weight " + GoQuote.quote(line) + ": "
                                    + e.getMessage(), e.errno());
                        }
                    }
                }
            }
        } finally {
            if (bfq >= 0) {
                files.sys().close(bfq);
            }
        }
        throttle(b.throttleReadBpsDevice(), "rbps");
        throttle(b.throttleWriteBpsDevice(), "wbps");
        throttle(b.throttleReadIOPSDevice(), "riops");
        throttle(b.throttleWriteIOPSDevice(), "wiops");
    }

    /** Per-device BFQ weights (Linux 5.4+): the file then shows more than the single default number. */
    private boolean bfqTakesDeviceWeights(int bfq) {
        try {
            files.sys().lseek(bfq, 0, SEEK_SET);
            byte[] buf = new byte[32];
            int n = files.sys().read(bfq, buf, 0, buf.length);
            Long.parseLong(new String(buf, 0, Math.max(n, 0), StandardCharsets.UTF_8).trim());
            return false;
        } catch (NumberFormatException e) {
            return true;
        } catch (JruncException e) {
            return true; // as runc: an unreadable file is not "a single number"
        }
    }

    private void throttle(List<Resources.ThrottleDevice> devices, String key) {
        for (Resources.ThrottleDevice td : devices) {
            files.write(dir, "io.max", td.major() + ":" + td.minor() + " " + key + "=" + Long.toUnsignedString(td.rate()));
        }
    }

    private void cpu(Resources r) {
        if (!ResourceChecks.isCpuSet(r)) {
            return;
        }
        Resources.Cpu c = r.cpu();
        if (c.idle() != null) {
            files.write(dir, "cpu.idle", Long.toString(c.idle()));
        }
        long weight = CgroupConversions.cpuSharesToWeight(c.shares() == null ? 0 : c.shares());
        if (weight != 0) {
            files.write(dir, "cpu.weight", Long.toUnsignedString(weight));
        }
        long quota = c.quota() == null ? 0 : c.quota();
        long period = c.period() == null ? 0 : c.period();
        String burst = null;
        if (c.burst() != null) {
            burst = Long.toUnsignedString(c.burst());
            try {
                files.write(dir, "cpu.max.burst", burst);
                burst = null;
            } catch (JruncException e) {
                // a burst above the old quota is refused until the new quota is in: retry after it
                if (e.errno() != Errno.EINVAL || quota == 0) {
                    throw e;
                }
            }
        }
        if (quota != 0 || period != 0) {
            String max = (quota > 0 ? Long.toString(quota) : "max") + " "
                    + Long.toUnsignedString(period == 0 ? 100000 : period);
            files.write(dir, "cpu.max", max);
            if (burst != null) {
                files.write(dir, "cpu.max.burst", burst);
            }
        }
    }

    private void cpuset(Resources r) {
        Resources.Cpu c = r.cpu();
        if (c == null) {
            return;
        }
        if (ResourceChecks.notEmpty(c.cpus())) {
            files.write(dir, "cpuset.cpus", c.cpus());
        }
        if (ResourceChecks.notEmpty(c.mems())) {
            files.write(dir, "cpuset.mems", c.mems());
        }
    }

    private void hugetlb(Resources r) {
        for (Resources.HugepageLimit h : r.hugepageLimits()) {
            String value = Long.toUnsignedString(h.limit());
            files.write(dir, "hugetlb." + h.pageSize() + ".max", value);
            // reservations (mmap time) have their own limit since Linux 5.7; keep it in step
            if (files.exists(dir, "hugetlb." + h.pageSize() + ".rsvd.max")) {
                files.write(dir, "hugetlb." + h.pageSize() + ".rsvd.max", value);
            }
        }
    }

    private void rdma(Resources r) {
        for (Map.Entry<String, Resources.Rdma> e : r.rdma().entrySet()) {
            files.write(dir, "rdma.max", rdmaLine(e.getKey(), e.getValue()));
        }
    }

    static String rdmaLine(String device, Resources.Rdma limits) {
        StringBuilder out = new StringBuilder(device);
        if (limits.hcaHandles() != null) {
            out.append(" hca_handle=").append(limits.hcaHandles());
        }
        if (limits.hcaObjects() != null) {
            out.append(" hca_object=").append(limits.hcaObjects());
        }
        return out.toString();
    }

    /** linux.resources.unified: each key a file of this directory, written as it is. */
    private void unified(Map<String, String> unified, Set<String> available) {
        for (Map.Entry<String, String> e : unified.entrySet()) {
            String key = e.getKey();
            if (key.contains("/")) {
                throw new JruncException("unified resource " + GoQuote.quote(key) + " must be a file name (no slashes)");
            }
            try {
                files.write(dir, key, e.getValue());
            } catch (JruncException err) {
                if (err.errno() == Errno.EPERM || err.errno() == Errno.EACCES || err.errno() == Errno.ENOENT) {
                    String[] parts = key.split("\\.", 2);
                    if (parts.length != 2) {
                        throw new JruncException("unified resource " + GoQuote.quote(key)
                                + " must be in the form CONTROLLER.PARAMETER", err.errno());
                    }
                    if (!available.contains(parts[0]) && !parts[0].equals("cgroup")) {
                        throw new JruncException("unified resource " + GoQuote.quote(key) + " can't be set: controller "
                                + GoQuote.quote(parts[0]) + " not available", err.errno());
                    }
                }
                throw new JruncException("unable to set unified resource " + GoQuote.quote(key) + ": "
                        + err.getMessage(), err.errno());
            }
        }
    }
}

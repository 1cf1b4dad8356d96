package io.jrunc.cgroups;

import io.jrunc.spec.Resources;

import java.util.ArrayList;
import java.util.List;

/**
 * Which parts of linux.resources ask for something, with runc's notion of "set": a zero or
 * absent limit leaves the controller alone. Both versions and the controller checks use these.
 */
final class ResourceChecks {
    private ResourceChecks() {}

    /** No resources at all (a config without linux.resources). */
    static final Resources NONE = new Resources(null, null, null, null, null, null, null, null, null);

    static Resources orNone(Resources r) {
        return r == null ? NONE : r;
    }

    static boolean nonZero(Long v) {
        return v != null && v != 0;
    }

    static boolean nonZero(Integer v) {
        return v != null && v != 0;
    }

    static boolean isMemorySet(Resources r) {
        Resources.Memory m = r.memory();
        return m != null && (nonZero(m.limit()) || nonZero(m.reservation()) || nonZero(m.swap()));
    }

    static boolean isPidsSet(Resources r) {
        return r.pids() != null && r.pids().limit() != null;
    }

    static boolean isCpuSet(Resources r) {
        Resources.Cpu c = r.cpu();
        return c != null && (CgroupConversions.cpuSharesToWeight(c.shares() == null ? 0 : c.shares()) != 0
                || nonZero(c.quota()) || nonZero(c.period()) || c.idle() != null || c.burst() != null);
    }

    static boolean isCpusetSet(Resources r) {
        Resources.Cpu c = r.cpu();
        return c != null && (notEmpty(c.cpus()) || notEmpty(c.mems()));
    }

    static boolean isIoSet(Resources r) {
        Resources.BlockIo b = r.blockIO();
        return b != null && (nonZero(b.weight()) || !b.weightDevice().isEmpty()
                || !b.throttleReadBpsDevice().isEmpty() || !b.throttleWriteBpsDevice().isEmpty()
                || !b.throttleReadIOPSDevice().isEmpty() || !b.throttleWriteIOPSDevice().isEmpty());
    }

    static boolean isHugetlbSet(Resources r) {
        return !r.hugepageLimits().isEmpty();
    }

    static boolean isRdmaSet(Resources r) {
        return !r.rdma().isEmpty();
    }

    static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    /** A domain controller (memory, io, cpu, hugetlb) cannot be used in a threaded cgroup. */
    static boolean needsDomainController(Resources r) {
        return r != null && (isMemorySet(r) || isIoSet(r) || isCpuSet(r) || isHugetlbSet(r));
    }

    /**
     * The warnings runc prints for settings it ignores, for the caller to log: kernel memory
     * limits have been without effect since Linux 5.x and runc dropped them.
     */
    public static List<String> ignoredSettingWarnings(Resources r) {
        List<String> out = new ArrayList<>();
        if (r != null && r.memory() != null && (r.memory().kernel() != null || r.memory().kernelTCP() != null)) {
            out.add("Kernel memory settings are ignored and will be removed");
        }
        return out;
    }
}

package io.jrunc.spec;

import java.util.List;
import java.util.Map;

/**
 * The cgroup limits of the container ({@code linux.resources}, also the input of {@code runc update -r}).
 *
 * @param devices        device access rules, applied in order
 * @param memory         memory controller settings, or null
 * @param cpu            cpu/cpuset controller settings, or null
 * @param pids           pids controller settings, or null
 * @param blockIO        blkio/io controller settings, or null
 * @param hugepageLimits hugetlb limits
 * @param network        net_cls/net_prio settings, or null
 * @param rdma           rdma device name to its limits
 * @param unified        cgroup v2 file name to value, written as they are
 */
public record Resources(
        List<DeviceRule> devices,
        Memory memory,
        Cpu cpu,
        Pids pids,
        BlockIo blockIO,
        List<HugepageLimit> hugepageLimits,
        Network network,
        Map<String, Rdma> rdma,
        Map<String, String> unified) {

    /** No resources at all: what a config without linux.resources asks for. */
    public static final Resources EMPTY = new Resources(null, null, null, null, null, null, null, null, null);

    public Resources {
        devices = Immutable.list(devices);
        hugepageLimits = Immutable.list(hugepageLimits);
        rdma = Immutable.map(rdma);
        unified = Immutable.map(unified);
    }

    /**
     * @param allow  whether the rule allows or denies
     * @param type   a, c or b, or null (all)
     * @param major  int64, or null (all)
     * @param minor  int64, or null (all)
     * @param access some of r, w, m, or null
     */
    public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {}

    /**
     * Byte limits are int64 with -1 meaning unlimited; each is null when absent.
     *
     * @param swappiness unsigned 64-bit, or null
     */
    public record Memory(
            Long limit,
            Long reservation,
            Long swap,
            Long kernel,
            Long kernelTCP,
            Long swappiness,
            Boolean disableOOMKiller,
            Boolean useHierarchy,
            Boolean checkBeforeUpdate) {}

    /**
     * @param shares          unsigned 64-bit, or null
     * @param quota           int64 microseconds, or null
     * @param burst           unsigned 64-bit microseconds, or null
     * @param period          unsigned 64-bit microseconds, or null
     * @param realtimeRuntime int64 microseconds, or null
     * @param realtimePeriod  unsigned 64-bit microseconds, or null
     * @param cpus            cpuset CPU list, or null
     * @param mems            cpuset memory node list, or null
     * @param idle            int64 (1 means SCHED_IDLE), or null
     */
    public record Cpu(
            Long shares,
            Long quota,
            Long burst,
            Long period,
            Long realtimeRuntime,
            Long realtimePeriod,
            String cpus,
            String mems,
            Long idle) {}

    /** @param limit maximum number of tasks (int64, -1 or 0 per the spec's rules), or null */
    public record Pids(Long limit) {}

    /**
     * @param weight      uint16, or null
     * @param leafWeight  uint16, or null
     */
    public record BlockIo(
            Integer weight,
            Integer leafWeight,
            List<WeightDevice> weightDevice,
            List<ThrottleDevice> throttleReadBpsDevice,
            List<ThrottleDevice> throttleWriteBpsDevice,
            List<ThrottleDevice> throttleReadIOPSDevice,
            List<ThrottleDevice> throttleWriteIOPSDevice) {
        public BlockIo {
            weightDevice = Immutable.list(weightDevice);
            throttleReadBpsDevice = Immutable.list(throttleReadBpsDevice);
            throttleWriteBpsDevice = Immutable.list(throttleWriteBpsDevice);
            throttleReadIOPSDevice = Immutable.list(throttleReadIOPSDevice);
            throttleWriteIOPSDevice = Immutable.list(throttleWriteIOPSDevice);
        }
    }

    /**
     * @param weight     uint16, or null
     * @param leafWeight uint16, or null
     */
    public record WeightDevice(long major, long minor, Integer weight, Integer leafWeight) {}

    /** @param rate unsigned 64-bit bytes or operations per second */
    public record ThrottleDevice(long major, long minor, long rate) {}

    /**
     * @param pageSize such as 2MB
     * @param limit    unsigned 64-bit bytes
     */
    public record HugepageLimit(String pageSize, long limit) {}

    /** @param classID uint32 net_cls class id, or null */
    public record Network(Long classID, List<InterfacePriority> priorities) {
        public Network {
            priorities = Immutable.list(priorities);
        }
    }

    /** @param priority uint32 */
    public record InterfacePriority(String name, long priority) {}

    /** Both uint32, null meaning no limit. */
    public record Rdma(Long hcaHandles, Long hcaObjects) {}
}

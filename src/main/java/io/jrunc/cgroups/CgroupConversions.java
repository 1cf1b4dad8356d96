package io.jrunc.cgroups;

import io.jrunc.JruncException;

/**
 * runc's translations of the OCI (cgroup v1 shaped) values into cgroup v2 ones, with Go's
 * unsigned 64-bit arithmetic so that even odd inputs give runc's exact output.
 */
public final class CgroupConversions {
    private CgroupConversions() {}

    /** ConvertCPUSharesToCgroupV2Value: [2, 262144] onto [1, 10000]; 0 stays 0 (unset). */
    public static long cpuSharesToWeight(long shares) {
        if (shares == 0) {
            return 0;
        }
        return 1 + Long.divideUnsigned((shares - 2) * 9999, 262142);
    }

    /** ConvertBlkIOToIOWeightValue: blkio [10, 1000] onto io.weight [1, 10000]; 0 stays 0. */
    public static long blkioWeightToIoWeight(int weight) {
        if (weight == 0) {
            return 0;
        }
        return 1 + Long.divideUnsigned(((weight & 0xffffL) - 10) * 9999, 990);
    }

    /**
     * ConvertMemorySwapToCgroupV2Value: OCI's swap is memory+swap, v2's memory.swap.max is swap
     * alone. 0 means unset, -1 unlimited.
     */
    public static long memorySwapToV2(long memorySwap, long memory) {
        if (memory == -1 && memorySwap == 0) {
            return -1; // "memory unlimited" alone also lifts swap, as on v1
        }
        if (memorySwap == -1 || memorySwap == 0 || memory == -1) {
            return memorySwap;
        }
        if (memory == 0) {
            throw new JruncException("unable to set swap limit without memory limit");
        }
        if (memory < 0) {
            throw new JruncException("invalid memory value: " + memory);
        }
        if (memorySwap < memory) {
            throw new JruncException("memory+swap limit should be >= memory limit");
        }
        return memorySwap - memory;
    }

    /** numToStr of runc's fs2: 0 is "" (leave alone), -1 is "max". */
    static String v2Limit(long value) {
        if (value == 0) {
            return "";
        }
        return value == -1 ? "max" : Long.toString(value);
    }
}

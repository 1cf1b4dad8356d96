package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.sys.GoQuote;
import io.jrunc.sys.Linux;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts between the capability names of an OCI config ("CAP_SYS_ADMIN") and 64-bit masks
 * (bit N = capability N), the shape capset(2) and the bounding/ambient loops work with.
 */
public final class CapabilityNames {
    private CapabilityNames() {}

    /** Capability numbers fit a 64-bit mask; the kernel's two 32-bit capset words hold the same. */
    static final int MASK_BITS = 64;

    /**
     * The mask of {@code names}, every name checked: an unknown one is an error naming its JSON path,
     * e.g. {@code process.capabilities.bounding[1]: unknown capability "CAP_FOO"}.
     */
    public static long mask(List<String> names, String jsonPath) {
        long mask = 0;
        for (int i = 0; i < names.size(); i++) {
            int cap = Linux.capabilityNumber(names.get(i));
            if (cap < 0) {
                throw new JruncException(jsonPath + "[" + i + "]: unknown capability " + GoQuote.quote(names.get(i)));
            }
            mask |= 1L << cap;
        }
        return mask;
    }

    /** The names of the capabilities set in {@code mask}, in number order; unnamed bits are left out. */
    public static List<String> names(long mask) {
        List<String> out = new ArrayList<>();
        for (int cap = 0; cap < MASK_BITS; cap++) {
            if ((mask & (1L << cap)) != 0) {
                String name = Linux.capabilityName(cap);
                if (name != null) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /** Every capability number from 0 to {@code lastCap} (inclusive) set in {@code mask}, ascending. */
    public static List<Integer> numbers(long mask, int lastCap) {
        List<Integer> out = new ArrayList<>();
        for (int cap = 0; cap <= lastCap && cap < MASK_BITS; cap++) {
            if ((mask & (1L << cap)) != 0) {
                out.add(cap);
            }
        }
        return out;
    }

    /** The mask with capabilities 0 to {@code lastCap} set: what the running kernel knows. */
    public static long upTo(int lastCap) {
        if (lastCap >= MASK_BITS - 1) {
            return -1L;
        }
        return lastCap < 0 ? 0 : (1L << (lastCap + 1)) - 1;
    }
}

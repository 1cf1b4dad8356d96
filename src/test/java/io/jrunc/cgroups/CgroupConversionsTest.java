package io.jrunc.cgroups;

import io.jrunc.JruncException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CgroupConversionsTest {

    @Test
    void cpuSharesMapOntoWeightsAsInRunc() {
        assertEquals(0, CgroupConversions.cpuSharesToWeight(0));
        assertEquals(1, CgroupConversions.cpuSharesToWeight(2));
        assertEquals(39, CgroupConversions.cpuSharesToWeight(1024)); // docker's default shares
        assertEquals(10000, CgroupConversions.cpuSharesToWeight(262144));
    }

    @Test
    void cpuSharesBelowTwoWrapAroundLikeGosUint64() {
        // (1-2) underflows in Go's uint64; runc writes the resulting weight and the kernel refuses it
        assertEquals(1 + Long.divideUnsigned(-1L * 9999, 262142), CgroupConversions.cpuSharesToWeight(1));
    }

    @Property(tries = 200)
    void everyValidShareGivesAValidWeight(@ForAll @LongRange(min = 2, max = 262144) long shares) {
        long w = CgroupConversions.cpuSharesToWeight(shares);
        assertTrue(w >= 1 && w <= 10000, () -> shares + " -> " + w);
    }

    @Test
    void blkioWeightsMapOntoIoWeights() {
        assertEquals(0, CgroupConversions.blkioWeightToIoWeight(0));
        assertEquals(1, CgroupConversions.blkioWeightToIoWeight(10));
        assertEquals(4950, CgroupConversions.blkioWeightToIoWeight(500)); // 1 + 490*9999/990
        assertEquals(10000, CgroupConversions.blkioWeightToIoWeight(1000));
    }

    @Property(tries = 200)
    void everyValidBlkioWeightGivesAValidIoWeight(@ForAll @IntRange(min = 10, max = 1000) int weight) {
        long w = CgroupConversions.blkioWeightToIoWeight(weight);
        assertTrue(w >= 1 && w <= 10000);
    }

    @Test
    void swapIsMemoryPlusSwapInTheSpecButSwapAloneOnV2() {
        assertEquals(1024, CgroupConversions.memorySwapToV2(3072, 2048));
        assertEquals(0, CgroupConversions.memorySwapToV2(2048, 2048)); // no swap
        assertEquals(-1, CgroupConversions.memorySwapToV2(-1, 2048)); // unlimited swap
        assertEquals(0, CgroupConversions.memorySwapToV2(0, 2048)); // unset
        assertEquals(-1, CgroupConversions.memorySwapToV2(0, -1)); // unlimited memory lifts swap too
        assertEquals(4096, CgroupConversions.memorySwapToV2(4096, -1));
    }

    @Test
    void impossibleSwapSettingsAreRefusedWithRuncsMessages() {
        assertEquals("unable to set swap limit without memory limit",
                assertThrows(JruncException.class, () -> CgroupConversions.memorySwapToV2(4096, 0)).getMessage());
        assertEquals("invalid memory value: -5",
                assertThrows(JruncException.class, () -> CgroupConversions.memorySwapToV2(4096, -5)).getMessage());
        assertEquals("memory+swap limit should be >= memory limit",
                assertThrows(JruncException.class, () -> CgroupConversions.memorySwapToV2(1024, 2048)).getMessage());
    }

    @Property(tries = 200)
    void swapPlusMemoryGivesBackTheSpecTotal(@ForAll @LongRange(min = 1, max = 1L << 40) long memory,
                                             @ForAll @LongRange(min = 0, max = 1L << 40) long extra) {
        assertEquals(extra, CgroupConversions.memorySwapToV2(memory + extra, memory));
    }
}

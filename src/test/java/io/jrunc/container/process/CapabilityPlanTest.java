package io.jrunc.container.process;

import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls.CapabilitySets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jrunc.container.process.TestSpecs.caps;
import static org.junit.jupiter.api.Assertions.*;

/** The masks and kernel call lists computed from process.capabilities (runc's default set as the example). */
class CapabilityPlanTest {
    private static final List<String> RUNC_DEFAULT = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");

    @Test
    void runcsDefaultSetGivesTheExpectedMasks() {
        CapabilityPlan plan = CapabilityPlan.of(caps(RUNC_DEFAULT, RUNC_DEFAULT, List.of(), RUNC_DEFAULT, List.of()));

        long expected = (1L << Linux.CAP_AUDIT_WRITE) | (1L << Linux.CAP_KILL) | (1L << Linux.CAP_NET_BIND_SERVICE);
        assertEquals(0x20000420L, expected);
        assertEquals(new CapabilitySets(expected, expected, 0), plan.capsetSets());
        assertEquals(expected, plan.bounding());
        assertEquals(List.of(), plan.ambientRaises(40));
    }

    @Test
    void boundingDropsAreEveryOtherCapabilityUpToTheKernelsLast() {
        CapabilityPlan plan = CapabilityPlan.of(caps(RUNC_DEFAULT, List.of(), List.of(), List.of(), List.of()));

        List<Integer> drops = plan.boundingDrops(40);
        assertEquals(38, drops.size());
        assertFalse(drops.contains(Linux.CAP_KILL));
        assertFalse(drops.contains(Linux.CAP_AUDIT_WRITE));
        assertEquals(0, drops.get(0));
        assertEquals(40, drops.get(drops.size() - 1));
        assertEquals(35, plan.boundingDrops(37).size(), "an older kernel has fewer capabilities to drop");
    }

    @Test
    void ambientRaisesFollowNumberOrderNotConfigOrder() {
        CapabilityPlan plan = CapabilityPlan.of(caps(List.of(), List.of(), List.of(), List.of(),
                List.of("CAP_SYS_ADMIN", "CAP_CHOWN", "CAP_NET_RAW")));
        assertEquals(List.of(Linux.CAP_CHOWN, Linux.CAP_NET_RAW, Linux.CAP_SYS_ADMIN), plan.ambientRaises(40));
    }

    @Test
    void absentCapabilitiesMeanNoneAtAll() {
        assertEquals(CapabilityPlan.NONE, CapabilityPlan.of(null));
        assertEquals(41, CapabilityPlan.NONE.boundingDrops(40).size());
    }

    @Test
    void capabilitiesAboveTheKernelsLastAreReportedAndLeftOut() {
        List<String> names = List.of("CAP_CHECKPOINT_RESTORE", "CAP_CHOWN", "CAP_BPF");
        CapabilityPlan plan = CapabilityPlan.of(caps(names, names, names, names, names));

        assertEquals("ignoring unknown or unavailable capabilities: [CAP_BPF CAP_CHECKPOINT_RESTORE]",
                plan.unavailableWarning(38));
        assertEquals(new CapabilityPlan(1, 1, 1, 1, 1), plan.limitedTo(38));
        assertNull(plan.unavailableWarning(40));
    }
}

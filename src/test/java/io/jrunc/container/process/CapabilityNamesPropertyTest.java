package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.sys.Linux;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Capability names and masks convert into each other without loss. */
class CapabilityNamesPropertyTest {

    @Provide
    Arbitrary<List<String>> knownNames() {
        return Arbitraries.of(Linux.capabilityNames()).list().ofMaxSize(60);
    }

    @Property(tries = 200)
    void namesOfAMaskAreTheDistinctNamesInNumberOrder(@ForAll("knownNames") List<String> names) {
        long mask = CapabilityNames.mask(names, "caps");

        List<String> expected = new ArrayList<>(names.stream().distinct().toList());
        expected.sort(Comparator.comparingInt(Linux::capabilityNumber));
        assertEquals(expected, CapabilityNames.names(mask));
    }

    @Property(tries = 200)
    void everyMaskOfKnownCapabilitiesSurvivesTheRoundTrip(@ForAll long anyMask) {
        long known = anyMask & CapabilityNames.upTo(Linux.CAP_LAST_CAP);
        assertEquals(known, CapabilityNames.mask(CapabilityNames.names(known), "caps"));
        assertEquals(Long.bitCount(known), CapabilityNames.names(anyMask).size());
    }

    @Property(tries = 200)
    void theNumbersOfAMaskStopAtTheKernelsLastCapability(@ForAll("knownNames") List<String> names,
                                                         @ForAll("lastCaps") int lastCap) {
        long mask = CapabilityNames.mask(names, "caps");
        List<Integer> numbers = CapabilityNames.numbers(mask, lastCap);

        assertTrue(numbers.stream().allMatch(n -> n <= lastCap && (mask & (1L << n)) != 0));
        assertEquals(Long.bitCount(mask & CapabilityNames.upTo(lastCap)), numbers.size());
    }

    @Provide
    Arbitrary<Integer> lastCaps() {
        return Arbitraries.integers().between(0, 63);
    }

    @Property(tries = 200)
    void anUnknownNameIsReportedAtItsIndex(@ForAll("knownNames") List<String> before,
                                           @ForAll("unknownName") String unknown) {
        List<String> names = new ArrayList<>(before);
        names.add(unknown);
        names.add("CAP_KILL");

        JruncException e = assertThrows(JruncException.class, () -> CapabilityNames.mask(names, "p.c.ambient"));
        assertTrue(e.getMessage().startsWith("p.c.ambient[" + before.size() + "]: unknown capability \""), e.getMessage());
    }

    @Provide
    Arbitrary<String> unknownName() {
        // lower case, a typo or a made-up name: runc's lookup is exact
        return Arbitraries.oneOf(
                Arbitraries.of(Linux.capabilityNames()).map(n -> n.toLowerCase(java.util.Locale.ROOT)),
                Arbitraries.of(Linux.capabilityNames()).map(n -> n.substring(4)),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(s -> "CAP_X" + s));
    }
}

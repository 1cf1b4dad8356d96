package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jrunc.json.JsonValue;
import io.jrunc.json.JsonValue.JsonNumber;
import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;

/** uint64 members keep every one of their 64 bits through parse and write. */
class Uint64RoundTripTest {

    private static final JsonValue RICH = TestJson.resource("rich-config.json");

    @Property(tries = 200)
    void anyUint64RlimitRoundTrips(@ForAll @BigRange(min = "0", max = "18446744073709551615") BigInteger limit) {
        JsonValue doc = TestJson.with(RICH, "process.rlimits[0].soft", new JsonNumber(new BigDecimal(limit)));

        Spec spec = SpecParser.parse(doc);

        assertEquals(limit, new BigInteger(Long.toUnsignedString(spec.process().rlimits().get(0).soft())));
        assertNull(TestJson.difference(doc, SpecWriter.toJson(spec)));
    }
}

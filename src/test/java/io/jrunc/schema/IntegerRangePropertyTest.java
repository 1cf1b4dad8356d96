package io.jrunc.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;

/** The fixed-width integer definitions accept exactly their range, with no rounding at the edges. */
class IntegerRangePropertyTest {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private static List<SchemaProblem> shares(BigInteger value) {
        JsonValue config = Json.parse("{\"ociVersion\": \"1.3.0\", \"linux\": {\"resources\": {\"cpu\": {\"shares\": " + value + "}}}}");
        return SchemaValidator.validateConfig(config);
    }

    @Property(tries = 200)
    void everyUint64IsAccepted(@ForAll @BigRange(min = "0", max = "18446744073709551615") BigInteger value) {
        assertEquals(List.of(), shares(value));
    }

    @Property(tries = 200)
    void valuesJustOutsideUint64AreRejected(@ForAll @BigRange(min = "0", max = "1000000") BigInteger distance) {
        BigInteger above = TWO_64.add(distance);
        BigInteger below = BigInteger.ONE.negate().subtract(distance);
        assertEquals(List.of(new SchemaProblem("linux.resources.cpu.shares", above + " is out of range for uint64")), shares(above));
        assertEquals(List.of(new SchemaProblem("linux.resources.cpu.shares", below + " is out of range for uint64")), shares(below));
    }

    @Property(tries = 200)
    void uidsAreUint32(@ForAll @BigRange(min = "-10000000000", max = "10000000000") BigInteger uid) {
        JsonValue config = Json.parse("{\"ociVersion\": \"1.3.0\", \"process\": {\"cwd\": \"/\", \"user\": {\"uid\": " + uid + "}}}");
        boolean fits = uid.signum() >= 0 && uid.bitLength() <= 32;
        List<SchemaProblem> expected = fits ? List.of()
                : List.of(new SchemaProblem("process.user.uid", uid + " is out of range for uint32"));
        assertEquals(expected, SchemaValidator.validateConfig(config));
    }
}

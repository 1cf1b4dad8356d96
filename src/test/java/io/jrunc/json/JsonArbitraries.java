package io.jrunc.json;

import io.jrunc.json.JsonValue.JsonArray;
import io.jrunc.json.JsonValue.JsonBool;
import io.jrunc.json.JsonValue.JsonNull;
import io.jrunc.json.JsonValue.JsonNumber;
import io.jrunc.json.JsonValue.JsonObject;
import io.jrunc.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of JSON values for the property tests. */
final class JsonArbitraries {
    private JsonArbitraries() {}

    /** Code points biased towards what needs escaping or multi-unit encoding; no surrogates. */
    static Arbitrary<Integer> codePoints() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
                Tuple.of(2, Arbitraries.integers().between(0, 0x1f)),
                Tuple.of(2, Arbitraries.of(0x22, 0x5c, 0x2f, 0x3c, 0x3e, 0x26, 0x7f, 0x2028, 0x2029, 0xfeff, 0xfffd)),
                Tuple.of(1, Arbitraries.integers().between(0x80, 0xd7ff)),
                Tuple.of(1, Arbitraries.integers().between(0xe000, 0xffff)),
                Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff)));
    }

    /** Well-formed Unicode strings (what JSON can carry exactly). */
    static Arbitrary<String> strings() {
        return codePoints().list().ofMaxSize(10).map(cps -> {
            StringBuilder sb = new StringBuilder();
            for (int cp : cps) sb.appendCodePoint(cp);
            return sb.toString();
        });
    }

    static Arbitrary<JsonNumber> numbers() {
        Arbitrary<JsonNumber> longs = Arbitraries.longs().map(JsonNumber::of);
        Arbitrary<JsonNumber> decimals = Combinators.combine(
                        Arbitraries.bigIntegers().between(new BigInteger("-1" + "0".repeat(30)), new BigInteger("1" + "0".repeat(30))),
                        Arbitraries.integers().between(-25, 25))
                .as((unscaled, scale) -> new JsonNumber(new BigDecimal(unscaled, scale)));
        Arbitrary<JsonNumber> edges = Arbitraries.of("0", "-1", "18446744073709551615", "9223372036854775808",
                        "-9223372036854775809", "1e308", "5e-324", "0.1")
                .map(s -> new JsonNumber(new BigDecimal(s)));
        return Arbitraries.oneOf(longs, decimals, edges);
    }

    static Arbitrary<JsonValue> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.just(JsonNull.INSTANCE),
                Arbitraries.of(JsonBool.TRUE, JsonBool.FALSE),
                numbers(),
                strings().map(JsonString::new));
    }

    /** Trees up to {@code depth} levels of arrays and objects. */
    static Arbitrary<JsonValue> values(int depth) {
        if (depth == 0) return scalars();
        Arbitrary<JsonValue> inner = values(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(2, scalars()),
                Tuple.of(1, arrays(inner)),
                Tuple.of(1, objects(inner)));
    }

    /** Documents whose top level is an array or an object. */
    static Arbitrary<JsonValue> containers(int depth) {
        Arbitrary<JsonValue> inner = values(depth - 1);
        return Arbitraries.oneOf(arrays(inner), objects(inner));
    }

    private static Arbitrary<JsonValue> arrays(Arbitrary<JsonValue> inner) {
        return inner.list().ofMaxSize(4).map(l -> (JsonValue) new JsonArray(l));
    }

    private static Arbitrary<JsonValue> objects(Arbitrary<JsonValue> inner) {
        return Arbitraries.maps(strings(), inner).ofMaxSize(4).map(m -> (JsonValue) new JsonObject(m));
    }

    /** Bad tokens that no valid document accepts at a structural boundary outside strings. */
    static final List<String> BAD_TOKENS = List.of(",", ":", "{", "}", "[", "]", "tru", "nul", "fals", "NaN",
            "Infinity", "'a'", "/**/", "//x\n", "+1", "\u0001", "\u00a0", "\ufeff", "#", "undefined", "\\");
}

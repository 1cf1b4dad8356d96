package io.jrunc.json;

import io.jrunc.json.JsonValue.JsonArray;
import io.jrunc.json.JsonValue.JsonBool;
import io.jrunc.json.JsonValue.JsonNull;
import io.jrunc.json.JsonValue.JsonNumber;
import io.jrunc.json.JsonValue.JsonObject;
import io.jrunc.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the JSON layer: parsing, writing and building values.
 *
 * <p>Parsing is strict RFC 8259 with three deliberate limits, reported as {@link JsonParseException}:
 * duplicate member names in one object are rejected (Go keeps the last one silently; in a
 * config.json a duplicate is almost always a mistake), nesting is limited to
 * {@value JsonParser#MAX_DEPTH} levels, and numbers must have at most
 * {@value JsonParser#MAX_NUMBER_LENGTH} characters and a decimal exponent within
 * ±{@value JsonParser#MAX_EXPONENT} (float64 and uint64 values are far inside). Numbers are
 * exact: {@code 18446744073709551615} keeps every digit, and {@code 1e3} is the integer 1000.
 *
 * <p>Writing matches Go's encoding/json output byte for byte for the same value: see
 * {@link #write} and {@link #writeIndented}.
 */
public final class Json {
    private Json() {}

    /** Parses one JSON document: one value with optional whitespace around it. */
    public static JsonValue parse(String text) {
        return JsonParser.parse(text);
    }

    /** Parses a UTF-8 encoded document (a file's bytes); invalid UTF-8 is an error, not U+FFFD. */
    public static JsonValue parse(byte[] utf8) {
        return JsonParser.parse(utf8);
    }

    /**
     * Compact JSON as Go's json.Marshal writes it: no whitespace, members in map order,
     * {@code "\\"}, {@code "\""}, \b \f \n \r \t as short escapes, other control characters,
     * {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as six-character {@code u00XX} escapes after a backslash (lowercase hex),
     * an unpaired surrogate as the escape of U+FFFD; numbers in plain notation ({@code 1000}, {@code 0.5}).
     */
    public static String write(JsonValue value) {
        return JsonWriter.compact(value);
    }

    /** {@link #write} as UTF-8 bytes, ready for a file or a socket. */
    public static byte[] writeUtf8(JsonValue value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Indented JSON as Go's json.MarshalIndent(v, "", indent) writes it: one member or element per
     * line, {@code "name": value}, empty arrays and objects as {@code []} and {@code {}}, and no
     * newline at the end. runc's {@code spec} uses a tab: {@code writeIndented(v, "\t")}.
     */
    public static String writeIndented(JsonValue value, String indent) {
        return JsonWriter.indented(value, indent);
    }

    /** {@code s} as a JSON string literal with quotes, escaped like {@link #write}; handy in messages. */
    public static String quote(String s) {
        return JsonWriter.quote(s);
    }

    // ---- building values ---------------------------------------------------------------------

    /** A builder for an object whose members keep the order they are put in. */
    public static JsonObjectBuilder object() {
        return new JsonObjectBuilder();
    }

    public static JsonArray array(List<? extends JsonValue> elements) {
        return new JsonArray(List.copyOf(elements));
    }

    public static JsonArray array(JsonValue... elements) {
        return new JsonArray(Arrays.asList(elements));
    }

    /** An array of strings, e.g. process.args. */
    public static JsonArray strings(List<String> values) {
        List<JsonValue> out = new ArrayList<>(values.size());
        for (String v : values) out.add(new JsonString(v));
        return new JsonArray(out);
    }

    /** An object of string members in the map's iteration order, e.g. annotations. */
    public static JsonObject stringMap(Map<String, String> values) {
        Map<String, JsonValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) out.put(e.getKey(), new JsonString(e.getValue()));
        return new JsonObject(out);
    }

    public static JsonString string(String value) {
        return new JsonString(value);
    }

    public static JsonNumber number(long value) {
        return JsonNumber.of(value);
    }

    public static JsonNumber number(BigDecimal value) {
        return new JsonNumber(value);
    }

    public static JsonNumber number(BigInteger value) {
        return new JsonNumber(new BigDecimal(value));
    }

    /** A uint64 given as the bits of a long, as FFM returns it: {@code unsigned(-1)} is 18446744073709551615. */
    public static JsonNumber unsigned(long uint64Bits) {
        if (uint64Bits >= 0) return JsonNumber.of(uint64Bits);
        return new JsonNumber(new BigDecimal(new BigInteger(Long.toUnsignedString(uint64Bits))));
    }

    public static JsonBool bool(boolean value) {
        return JsonBool.of(value);
    }

    public static JsonNull nullValue() {
        return JsonNull.INSTANCE;
    }
}

package io.jrunc.json;

import io.jrunc.JruncException;
import io.jrunc.json.JsonValue.JsonArray;
import io.jrunc.json.JsonValue.JsonBool;
import io.jrunc.json.JsonValue.JsonNull;
import io.jrunc.json.JsonValue.JsonNumber;
import io.jrunc.json.JsonValue.JsonObject;
import io.jrunc.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value together with its path in the document ({@code linux.namespaces[2].type}), for
 * converting JSON into records by hand with errors that say exactly where the input is wrong:
 * {@code process.args: expected array, got string}, {@code process.user.uid: 4294967296 is out
 * of range for uint32}.
 *
 * <p>Conventions, following Go's encoding/json: a member that is absent or JSON {@code null} is
 * "not set": {@code opt*} return Java null (or the given default), {@link #stringList(String)},
 * {@link #stringMap(String)} and {@link #elements(String)} return an empty collection. A member
 * of the wrong type is always an error, never ignored. Unknown members are not checked here.
 *
 * <p>Integers: {@code int32}/{@code uint16}/{@code uint32}/{@code int64} accessors return exact
 * values ({@code Integer}/{@code Long}); {@code uint64} accessors return the value's 64 bits in a
 * {@code long}, the way a C {@code uint64_t} travels through FFM: 18446744073709551615 comes back
 * as {@code -1L} (use {@link Long#toUnsignedString}, {@link Long#compareUnsigned}). A number that
 * is not integral or out of the type's range is an error naming the path; {@code 1e3} and
 * {@code 1.0} are integers.
 */
public final class JsonNode {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final JsonValue value;
    private final String path;

    private JsonNode(JsonValue value, String path) {
        this.value = value;
        this.path = path;
    }

    /** The whole document; its path is "" and messages call it "(root)". */
    public static JsonNode root(JsonValue value) {
        return new JsonNode(value, "");
    }

    /** A value found at {@code path} by other means, e.g. a member parsed separately. */
    public static JsonNode at(JsonValue value, String path) {
        return new JsonNode(value, path);
    }

    public JsonValue value() {
        return value;
    }

    /** Dotted path with array indexes, {@code linux.namespaces[2].type}; "" for the root. */
    public String path() {
        return path;
    }

    public boolean isNull() {
        return value instanceof JsonNull;
    }

    // ---- members of an object ----------------------------------------------------------------

    /** Whether this object has the member and it is not null. */
    public boolean has(String name) {
        JsonValue v = asObjectValue().get(name);
        return v != null && !(v instanceof JsonNull);
    }

    /** The member (possibly a JSON null), or Java null when absent. */
    public JsonNode member(String name) {
        JsonValue v = asObjectValue().get(name);
        return v == null ? null : new JsonNode(v, childPath(name));
    }

    /** The member; absent or null is an error {@code <path>: required member is missing}. */
    public JsonNode required(String name) {
        JsonNode m = set(name);
        if (m == null) throw new JruncException(display(childPath(name)) + ": required member is missing");
        return m;
    }

    /** The members in document order. */
    public Map<String, JsonNode> members() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : asObjectValue().members().entrySet()) {
            out.put(e.getKey(), new JsonNode(e.getValue(), childPath(e.getKey())));
        }
        return Collections.unmodifiableMap(out);
    }

    public String optString(String name) {
        JsonNode m = set(name);
        return m == null ? null : m.asString();
    }

    public String optString(String name, String defaultValue) {
        JsonNode m = set(name);
        return m == null ? defaultValue : m.asString();
    }

    public String reqString(String name) {
        return required(name).asString();
    }

    public Boolean optBool(String name) {
        JsonNode m = set(name);
        return m == null ? null : m.asBool();
    }

    public boolean optBool(String name, boolean defaultValue) {
        JsonNode m = set(name);
        return m == null ? defaultValue : m.asBool();
    }

    /** int32. */
    public Integer optInt(String name) {
        JsonNode m = set(name);
        return m == null ? null : m.asInt();
    }

    /** int64 (Go's int on 64-bit machines, e.g. uid in some structs). */
    public Long optLong(String name) {
        return optInt64(name);
    }

    public Long optInt64(String name) {
        JsonNode m = set(name);
        return m == null ? null : m.asInt64();
    }

    public Integer optUint16(String name) {
        JsonNode m = set(name);
        return m == null ? null : m.asUint16();
    }

    public Long optUint32(String name) {
        JsonNode m = set(name);
        return m == null ? null : m.asUint32();
    }

    /** uint64 as the bits of a long: 18446744073709551615 is {@code -1L}. */
    public Long optUint64(String name) {
        JsonNode m = set(name);
        return m == null ? null : m.asUint64();
    }

    /** The member if set, checked to be an object; else null. */
    public JsonNode optObject(String name) {
        JsonNode m = set(name);
        if (m != null) m.asObjectValue();
        return m;
    }

    public JsonNode reqObject(String name) {
        JsonNode m = required(name);
        m.asObjectValue();
        return m;
    }

    /** The member if set, checked to be an array; else null. */
    public JsonNode optArray(String name) {
        JsonNode m = set(name);
        if (m != null) m.asArrayValue();
        return m;
    }

    public JsonNode reqArray(String name) {
        JsonNode m = required(name);
        m.asArrayValue();
        return m;
    }

    /** The elements of the array member; empty when not set. */
    public List<JsonNode> elements(String name) {
        JsonNode m = set(name);
        return m == null ? List.of() : m.elements();
    }

    /** The array-of-strings member; empty when not set. */
    public List<String> stringList(String name) {
        JsonNode m = set(name);
        return m == null ? List.of() : m.asStringList();
    }

    /** The array-of-strings member, or null when not set (where Go distinguishes nil from empty). */
    public List<String> optStringList(String name) {
        JsonNode m = set(name);
        return m == null ? null : m.asStringList();
    }

    /** The object-of-strings member in document order; empty when not set. */
    public Map<String, String> stringMap(String name) {
        JsonNode m = set(name);
        return m == null ? Map.of() : m.asStringMap();
    }

    // ---- this value ----------------------------------------------------------------------------

    /** The elements of this array, each with its {@code [i]} path. */
    public List<JsonNode> elements() {
        List<JsonValue> values = asArrayValue().elements();
        List<JsonNode> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) out.add(new JsonNode(values.get(i), path + "[" + i + "]"));
        return out;
    }

    public String asString() {
        if (value instanceof JsonString s) return s.value();
        throw typeError("string");
    }

    public boolean asBool() {
        if (value instanceof JsonBool b) return b.value();
        throw typeError("boolean");
    }

    public BigDecimal asNumber() {
        if (value instanceof JsonNumber n) return n.value();
        throw typeError("number");
    }

    public int asInt() {
        return (int) integer(BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE), "int32")
                .longValue();
    }

    public long asInt64() {
        return integer(BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE), "int64").longValue();
    }

    public int asUint16() {
        return integer(BigInteger.ZERO, BigInteger.valueOf(0xFFFF), "uint16").intValue();
    }

    public long asUint32() {
        return integer(BigInteger.ZERO, BigInteger.valueOf(0xFFFF_FFFFL), "uint32").longValue();
    }

    /** The 64 bits of a uint64: values above Long.MAX_VALUE come back negative. */
    public long asUint64() {
        return integer(BigInteger.ZERO, UINT64_MAX, "uint64").longValue();
    }

    /** Any integer, however large. */
    public BigInteger asBigInteger() {
        BigDecimal n = asIntegralNumber();
        return n.toBigInteger();
    }

    public List<String> asStringList() {
        List<JsonNode> nodes = elements();
        List<String> out = new ArrayList<>(nodes.size());
        for (JsonNode n : nodes) out.add(n.asString());
        return Collections.unmodifiableList(out);
    }

    public Map<String, String> asStringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : members().entrySet()) out.put(e.getKey(), e.getValue().asString());
        return Collections.unmodifiableMap(out);
    }

    /** An error about this value: {@code <path>: <message>}. */
    public JruncException error(String message) {
        return new JruncException(display(path) + ": " + message);
    }

    @Override
    public String toString() {
        return display(path) + "=" + Json.write(value);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** The member if present and not null. */
    private JsonNode set(String name) {
        JsonValue v = asObjectValue().get(name);
        return v == null || v instanceof JsonNull ? null : new JsonNode(v, childPath(name));
    }

    private JsonObject asObjectValue() {
        if (value instanceof JsonObject o) return o;
        throw typeError("object");
    }

    private JsonArray asArrayValue() {
        if (value instanceof JsonArray a) return a;
        throw typeError("array");
    }

    private BigDecimal asIntegralNumber() {
        if (!(value instanceof JsonNumber n)) throw typeError("integer");
        if (!n.isIntegral()) throw error("expected integer, got " + n.value().toPlainString());
        return n.value();
    }

    private BigInteger integer(BigInteger min, BigInteger max, String type) {
        BigInteger v = asIntegralNumber().toBigInteger();
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw error(v + " is out of range for " + type + " (" + min + " to " + max + ")");
        }
        return v;
    }

    private JruncException typeError(String expected) {
        return error("expected " + expected + ", got " + kind(value));
    }

    /** JSON's own type names; "number" covers integers too (the schema's "integer" is a refinement). */
    private static String kind(JsonValue v) {
        return switch (v) {
            case JsonNull n -> "null";
            case JsonBool b -> "boolean";
            case JsonNumber n -> "number";
            case JsonString s -> "string";
            case JsonArray a -> "array";
            case JsonObject o -> "object";
        };
    }

    private String childPath(String name) {
        String step = isPlainName(name) ? name : "[" + Json.quote(name) + "]";
        if (path.isEmpty()) return step;
        return step.charAt(0) == '[' ? path + step : path + "." + step;
    }

    /** Names that read unambiguously after a dot; others (annotation keys, sysctls) go in brackets. */
    private static boolean isPlainName(String name) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) return false;
        }
        return true;
    }

    private static String display(String path) {
        return path.isEmpty() ? "(root)" : path;
    }
}

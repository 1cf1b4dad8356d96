package io.jrunc.json;

import io.jrunc.json.JsonValue.JsonArray;
import io.jrunc.json.JsonValue.JsonBool;
import io.jrunc.json.JsonValue.JsonNull;
import io.jrunc.json.JsonValue.JsonNumber;
import io.jrunc.json.JsonValue.JsonObject;
import io.jrunc.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a {@link JsonObject} member by member, in order, so that hand-written conversions of
 * records read like the Go struct they mirror. Putting a name twice replaces the value and keeps
 * the first position. {@code put} with a Java null writes JSON null (a Go nil pointer);
 * {@code putIfNotNull} leaves the member out; {@code putOmitEmpty} follows Go's {@code omitempty}.
 */
public final class JsonObjectBuilder {
    private final Map<String, JsonValue> members = new LinkedHashMap<>();

    JsonObjectBuilder() {}

    public JsonObjectBuilder put(String name, JsonValue value) {
        members.put(name, value == null ? JsonNull.INSTANCE : value);
        return this;
    }

    public JsonObjectBuilder put(String name, String value) {
        return put(name, value == null ? null : new JsonString(value));
    }

    public JsonObjectBuilder put(String name, long value) {
        return put(name, JsonNumber.of(value));
    }

    public JsonObjectBuilder put(String name, boolean value) {
        return put(name, JsonBool.of(value));
    }

    /** Integer, Long, BigInteger, BigDecimal, Double...; a NaN or infinite double is an IllegalArgumentException. */
    public JsonObjectBuilder put(String name, Number value) {
        return put(name, value == null ? null : toJson(value));
    }

    /** A uint64 held in the bits of a long (see {@link Json#unsigned}). */
    public JsonObjectBuilder putUnsigned(String name, long uint64Bits) {
        return put(name, Json.unsigned(uint64Bits));
    }

    public JsonObjectBuilder putIfNotNull(String name, JsonValue value) {
        return value == null ? this : put(name, value);
    }

    public JsonObjectBuilder putIfNotNull(String name, String value) {
        return value == null ? this : put(name, value);
    }

    public JsonObjectBuilder putIfNotNull(String name, Number value) {
        return value == null ? this : put(name, value);
    }

    public JsonObjectBuilder putIfNotNull(String name, Boolean value) {
        return value == null ? this : put(name, value.booleanValue());
    }

    /** Go omitempty for strings: left out when null or "". */
    public JsonObjectBuilder putOmitEmpty(String name, String value) {
        return value == null || value.isEmpty() ? this : put(name, value);
    }

    /** Go omitempty for numbers: left out when 0. */
    public JsonObjectBuilder putOmitEmpty(String name, long value) {
        return value == 0 ? this : put(name, value);
    }

    /** Go omitempty for booleans: left out when false. */
    public JsonObjectBuilder putOmitEmpty(String name, boolean value) {
        return value ? put(name, true) : this;
    }

    /** Go omitempty for slices, maps and pointers: left out when null, "", [] or {}. */
    public JsonObjectBuilder putOmitEmpty(String name, JsonValue value) {
        boolean empty = switch (value) {
            case null -> true;
            case JsonString s -> s.value().isEmpty();
            case JsonArray a -> a.elements().isEmpty();
            case JsonObject o -> o.members().isEmpty();
            default -> false;
        };
        return empty ? this : put(name, value);
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    public JsonObject build() {
        return new JsonObject(members);
    }

    private static JsonNumber toJson(Number n) {
        return switch (n) {
            case BigDecimal d -> new JsonNumber(d);
            case BigInteger i -> new JsonNumber(new BigDecimal(i));
            case Long l -> JsonNumber.of(l);
            case Integer i -> JsonNumber.of(i);
            case Short s -> JsonNumber.of(s);
            case Byte b -> JsonNumber.of(b);
            default -> {
                double d = n.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("JSON has no " + d);
                }
                yield new JsonNumber(BigDecimal.valueOf(d)); // shortest decimal that reads back as d, like Go
            }
        };
    }
}

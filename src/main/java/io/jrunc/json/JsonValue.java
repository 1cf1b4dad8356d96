package io.jrunc.json;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An immutable JSON value. Objects keep their members in document order (a LinkedHashMap), so
 * that what jrunc writes (state.json, config.json from {@code spec}) reads like runc's output.
 *
 * <p>Each record spells out equals and hashCode, with the meaning a record's generated ones have:
 * the native image runs those through interpreted method handles, and schema validation compares
 * values hundreds of times per create.
 */
public sealed interface JsonValue {

    record JsonNull() implements JsonValue {
        public static final JsonNull INSTANCE = new JsonNull();
        @Override public boolean equals(Object o) { return o instanceof JsonNull; }
        @Override public int hashCode() { return 0; }
    }

    record JsonBool(boolean value) implements JsonValue {
        public static final JsonBool TRUE = new JsonBool(true);
        public static final JsonBool FALSE = new JsonBool(false);
        public static JsonBool of(boolean b) { return b ? TRUE : FALSE; }
        @Override public boolean equals(Object o) { return o instanceof JsonBool b && b.value == value; }
        @Override public int hashCode() { return Boolean.hashCode(value); }
    }

    /**
     * Numbers keep their exact decimal value: a uint64 such as a memory limit must not lose digits.
     * The value is held in a canonical form (no trailing fraction zeros, never a negative scale), so
     * that equality is numeric equality: {@code 1}, {@code 1.0} and {@code 1e0} are the same number,
     * and {@code value().toString()} of an integer never shows an exponent.
     */
    record JsonNumber(BigDecimal value) implements JsonValue {
        public JsonNumber {
            if (value.scale() != 0) { // scale 0 is already canonical: the common case costs nothing
                value = value.stripTrailingZeros();
                if (value.scale() < 0) value = value.setScale(0);
            }
        }
        public static JsonNumber of(long v) { return new JsonNumber(BigDecimal.valueOf(v)); }
        public boolean isIntegral() { return value.scale() <= 0; }
        @Override public boolean equals(Object o) { return o instanceof JsonNumber n && n.value.equals(value); }
        @Override public int hashCode() { return value.hashCode(); }
    }

    record JsonString(String value) implements JsonValue {
        public JsonString { java.util.Objects.requireNonNull(value, "value"); }
        @Override public boolean equals(Object o) { return o instanceof JsonString s && s.value.equals(value); }
        @Override public int hashCode() { return value.hashCode(); }
    }

    /** Elements in order; the list is unmodifiable. */
    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray { elements = List.copyOf(elements); }
        @Override public boolean equals(Object o) { return o instanceof JsonArray a && a.elements.equals(elements); }
        @Override public int hashCode() { return elements.hashCode(); }
    }

    /** Members in document order; the map is unmodifiable and iterates in insertion order. */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        public JsonObject { members = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members)); }
        public JsonValue get(String name) { return members.get(name); }
        @Override public boolean equals(Object o) { return o instanceof JsonObject j && j.members.equals(members); }
        @Override public int hashCode() { return members.hashCode(); }
    }

    /** The JSON type name as JSON Schema spells it: null, boolean, number/integer, string, array, object. */
    default String typeName() {
        return switch (this) {
            case JsonNull n -> "null";
            case JsonBool b -> "boolean";
            case JsonNumber n -> n.isIntegral() ? "integer" : "number";
            case JsonString s -> "string";
            case JsonArray a -> "array";
            case JsonObject o -> "object";
        };
    }
}

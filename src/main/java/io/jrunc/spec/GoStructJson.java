package io.jrunc.spec;

import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import io.jrunc.json.JsonValue.JsonArray;
import io.jrunc.json.JsonValue.JsonBool;
import io.jrunc.json.JsonValue.JsonNumber;
import io.jrunc.json.JsonValue.JsonObject;
import io.jrunc.json.JsonValue.JsonString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds the JSON object of one Go struct, member by member in call order, with encoding/json's
 * rules for "omitempty" members: the {@code opt*} methods skip null; the list, map, {@code trueOnly}
 * and {@code nonZero} variants skip empty lists, empty maps, false and 0. Maps are written sorted by
 * key, as Go writes them. (Unlike {@code Json.object()}, it converts model lists and maps itself.)
 */
final class GoStructJson {
    private final Map<String, JsonValue> members = new LinkedHashMap<>();

    JsonObject build() {
        return new JsonObject(members);
    }

    GoStructJson put(String name, JsonValue value) {
        members.put(name, value);
        return this;
    }

    GoStructJson string(String name, String value) {
        return put(name, new JsonString(value == null ? "" : value));
    }

    GoStructJson optString(String name, String value) {
        return value == null ? this : put(name, new JsonString(value));
    }

    GoStructJson bool(String name, boolean value) {
        return put(name, JsonBool.of(value));
    }

    /** An omitempty bool: written only when true. */
    GoStructJson trueOnly(String name, boolean value) {
        return value ? bool(name, true) : this;
    }

    GoStructJson optBool(String name, Boolean value) {
        return value == null ? this : bool(name, value);
    }

    GoStructJson number(String name, long value) {
        return put(name, JsonNumber.of(value));
    }

    /** An omitempty number: written only when not 0. */
    GoStructJson nonZero(String name, long value) {
        return value == 0 ? this : number(name, value);
    }

    GoStructJson optNumber(String name, Long value) {
        return value == null ? this : number(name, value);
    }

    GoStructJson optNumber(String name, Integer value) {
        return value == null ? this : number(name, value);
    }

    GoStructJson unsigned(String name, long value) {
        return put(name, unsigned(value));
    }

    GoStructJson nonZeroUnsigned(String name, long value) {
        return value == 0 ? this : unsigned(name, value);
    }

    GoStructJson optUnsigned(String name, Long value) {
        return value == null ? this : unsigned(name, value);
    }

    GoStructJson strings(String name, List<String> values) {
        return values.isEmpty() ? this : put(name, stringArray(values));
    }

    <T> GoStructJson objects(String name, List<T> values, Function<T, JsonValue> convert) {
        if (values.isEmpty()) {
            return this;
        }
        List<JsonValue> elements = new ArrayList<>(values.size());
        for (T v : values) {
            elements.add(convert.apply(v));
        }
        return put(name, new JsonArray(elements));
    }

    <T> GoStructJson optObject(String name, T value, Function<T, JsonValue> convert) {
        return value == null ? this : put(name, convert.apply(value));
    }

    GoStructJson stringMap(String name, Map<String, String> values) {
        return map(name, values, JsonString::new);
    }

    <T> GoStructJson map(String name, Map<String, T> values, Function<T, JsonValue> convert) {
        if (values.isEmpty()) {
            return this;
        }
        Map<String, JsonValue> sorted = new TreeMap<>();
        for (Map.Entry<String, T> e : values.entrySet()) {
            sorted.put(e.getKey(), convert.apply(e.getValue()));
        }
        return put(name, new JsonObject(sorted));
    }

    static JsonArray stringArray(List<String> values) {
        return Json.strings(values);
    }

    /** A uint64 held in a long, written as its unsigned decimal value. */
    static JsonNumber unsigned(long value) {
        return Json.unsigned(value);
    }
}

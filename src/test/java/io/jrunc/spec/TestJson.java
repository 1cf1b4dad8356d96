package io.jrunc.spec;

import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import io.jrunc.json.JsonValue.JsonArray;
import io.jrunc.json.JsonValue.JsonNumber;
import io.jrunc.json.JsonValue.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Test helpers over JSON values: resources, an order-sensitive comparison that names the first
 * difference by path, and replacing the value at a path.
 */
final class TestJson {
    private TestJson() {}

    static JsonValue parse(String text) {
        return Json.parse(text);
    }

    static JsonValue resource(String name) {
        return Json.parse(resourceText(name));
    }

    static String resourceText(String name) {
        try (InputStream in = TestJson.class.getResourceAsStream(name)) {
            Objects.requireNonNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Null when equal in value, member order included; otherwise the path and both sides of the first difference. */
    static String difference(JsonValue expected, JsonValue actual) {
        return difference("$", expected, actual);
    }

    private static String difference(String path, JsonValue expected, JsonValue actual) {
        if (expected instanceof JsonObject e && actual instanceof JsonObject a) {
            List<String> ek = new ArrayList<>(e.members().keySet());
            List<String> ak = new ArrayList<>(a.members().keySet());
            if (!ek.equals(ak)) {
                return path + ": members " + ek + " != " + ak;
            }
            for (String k : ek) {
                String d = difference(path + "." + k, e.get(k), a.get(k));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected instanceof JsonArray e && actual instanceof JsonArray a) {
            if (e.elements().size() != a.elements().size()) {
                return path + ": " + e.elements().size() + " elements != " + a.elements().size();
            }
            for (int i = 0; i < e.elements().size(); i++) {
                String d = difference(path + "[" + i + "]", e.elements().get(i), a.elements().get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected instanceof JsonNumber e && actual instanceof JsonNumber a) {
            return e.value().compareTo(a.value()) == 0 ? null : path + ": " + e.value() + " != " + a.value();
        }
        return Objects.equals(expected, actual) ? null : path + ": " + expected + " != " + actual;
    }

    /**
     * A copy of {@code root} with the value at {@code path} replaced (or added, for an object member).
     * The path is dot-separated member names and [index] steps: {@code linux.namespaces[2].type}.
     */
    static JsonValue with(JsonValue root, String path, JsonValue replacement) {
        List<String> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                steps.add(part);
                continue;
            }
            if (bracket > 0) {
                steps.add(part.substring(0, bracket));
            }
            for (String index : part.substring(bracket + 1, part.length() - 1).split("\\]\\[")) {
                steps.add("[" + index);
            }
        }
        return with(root, steps, 0, replacement);
    }

    private static JsonValue with(JsonValue node, List<String> steps, int i, JsonValue replacement) {
        if (i == steps.size()) {
            return replacement;
        }
        String step = steps.get(i);
        if (step.startsWith("[")) {
            List<JsonValue> elements = new ArrayList<>(((JsonArray) node).elements());
            int index = Integer.parseInt(step.substring(1));
            elements.set(index, with(elements.get(index), steps, i + 1, replacement));
            return new JsonArray(elements);
        }
        Map<String, JsonValue> members = new LinkedHashMap<>(((JsonObject) node).members());
        members.put(step, with(members.get(step), steps, i + 1, replacement));
        return new JsonObject(members);
    }

    /** Every path in the document, in the syntax {@link #with} takes. */
    static List<String> paths(JsonValue node) {
        List<String> out = new ArrayList<>();
        collect(node, "", out);
        return out;
    }

    private static void collect(JsonValue node, String path, List<String> out) {
        if (node instanceof JsonObject o) {
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                if (e.getKey().contains(".")) {
                    continue; // not expressible in the path syntax
                }
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                out.add(p);
                collect(e.getValue(), p, out);
            }
        } else if (node instanceof JsonArray a) {
            for (int i = 0; i < a.elements().size(); i++) {
                String p = path + "[" + i + "]";
                out.add(p);
                collect(a.elements().get(i), p, out);
            }
        }
    }
}

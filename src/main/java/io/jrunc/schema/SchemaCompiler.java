package io.jrunc.schema;

import io.jrunc.JruncException;
import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import io.jrunc.json.JsonValue.JsonArray;
import io.jrunc.json.JsonValue.JsonBool;
import io.jrunc.json.JsonValue.JsonNumber;
import io.jrunc.json.JsonValue.JsonObject;
import io.jrunc.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns schema files into {@link Schema} graphs. Each file is parsed once and each node compiled
 * once (keyed by {@code file#pointer}), so $refs from many places share one node and recursive
 * refs simply close a cycle. A keyword that would change the verdict but is not implemented is
 * an error here rather than being silently ignored.
 */
final class SchemaCompiler {
    private static final Set<String> TYPE_NAMES = Set.of("null", "boolean", "object", "array", "number", "integer", "string");
    private static final Set<String> UNSUPPORTED = Set.of("dependencies", "dependentRequired", "dependentSchemas",
            "propertyNames", "contains", "minContains", "maxContains", "additionalItems", "prefixItems",
            "unevaluatedProperties", "unevaluatedItems", "$recursiveRef", "$dynamicRef");

    private final Function<String, String> sources;
    private final Map<String, JsonValue> documents = new HashMap<>();
    private final Map<String, Schema> compiled = new HashMap<>();
    private final Map<String, Schema> roots = new HashMap<>();

    /** @param sources the text of a schema file by name ("defs.json"), or null when there is none */
    SchemaCompiler(Function<String, String> sources) {
        this.sources = sources;
    }

    /**
     * The schema at {@code reference}: a file name, optionally with a JSON-pointer fragment
     * ({@code config-linux.json#/linux}). Compiles it and everything it refers to on first use.
     */
    synchronized Schema schema(String reference) {
        Schema known = roots.get(reference);
        if (known != null) return known;
        int hash = reference.indexOf('#');
        String file = hash < 0 ? reference : reference.substring(0, hash);
        String pointer = hash < 0 ? "" : reference.substring(hash + 1);
        Schema root = compile(file, pointer);
        resolveRefChains();
        roots.put(reference, root);
        return root;
    }

    private Schema compile(String file, String pointer) {
        String location = file + "#" + pointer;
        Schema known = compiled.get(location);
        if (known != null) return known;
        JsonValue json = resolvePointer(document(file), pointer, location);
        Schema schema = new Schema(location, definitionName(pointer));
        compiled.put(location, schema); // before filling it in, so that cycles end here
        switch (json) {
            case JsonBool b -> schema.rejectsEverything = !b.value();
            case JsonObject o -> fill(schema, o, file, pointer);
            default -> throw bad(location, "a schema must be an object or a boolean");
        }
        return schema;
    }

    private void fill(Schema s, JsonObject json, String file, String pointer) {
        for (Map.Entry<String, JsonValue> member : json.members().entrySet()) {
            String keyword = member.getKey();
            JsonValue value = member.getValue();
            String at = pointer + "/" + escape(keyword);
            switch (keyword) {
                case "$ref" -> s.ref = compileRef(file, text(s, keyword, value));
                case "type" -> s.types = types(s, value);
                case "properties" -> {
                    Map<String, Schema> properties = new LinkedHashMap<>();
                    for (String name : object(s, keyword, value).members().keySet()) {
                        properties.put(name, compile(file, at + "/" + escape(name)));
                    }
                    s.properties = properties;
                }
                case "required" -> s.required = strings(s, keyword, value);
                case "patternProperties" -> {
                    List<Schema.PatternProperty> patterns = new ArrayList<>();
                    for (String regex : object(s, keyword, value).members().keySet()) {
                        patterns.add(new Schema.PatternProperty(EcmaPattern.compile(regex), compile(file, at + "/" + escape(regex))));
                    }
                    s.patternProperties = patterns;
                }
                case "additionalProperties" -> {
                    if (value instanceof JsonBool b) s.additionalPropertiesForbidden = !b.value();
                    else s.additionalProperties = compile(file, at);
                }
                case "minProperties" -> s.minProperties = count(s, keyword, value);
                case "maxProperties" -> s.maxProperties = count(s, keyword, value);
                case "items" -> {
                    if (value instanceof JsonArray) throw bad(s.location, "\"items\" as an array (tuple validation) is not supported");
                    s.items = compile(file, at);
                }
                case "minItems" -> s.minItems = count(s, keyword, value);
                case "maxItems" -> s.maxItems = count(s, keyword, value);
                case "uniqueItems" -> s.uniqueItems = bool(s, keyword, value);
                case "enum" -> s.enumValues = array(s, keyword, value).elements();
                case "const" -> s.constValue = value;
                case "pattern" -> {
                    s.patternSource = text(s, keyword, value);
                    s.pattern = EcmaPattern.compile(s.patternSource);
                }
                case "minLength" -> s.minLength = count(s, keyword, value);
                case "maxLength" -> s.maxLength = count(s, keyword, value);
                case "minimum" -> s.minimum = number(s, keyword, value);
                case "maximum" -> s.maximum = number(s, keyword, value);
                case "exclusiveMinimum", "exclusiveMaximum", "multipleOf" -> { } // need minimum/maximum first: below
                case "allOf" -> s.allOf = schemas(s, file, at, keyword, value);
                case "anyOf" -> s.anyOf = schemas(s, file, at, keyword, value);
                case "oneOf" -> s.oneOf = schemas(s, file, at, keyword, value);
                case "not" -> s.not = compile(file, at);
                case "if" -> s.ifSchema = compile(file, at);
                case "then" -> s.thenSchema = compile(file, at);
                case "else" -> s.elseSchema = compile(file, at);
                default -> {
                    if (UNSUPPORTED.contains(keyword)) throw bad(s.location, "keyword \"" + keyword + "\" is not supported");
                    // annotations ($schema, description, definitions, format...) and unknown keywords do not affect validation
                }
            }
        }
        exclusiveBounds(s, json);
        JsonValue multipleOf = json.get("multipleOf");
        if (multipleOf != null) {
            s.multipleOf = number(s, "multipleOf", multipleOf);
            if (s.multipleOf.signum() <= 0) throw bad(s.location, "\"multipleOf\" must be greater than 0");
        }
    }

    /** draft-04 writes {@code "exclusiveMinimum": true} beside "minimum"; draft-06 and later give the bound itself. */
    private static void exclusiveBounds(Schema s, JsonObject json) {
        JsonValue min = json.get("exclusiveMinimum");
        if (min instanceof JsonBool b) {
            if (b.value()) {
                s.exclusiveMinimum = s.minimum;
                s.minimum = null;
            }
        } else if (min != null) {
            s.exclusiveMinimum = number(s, "exclusiveMinimum", min);
        }
        JsonValue max = json.get("exclusiveMaximum");
        if (max instanceof JsonBool b) {
            if (b.value()) {
                s.exclusiveMaximum = s.maximum;
                s.maximum = null;
            }
        } else if (max != null) {
            s.exclusiveMaximum = number(s, "exclusiveMaximum", max);
        }
    }

    private Schema compileRef(String file, String ref) {
        int hash = ref.indexOf('#');
        String target = hash < 0 ? ref : ref.substring(0, hash);
        String pointer = hash < 0 ? "" : ref.substring(hash + 1);
        return compile(target.isEmpty() ? file : target, pointer);
    }

    /** Points every $ref node at the end of its chain, refusing chains that loop. */
    private void resolveRefChains() {
        for (Schema s : compiled.values()) {
            if (s.ref == null || s.resolved != null) continue;
            Schema end = s;
            int steps = 0;
            while (end.ref != null) {
                end = end.ref;
                if (++steps > compiled.size()) throw bad(s.location, "$ref loops back on itself");
            }
            s.resolved = end;
        }
    }

    private JsonValue document(String file) {
        JsonValue doc = documents.get(file);
        if (doc == null) {
            String text = sources.apply(file);
            if (text == null) throw new JruncException("schema file " + file + " not found");
            try {
                doc = Json.parse(text);
            } catch (JruncException e) {
                throw e.withContext("schema file " + file);
            }
            documents.put(file, doc);
        }
        return doc;
    }

    private static JsonValue resolvePointer(JsonValue doc, String pointer, String location) {
        if (pointer.isEmpty()) return doc;
        if (pointer.charAt(0) != '/') throw bad(location, "only JSON-pointer fragments (#/...) are supported");
        JsonValue at = doc;
        for (String raw : pointer.substring(1).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            JsonValue next = switch (at) {
                case JsonObject o -> o.get(token);
                case JsonArray a -> arrayElement(a, token);
                default -> null;
            };
            if (next == null) throw bad(location, "$ref target does not exist");
            at = next;
        }
        return at;
    }

    private static JsonValue arrayElement(JsonArray array, String token) {
        if (token.isEmpty() || !token.chars().allMatch(Character::isDigit) || token.length() > 9) return null;
        int i = Integer.parseInt(token);
        return i < array.elements().size() ? array.elements().get(i) : null;
    }

    private static String definitionName(String pointer) {
        for (String prefix : new String[] {"/definitions/", "/$defs/"}) {
            if (pointer.startsWith(prefix) && pointer.indexOf('/', prefix.length()) < 0) {
                return pointer.substring(prefix.length()).replace("~1", "/").replace("~0", "~");
            }
        }
        return null;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private List<Schema> schemas(Schema s, String file, String at, String keyword, JsonValue value) {
        List<JsonValue> elements = array(s, keyword, value).elements();
        if (elements.isEmpty()) throw bad(s.location, "\"" + keyword + "\" must not be empty");
        List<Schema> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) out.add(compile(file, at + "/" + i));
        return List.copyOf(out);
    }

    private static Set<String> types(Schema s, JsonValue value) {
        List<String> names = value instanceof JsonString str ? List.of(str.value()) : strings(s, "type", value);
        for (String name : names) {
            if (!TYPE_NAMES.contains(name)) throw bad(s.location, "unknown type \"" + name + "\"");
        }
        return new LinkedHashSet<>(names);
    }

    private static List<String> strings(Schema s, String keyword, JsonValue value) {
        List<String> out = new ArrayList<>();
        for (JsonValue e : array(s, keyword, value).elements()) {
            if (!(e instanceof JsonString str)) throw bad(s.location, "\"" + keyword + "\" must list strings");
            out.add(str.value());
        }
        return List.copyOf(out);
    }

    private static JsonObject object(Schema s, String keyword, JsonValue value) {
        if (value instanceof JsonObject o) return o;
        throw bad(s.location, "\"" + keyword + "\" must be an object");
    }

    private static JsonArray array(Schema s, String keyword, JsonValue value) {
        if (value instanceof JsonArray a) return a;
        throw bad(s.location, "\"" + keyword + "\" must be an array");
    }

    private static String text(Schema s, String keyword, JsonValue value) {
        if (value instanceof JsonString str) return str.value();
        throw bad(s.location, "\"" + keyword + "\" must be a string");
    }

    private static boolean bool(Schema s, String keyword, JsonValue value) {
        if (value instanceof JsonBool b) return b.value();
        throw bad(s.location, "\"" + keyword + "\" must be a boolean");
    }

    private static BigDecimal number(Schema s, String keyword, JsonValue value) {
        if (value instanceof JsonNumber n) return n.value();
        throw bad(s.location, "\"" + keyword + "\" must be a number");
    }

    private static Integer count(Schema s, String keyword, JsonValue value) {
        if (value instanceof JsonNumber n && n.isIntegral() && n.value().signum() >= 0
                && n.value().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            return n.value().intValueExact();
        }
        throw bad(s.location, "\"" + keyword + "\" must be a non-negative integer");
    }

    private static JruncException bad(String location, String message) {
        return new JruncException("schema " + location + ": " + message);
    }
}

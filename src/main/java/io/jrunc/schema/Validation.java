package io.jrunc.schema;

import io.jrunc.json.JsonValue;
import io.jrunc.json.JsonValue.JsonArray;
import io.jrunc.json.JsonValue.JsonBool;
import io.jrunc.json.JsonValue.JsonNull;
import io.jrunc.json.JsonValue.JsonNumber;
import io.jrunc.json.JsonValue.JsonObject;
import io.jrunc.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One walk of a document against a compiled schema, collecting problems in document order.
 *
 * <p>Two choices keep the problems few and useful: once a value has the wrong type, nothing else
 * is said about it; and when no branch of an anyOf/oneOf fits, the problems of the branch that
 * accepts the value's type are reported rather than a bare "matches none".
 *
 * <p>One deliberate leniency: an optional member whose value is JSON null counts as absent. Go's
 * encoding/json, which runc and the engines use, reads null as "not set", so runc accepts such
 * configs and so must jrunc. Required members must still hold a proper value.
 */
final class Validation {
    private final List<SchemaProblem> problems = new ArrayList<>();

    static List<SchemaProblem> run(Schema schema, JsonValue document) {
        Validation v = new Validation();
        v.check(schema, document, InstancePath.ROOT);
        return List.copyOf(v.problems);
    }

    private void add(InstancePath path, String message) {
        problems.add(new SchemaProblem(path.toString(), message));
    }

    private void check(Schema schema, JsonValue value, InstancePath path) {
        Schema s = schema.target();
        if (s.rejectsEverything) {
            add(path, ProblemWording.forbidden());
            return;
        }
        if (s.types != null && !hasType(s.types, value)) {
            add(path, ProblemWording.typeMismatch(s.types, value));
            return;
        }
        if (s.enumValues != null && s.enumValues.stream().noneMatch(e -> same(e, value))) {
            add(path, ProblemWording.notInEnum(s, value));
            return;
        }
        if (s.constValue != null && !same(s.constValue, value)) {
            add(path, ProblemWording.notConst(s.constValue, value));
            return;
        }
        switch (value) {
            case JsonObject o -> checkObject(s, o, path);
            case JsonArray a -> checkArray(s, a, path);
            case JsonString str -> checkString(s, str, path);
            case JsonNumber n -> checkNumber(s, n.value(), path);
            case JsonBool b -> { }
            case JsonNull n -> { }
        }
        for (Schema part : s.allOf) check(part, value, path);
        if (!s.anyOf.isEmpty()) checkAlternatives(s.anyOf, value, path, false);
        if (!s.oneOf.isEmpty()) checkAlternatives(s.oneOf, value, path, true);
        if (s.not != null && trial(s.not, value, path).isEmpty()) add(path, ProblemWording.forbidden());
        if (s.ifSchema != null) {
            Schema branch = trial(s.ifSchema, value, path).isEmpty() ? s.thenSchema : s.elseSchema;
            if (branch != null) check(branch, value, path);
        }
    }

    private void checkObject(Schema s, JsonObject object, InstancePath path) {
        Map<String, JsonValue> members = object.members();
        for (String name : s.required) {
            if (!members.containsKey(name)) add(path, ProblemWording.missingProperty(name));
        }
        if (s.minProperties != null && members.size() < s.minProperties) {
            add(path, ProblemWording.tooFew(s.minProperties, members.size(), "property"));
        }
        if (s.maxProperties != null && members.size() > s.maxProperties) {
            add(path, ProblemWording.tooMany(s.maxProperties, members.size(), "property"));
        }
        for (Map.Entry<String, JsonValue> member : members.entrySet()) {
            String name = member.getKey();
            JsonValue value = member.getValue();
            if (value instanceof JsonNull && !s.required.contains(name)) continue; // Go reads null as "not set"
            boolean described = false;
            Schema property = s.properties.get(name);
            if (property != null) {
                described = true;
                check(property, value, path.member(name));
            }
            for (Schema.PatternProperty pp : s.patternProperties) {
                if (pp.pattern().matcher(name).find()) {
                    described = true;
                    check(pp.schema(), value, path.member(name));
                }
            }
            if (described) continue;
            if (s.additionalPropertiesForbidden) add(path, ProblemWording.unknownProperty(name));
            else if (s.additionalProperties != null) check(s.additionalProperties, value, path.member(name));
        }
    }

    private void checkArray(Schema s, JsonArray array, InstancePath path) {
        List<JsonValue> elements = array.elements();
        if (s.minItems != null && elements.size() < s.minItems) add(path, ProblemWording.tooFew(s.minItems, elements.size(), "item"));
        if (s.maxItems != null && elements.size() > s.maxItems) add(path, ProblemWording.tooMany(s.maxItems, elements.size(), "item"));
        if (s.uniqueItems) {
            outer:
            for (int i = 1; i < elements.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (same(elements.get(j), elements.get(i))) {
                        add(path, ProblemWording.duplicateItem(j, i));
                        break outer;
                    }
                }
            }
        }
        if (s.items != null) {
            for (int i = 0; i < elements.size(); i++) check(s.items, elements.get(i), path.element(i));
        }
    }

    private void checkString(Schema s, JsonString string, InstancePath path) {
        String text = string.value();
        if (s.minLength != null || s.maxLength != null) {
            int length = text.codePointCount(0, text.length()); // JSON Schema counts characters, not UTF-16 units
            if (s.minLength != null && length < s.minLength) add(path, ProblemWording.tooFew(s.minLength, length, "character"));
            if (s.maxLength != null && length > s.maxLength) add(path, ProblemWording.tooMany(s.maxLength, length, "character"));
        }
        if (s.pattern != null && !s.pattern.matcher(text).find()) add(path, ProblemWording.patternMismatch(s, string));
    }

    private void checkNumber(Schema s, BigDecimal n, InstancePath path) {
        boolean low = (s.minimum != null && n.compareTo(s.minimum) < 0)
                || (s.exclusiveMinimum != null && n.compareTo(s.exclusiveMinimum) <= 0);
        boolean high = (s.maximum != null && n.compareTo(s.maximum) > 0)
                || (s.exclusiveMaximum != null && n.compareTo(s.exclusiveMaximum) >= 0);
        if ((low || high) && ProblemWording.isIntegerType(s)) {
            add(path, ProblemWording.outOfRange(s, n));
        } else if (low) {
            add(path, s.minimum != null && n.compareTo(s.minimum) < 0
                    ? ProblemWording.belowMinimum(n, s.minimum, false)
                    : ProblemWording.belowMinimum(n, s.exclusiveMinimum, true));
        } else if (high) {
            add(path, s.maximum != null && n.compareTo(s.maximum) > 0
                    ? ProblemWording.aboveMaximum(n, s.maximum, false)
                    : ProblemWording.aboveMaximum(n, s.exclusiveMaximum, true));
        }
        if (s.multipleOf != null && n.remainder(s.multipleOf).signum() != 0) {
            add(path, ProblemWording.notMultipleOf(n, s.multipleOf));
        }
    }

    /**
     * anyOf (exactlyOne false) or oneOf (true). Without a fitting branch, report the branch that
     * accepts the value's type and has the fewest problems; if no branch accepts the type, say
     * which types would have done.
     */
    private void checkAlternatives(List<Schema> branches, JsonValue value, InstancePath path, boolean exactlyOne) {
        int matches = 0;
        List<SchemaProblem> best = null;
        for (Schema branch : branches) {
            List<SchemaProblem> found = trial(branch, value, path);
            if (found.isEmpty()) {
                matches++;
                if (!exactlyOne) return;
            } else if (acceptsType(branch, value) && (best == null || found.size() < best.size())) {
                best = found;
            }
        }
        if (matches == 1) return;
        if (matches > 1) {
            add(path, ProblemWording.ambiguous());
        } else if (best != null) {
            problems.addAll(best);
        } else {
            Set<String> expected = new LinkedHashSet<>();
            for (Schema branch : branches) expectedTypes(branch, expected);
            add(path, ProblemWording.typeMismatch(expected, value));
        }
    }

    private static List<SchemaProblem> trial(Schema schema, JsonValue value, InstancePath path) {
        Validation v = new Validation();
        v.check(schema, value, path);
        return v.problems;
    }

    /** Whether the schema's "type" keywords (through $ref, allOf and alternatives) admit the value's type. */
    private static boolean acceptsType(Schema schema, JsonValue value) {
        Schema s = schema.target();
        if (s.rejectsEverything) return false;
        if (s.types != null && !hasType(s.types, value)) return false;
        for (Schema part : s.allOf) {
            if (!acceptsType(part, value)) return false;
        }
        List<Schema> alternatives = s.anyOf.isEmpty() ? s.oneOf : s.anyOf;
        if (alternatives.isEmpty()) return true;
        for (Schema branch : alternatives) {
            if (acceptsType(branch, value)) return true;
        }
        return false;
    }

    private static void expectedTypes(Schema schema, Set<String> out) {
        Schema s = schema.target();
        if (s.types != null) {
            out.addAll(s.types);
            return;
        }
        for (Schema part : s.allOf) {
            Set<String> partTypes = new LinkedHashSet<>();
            expectedTypes(part, partTypes);
            if (!partTypes.isEmpty()) {
                out.addAll(partTypes);
                return;
            }
        }
        for (Schema branch : s.anyOf) expectedTypes(branch, out);
        for (Schema branch : s.oneOf) expectedTypes(branch, out);
    }

    private static boolean hasType(Set<String> types, JsonValue value) {
        return switch (value) {
            case JsonNull n -> types.contains("null");
            case JsonBool b -> types.contains("boolean");
            case JsonString str -> types.contains("string");
            case JsonArray a -> types.contains("array");
            case JsonObject o -> types.contains("object");
            case JsonNumber n -> types.contains("number")
                    || (types.contains("integer") && (n.value().scale() <= 0 || n.isIntegral())); // scale test spares an allocation
        };
    }

    /** JSON equality as JSON Schema defines it: 1, 1.0 and 1e0 are the same number. */
    static boolean same(JsonValue a, JsonValue b) {
        return switch (a) {
            case JsonNumber x -> b instanceof JsonNumber y && x.value().compareTo(y.value()) == 0;
            case JsonArray x -> {
                if (!(b instanceof JsonArray y) || x.elements().size() != y.elements().size()) yield false;
                for (int i = 0; i < x.elements().size(); i++) {
                    if (!same(x.elements().get(i), y.elements().get(i))) yield false;
                }
                yield true;
            }
            case JsonObject x -> {
                if (!(b instanceof JsonObject y) || x.members().size() != y.members().size()) yield false;
                for (Map.Entry<String, JsonValue> e : x.members().entrySet()) {
                    JsonValue other = y.members().get(e.getKey());
                    if (other == null || !same(e.getValue(), other)) yield false;
                }
                yield true;
            }
            default -> a.equals(b);
        };
    }
}

package io.jrunc.schema;

import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import io.jrunc.json.JsonValue.JsonArray;
import io.jrunc.json.JsonValue.JsonBool;
import io.jrunc.json.JsonValue.JsonNull;
import io.jrunc.json.JsonValue.JsonNumber;
import io.jrunc.json.JsonValue.JsonObject;
import io.jrunc.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words of validation problems. A bare schema only knows "value is not one of ...", but the
 * definition a value failed in says what it is meant to be, so a small table keyed by definition
 * name turns that into {@code unknown namespace type "pdi"}, and the integer definitions turn a
 * failed bound into {@code 4294967296 is out of range for uint32} (JsonNode's wording).
 */
final class ProblemWording {
    private ProblemWording() {}

    /** What a value of each named definition is, in a person's words. */
    private static final Map<String, String> NOUNS = Map.ofEntries(
            Map.entry("NamespaceType", "namespace type"),
            Map.entry("SeccompAction", "seccomp action"),
            Map.entry("SeccompArch", "seccomp architecture"),
            Map.entry("SeccompOperators", "seccomp operator"),
            Map.entry("SeccompFlag", "seccomp flag"),
            Map.entry("FileType", "device type"),
            Map.entry("RootfsPropagation", "rootfs propagation"),
            Map.entry("SchedulerPolicy", "scheduler policy"),
            Map.entry("SchedulerFlag", "scheduler flag"),
            Map.entry("MemoryPolicyMode", "memory policy mode"),
            Map.entry("MemoryPolicyFlag", "memory policy flag"),
            Map.entry("PersonalityDomain", "personality domain"),
            Map.entry("IOPriorityClass", "I/O priority class"),
            Map.entry("RlimitType", "rlimit type"),
            Map.entry("CPUList", "CPU list"),
            Map.entry("Capability", "capability"),
            Map.entry("Status", "container status"));

    private static final Set<String> INTEGER_TYPES = Set.of("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64");

    private static final int MAX_LISTED_VALUES = 12;
    private static final int MAX_SHOWN_CHARS = 80;

    static String typeMismatch(Collection<String> expected, JsonValue got) {
        return "expected " + alternatives(expected) + ", got " + typeOf(got);
    }

    static String missingProperty(String name) {
        return "missing required property " + Json.quote(name);
    }

    static String notInEnum(Schema s, JsonValue value) {
        String noun = nounOf(s);
        if (noun != null) return "unknown " + noun + " " + show(value);
        return "value " + show(value) + " is not one of " + listed(s.enumValues);
    }

    static String notConst(JsonValue expected, JsonValue value) {
        return "value " + show(value) + " is not " + show(expected);
    }

    static String patternMismatch(Schema s, JsonValue value) {
        if ("ociVersion".equals(s.definitionName)) {
            return "unsupported ociVersion " + show(value) + " (supported: 1.0.0 through 1.3.x)";
        }
        String noun = nounOf(s);
        if (noun != null) return "invalid " + noun + " " + show(value) + " (must match " + s.patternSource + ")";
        return "value " + show(value) + " does not match the pattern " + s.patternSource;
    }

    /** Whether a failed bound is best told as {@link #outOfRange}: the node is one of the int8...uint64 definitions. */
    static boolean isIntegerType(Schema s) {
        return s.definitionName != null && INTEGER_TYPES.contains(s.definitionName);
    }

    private static String nounOf(Schema s) {
        return s.definitionName == null ? null : NOUNS.get(s.definitionName);
    }

    static String outOfRange(Schema s, BigDecimal value) {
        return value.toPlainString() + " is out of range for " + s.definitionName;
    }

    static String belowMinimum(BigDecimal value, BigDecimal minimum, boolean exclusive) {
        return exclusive
                ? "value " + value.toPlainString() + " must be greater than " + minimum.toPlainString()
                : "value " + value.toPlainString() + " is less than the minimum " + minimum.toPlainString();
    }

    static String aboveMaximum(BigDecimal value, BigDecimal maximum, boolean exclusive) {
        return exclusive
                ? "value " + value.toPlainString() + " must be less than " + maximum.toPlainString()
                : "value " + value.toPlainString() + " is greater than the maximum " + maximum.toPlainString();
    }

    static String notMultipleOf(BigDecimal value, BigDecimal divisor) {
        return "value " + value.toPlainString() + " is not a multiple of " + divisor.toPlainString();
    }

    static String tooFew(int minimum, int actual, String unit) {
        return "expected at least " + minimum + " " + plural(minimum, unit) + ", got " + actual;
    }

    static String tooMany(int maximum, int actual, String unit) {
        return "expected at most " + maximum + " " + plural(maximum, unit) + ", got " + actual;
    }

    static String duplicateItem(int first, int duplicate) {
        return "item [" + duplicate + "] repeats item [" + first + "]; items must be unique";
    }

    static String unknownProperty(String name) {
        return "unknown property " + Json.quote(name);
    }

    static String forbidden() {
        return "value is not allowed here";
    }

    static String ambiguous() {
        return "value matches more than one of the allowed forms";
    }

    /** JSON-Schema type words; every number is just "number" when reporting what was found. */
    static String typeOf(JsonValue value) {
        return switch (value) {
            case JsonNull n -> "null";
            case JsonBool b -> "boolean";
            case JsonNumber n -> "number";
            case JsonString s -> "string";
            case JsonArray a -> "array";
            case JsonObject o -> "object";
        };
    }

    /** A value as it would appear in JSON, shortened: strings quoted, containers abbreviated. */
    static String show(JsonValue value) {
        return switch (value) {
            case JsonString s -> Json.quote(s.value().length() > MAX_SHOWN_CHARS
                    ? s.value().substring(0, MAX_SHOWN_CHARS) + "..." : s.value());
            case JsonNumber n -> n.value().toPlainString();
            case JsonBool b -> String.valueOf(b.value());
            case JsonNull n -> "null";
            case JsonArray a -> a.elements().isEmpty() ? "[]" : "[...]";
            case JsonObject o -> o.members().isEmpty() ? "{}" : "{...}";
        };
    }

    private static String listed(List<JsonValue> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i == MAX_LISTED_VALUES) return out.append(", ...").toString();
            if (i > 0) out.append(", ");
            out.append(show(values.get(i)));
        }
        return out.toString();
    }

    /** "string", "string or null", "object, array or null". */
    static String alternatives(Collection<String> words) {
        StringBuilder out = new StringBuilder();
        Iterator<String> it = words.iterator();
        int i = 0;
        while (it.hasNext()) {
            String word = it.next();
            if (i > 0) out.append(it.hasNext() ? ", " : " or ");
            out.append(word);
            i++;
        }
        return out.toString();
    }

    private static String plural(int n, String unit) {
        if (n == 1) return unit;
        return unit.endsWith("y") ? unit.substring(0, unit.length() - 1) + "ies" : unit + "s";
    }
}

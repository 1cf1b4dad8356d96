package io.jrunc.json;

import io.jrunc.json.JsonValue.JsonArray;
import io.jrunc.json.JsonValue.JsonBool;
import io.jrunc.json.JsonValue.JsonNull;
import io.jrunc.json.JsonValue.JsonNumber;
import io.jrunc.json.JsonValue.JsonObject;
import io.jrunc.json.JsonValue.JsonString;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON byte-for-byte the way Go's encoding/json does, because engines and tests compare
 * runc's output (state, spec, events) textually: compact output has no spaces, indented output
 * follows json.MarshalIndent, and strings use Go's escapes (including the HTML-safe ones).
 */
final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    private final String indent; // null: compact

    private JsonWriter(StringBuilder out, String indent) {
        this.out = out;
        this.indent = indent;
    }

    static String compact(JsonValue v) {
        StringBuilder sb = new StringBuilder(128);
        new JsonWriter(sb, null).value(v, 0);
        return sb.toString();
    }

    static String indented(JsonValue v, String indent) {
        StringBuilder sb = new StringBuilder(256);
        new JsonWriter(sb, indent).value(v, 0);
        return sb.toString();
    }

    /** A JSON string literal for {@code s}, escaped as Go escapes it. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        appendString(sb, s);
        return sb.toString();
    }

    private void value(JsonValue v, int level) {
        switch (v) {
            case JsonNull n -> out.append("null");
            case JsonBool b -> out.append(b.value() ? "true" : "false");
            case JsonNumber n -> out.append(n.value().toPlainString()); // canonical: no exponent, no ".0"
            case JsonString str -> appendString(out, str.value());
            case JsonArray a -> array(a.elements(), level);
            case JsonObject o -> object(o.members(), level);
        }
    }

    private void array(List<JsonValue> elements, int level) {
        if (elements.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        for (JsonValue e : elements) {
            if (!first) out.append(',');
            first = false;
            newline(level + 1);
            value(e, level + 1);
        }
        newline(level);
        out.append(']');
    }

    private void object(Map<String, JsonValue> members, int level) {
        if (members.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> m : members.entrySet()) {
            if (!first) out.append(',');
            first = false;
            newline(level + 1);
            appendString(out, m.getKey());
            out.append(indent == null ? ":" : ": ");
            value(m.getValue(), level + 1);
        }
        newline(level);
        out.append('}');
    }

    private void newline(int level) {
        if (indent == null) return;
        out.append('\n');
        for (int i = 0; i < level; i++) out.append(indent);
    }

    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        int run = 0; // start of the characters that need no escaping, copied in one go
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escape;
            if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
                    && c != '\u2028' && c != '\u2029' && !Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // a well-formed pair is written as is, like any other character
                continue;
            }
            escape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\b' -> "\\b"; // Go >= 1.22 uses these short forms for U+0008 and U+000C
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                // a lone surrogate cannot be encoded in UTF-8; Go writes invalid UTF-8 as the escape of U+FFFD
                default -> Character.isSurrogate(c) ? "\\ufffd" : null;
            };
            out.append(s, run, i);
            if (escape != null) {
                out.append(escape);
            } else {
                out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                        .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            }
            run = i + 1;
        }
        out.append(s, run, n);
        out.append('"');
    }
}

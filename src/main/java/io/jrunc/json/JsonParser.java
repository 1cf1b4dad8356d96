package io.jrunc.json;

import io.jrunc.json.JsonValue.JsonArray;
import io.jrunc.json.JsonValue.JsonBool;
import io.jrunc.json.JsonValue.JsonNull;
import io.jrunc.json.JsonValue.JsonNumber;
import io.jrunc.json.JsonValue.JsonObject;
import io.jrunc.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Strict RFC 8259 recursive-descent parser over a char array. It runs on the start-up path of
 * every command, so it avoids regexes and per-character objects, and only computes line and column
 * once an error has happened.
 */
final class JsonParser {
    /** Deepest nesting of arrays and objects; keeps hostile input far from a StackOverflowError. */
    static final int MAX_DEPTH = 512;
    /** Longest number literal; BigDecimal work on longer digit strings grows faster than linearly. */
    static final int MAX_NUMBER_LENGTH = 1000;
    /** Largest decimal exponent of a (non-zero) number: 1e1000000000 would print as a billion digits. */
    static final int MAX_EXPONENT = 1000;

    private final char[] s;
    private final int end;
    private final boolean utf8Offsets;
    private int pos;
    private int depth;

    private JsonParser(char[] s, int end, boolean utf8Offsets) {
        this.s = s;
        this.end = end;
        this.utf8Offsets = utf8Offsets;
    }

    static JsonValue parse(String text) {
        char[] chars = text.toCharArray();
        return new JsonParser(chars, chars.length, false).document();
    }

    static JsonValue parse(byte[] utf8) {
        Utf8Decoder.Decoded d = Utf8Decoder.decode(utf8);
        return new JsonParser(d.chars(), d.length(), true).document();
    }

    private JsonValue document() {
        skipWhitespace();
        JsonValue v = value("expected a value");
        skipWhitespace();
        if (pos < end) throw error(pos, "expected end of input after JSON value, found " + describe(pos));
        return v;
    }

    /** {@code expectation} is the start of the message if no value begins here. */
    private JsonValue value(String expectation) {
        if (pos >= end) throw error(pos, expectation + ", found end of input");
        char c = s[pos];
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> new JsonString(string());
            case 't' -> literal("true", JsonBool.TRUE);
            case 'f' -> literal("false", JsonBool.FALSE);
            case 'n' -> literal("null", JsonNull.INSTANCE);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error(pos, expectation + ", found " + describe(pos));
            }
        };
    }

    private JsonObject object() {
        enterNesting();
        pos++; // '{'
        skipWhitespace();
        Map<String, JsonValue> members = new LinkedHashMap<>();
        if (pos < end && s[pos] == '}') {
            pos++;
            depth--;
            return new JsonObject(members);
        }
        boolean first = true;
        while (true) {
            if (pos >= end || s[pos] != '"') {
                throw error(pos, (first ? "expected '\"' to start an object member name or '}'"
                        : "expected '\"' to start an object member name after ','") + ", found " + describe(pos));
            }
            int nameAt = pos;
            String name = string();
            if (members.containsKey(name)) {
                throw error(nameAt, "duplicate object member name " + JsonWriter.quote(name));
            }
            skipWhitespace();
            if (pos >= end || s[pos] != ':') {
                throw error(pos, "expected ':' after object member name, found " + describe(pos));
            }
            pos++;
            skipWhitespace();
            members.put(name, value("expected a value after ':'"));
            skipWhitespace();
            if (pos < end && s[pos] == ',') {
                pos++;
                skipWhitespace();
                first = false;
                continue;
            }
            if (pos < end && s[pos] == '}') {
                pos++;
                depth--;
                return new JsonObject(members);
            }
            throw error(pos, "expected ',' or '}' after object member, found " + describe(pos));
        }
    }

    private JsonArray array() {
        enterNesting();
        pos++; // '['
        skipWhitespace();
        List<JsonValue> elements = new ArrayList<>();
        if (pos < end && s[pos] == ']') {
            pos++;
            depth--;
            return new JsonArray(elements);
        }
        String expectation = "expected a value or ']'";
        while (true) {
            elements.add(value(expectation));
            skipWhitespace();
            if (pos < end && s[pos] == ',') {
                pos++;
                skipWhitespace();
                expectation = "expected a value after ','";
                continue;
            }
            if (pos < end && s[pos] == ']') {
                pos++;
                depth--;
                return new JsonArray(elements);
            }
            throw error(pos, "expected ',' or ']' after array element, found " + describe(pos));
        }
    }

    private void enterNesting() {
        if (++depth > MAX_DEPTH) throw error(pos, "arrays and objects are nested deeper than " + MAX_DEPTH + " levels");
    }

    /** Parses the string starting at the '"' at {@code pos}; copies only when there are escapes. */
    private String string() {
        int open = pos;
        pos++;
        StringBuilder sb = null;
        int run = pos; // start of the characters not yet copied into sb
        while (pos < end) {
            char c = s[pos];
            if (c == '"') {
                String result = sb == null ? new String(s, run, pos - run) : sb.append(s, run, pos - run).toString();
                pos++;
                return result;
            }
            if (c == '\\') {
                if (sb == null) sb = new StringBuilder(pos - run + 16);
                sb.append(s, run, pos - run);
                escape(sb);
                run = pos;
            } else if (c < 0x20) {
                throw error(pos, "unescaped control character " + codePoint(c) + " in string");
            } else if (Character.isSurrogate(c)) {
                // only reachable from parse(String): decoded UTF-8 is always well-formed
                if (Character.isHighSurrogate(c) && pos + 1 < end && Character.isLowSurrogate(s[pos + 1])) {
                    pos += 2;
                } else {
                    throw error(pos, "unpaired surrogate " + codePoint(c) + " in string");
                }
            } else {
                pos++;
            }
        }
        long at = lineColumn(s, end, open);
        throw error(end, "expected '\"' to close the string that starts at line " + (at >>> 32)
                + ", column " + (int) at + ", found end of input");
    }

    /** Decodes the escape at the '\' at {@code pos} into {@code sb}. */
    private void escape(StringBuilder sb) {
        int backslash = pos;
        if (pos + 1 >= end) throw error(pos + 1, "expected an escape character after '\\', found end of input");
        char e = s[pos + 1];
        switch (e) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                char unit = (char) hex4(pos + 2);
                pos += 6;
                if (Character.isHighSurrogate(unit) && pos + 1 < end && s[pos] == '\\' && s[pos + 1] == 'u') {
                    char low = (char) hex4(pos + 2);
                    if (Character.isLowSurrogate(low)) {
                        sb.append(unit).append(low);
                        pos += 6;
                        return;
                    }
                }
                if (Character.isSurrogate(unit)) {
                    throw error(backslash, "unpaired surrogate " + new String(s, backslash, 6) + " in string");
                }
                sb.append(unit);
                return;
            }
            default -> {
                String shown = e >= 0x20 && e < 0x7f ? "'\\" + e + "'" : "'\\' followed by " + describe(pos + 1);
                throw error(backslash, "invalid escape " + shown + " in string");
            }
        }
        pos += 2;
    }

    private int hex4(int at) {
        int v = 0;
        for (int k = at; k < at + 4; k++) {
            int d = k < end ? Character.digit(s[k], 16) : -1;
            // Character.digit also accepts non-ASCII digits: allow ASCII hex only
            if (d < 0 || s[k] > 'f') throw error(k, "expected 4 hex digits after '\\u', found " + describe(k));
            v = (v << 4) | d;
        }
        return v;
    }

    private JsonNumber number() {
        int start = pos;
        if (s[pos] == '-') {
            pos++;
            if (pos >= end || !isDigit(s[pos])) throw error(pos, "expected a digit after '-', found " + describe(pos));
        }
        if (s[pos] == '0') {
            pos++;
            if (pos < end && isDigit(s[pos])) throw error(pos, "leading zeros are not allowed in numbers");
        } else {
            while (pos < end && isDigit(s[pos])) pos++;
        }
        boolean integerLiteral = true;
        if (pos < end && s[pos] == '.') {
            integerLiteral = false;
            pos++;
            if (pos >= end || !isDigit(s[pos])) {
                throw error(pos, "expected a digit after '.' in number, found " + describe(pos));
            }
            while (pos < end && isDigit(s[pos])) pos++;
        }
        if (pos < end && (s[pos] == 'e' || s[pos] == 'E')) {
            integerLiteral = false;
            pos++;
            if (pos < end && (s[pos] == '+' || s[pos] == '-')) pos++;
            if (pos >= end || !isDigit(s[pos])) {
                throw error(pos, "expected a digit in the exponent of number, found " + describe(pos));
            }
            while (pos < end && isDigit(s[pos])) pos++;
        }
        int length = pos - start;
        if (integerLiteral && length <= 18) return JsonNumber.of(parseSmallInteger(start, pos));
        if (length > MAX_NUMBER_LENGTH) {
            throw error(start, "number is longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(s, start, length);
        } catch (NumberFormatException e) { // exponent beyond int range
            throw error(start, "number out of range");
        }
        if (value.signum() != 0) {
            long exponent = (long) value.precision() - value.scale() - 1;
            if (exponent > MAX_EXPONENT || exponent < -MAX_EXPONENT) throw error(start, "number out of range");
        }
        return new JsonNumber(value);
    }

    private long parseSmallInteger(int from, int to) {
        boolean negative = s[from] == '-';
        long v = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) v = v * 10 + (s[i] - '0');
        return negative ? -v : v;
    }

    private JsonValue literal(String word, JsonValue v) {
        for (int k = 0; k < word.length(); k++) {
            int at = pos + k;
            if (at >= end || s[at] != word.charAt(k)) {
                throw error(at, "invalid literal: expected '" + word + "', found " + describe(at));
            }
        }
        pos += word.length();
        return v;
    }

    private void skipWhitespace() {
        while (pos < end) {
            char c = s[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** What stands at {@code at}, for "found ..." in messages. */
    private String describe(int at) {
        if (at >= end) return "end of input";
        char c = s[at];
        if (c >= 0x20 && c < 0x7f) return "'" + c + "'";
        int cp = Character.codePointAt(s, at, end);
        if (cp < 0x20 || cp == 0x7f) return "control character " + codePoint(cp);
        if (Character.isLetterOrDigit(cp)) return "'" + new String(Character.toChars(cp)) + "' (" + codePoint(cp) + ")";
        return codePoint(cp);
    }

    static String codePoint(int cp) {
        String h = Integer.toHexString(cp).toUpperCase(Locale.ROOT);
        return "U+" + "0000".substring(Math.min(4, h.length())) + h;
    }

    private JsonParseException error(int at, String detail) {
        long offset = utf8Offsets ? utf8Length(s, at) : at;
        return errorAt(s, end, at, offset, detail);
    }

    /** The error at char {@code index} of {@code text[0, end)}; {@code offset} is what offset() reports. */
    static JsonParseException errorAt(char[] text, int end, int index, long offset, String detail) {
        long at = lineColumn(text, end, index);
        return new JsonParseException(detail, (int) (at >>> 32), (int) at, offset);
    }

    /** Same, for the UTF-8 decoder: {@code text[0, index)} is what decoded fine. */
    static JsonParseException errorAt(char[] text, int index, long byteOffset, String detail) {
        return errorAt(text, index, index, byteOffset, detail);
    }

    /** Line (high 32 bits) and column (low 32 bits) of char {@code index}; both 1-based. */
    private static long lineColumn(char[] t, int end, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index; i++) {
            char c = t[i];
            if (c == '\n') {
                line++;
                column = 1;
            } else if (c == '\r') {
                if (i + 1 >= end || t[i + 1] != '\n') { // a lone CR ends a line too; CR LF counts once
                    line++;
                    column = 1;
                }
            } else if (!(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(t[i - 1]))) {
                column++;
            }
        }
        return ((long) line << 32) | column;
    }

    private static long utf8Length(char[] t, int index) {
        long n = 0;
        for (int i = 0; i < index; i++) {
            char c = t[i];
            n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}

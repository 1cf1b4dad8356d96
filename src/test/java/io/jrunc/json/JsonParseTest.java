package io.jrunc.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jrunc.JruncException;
import io.jrunc.json.JsonValue.JsonArray;
import io.jrunc.json.JsonValue.JsonBool;
import io.jrunc.json.JsonValue.JsonNull;
import io.jrunc.json.JsonValue.JsonNumber;
import io.jrunc.json.JsonValue.JsonObject;
import io.jrunc.json.JsonValue.JsonString;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonParseTest {

    // ---- what parses and to what ---------------------------------------------------------------

    @Test
    void parsesAllValueKindsKeepingMemberOrder() {
        JsonValue v = Json.parse(" {\"z\": [1, -2.5, true, false, null], \"a\": {\"s\": \"x\"}, \"e\": []}\n");
        JsonObject o = (JsonObject) v;
        assertEquals(List.of("z", "a", "e"), List.copyOf(o.members().keySet()));
        assertEquals(new JsonArray(List.of(JsonNumber.of(1), new JsonNumber(new BigDecimal("-2.5")),
                JsonBool.TRUE, JsonBool.FALSE, JsonNull.INSTANCE)), o.get("z"));
        assertEquals(new JsonObject(Map.of("s", new JsonString("x"))), o.get("a"));
        assertEquals(new JsonArray(List.of()), o.get("e"));
    }

    @Test
    void decodesEveryEscape() {
        assertEquals(new JsonString("\"\\/\b\f\n\r\t\u00e9\u0000"),
                Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00E9\\u0000\""));
    }

    @Test
    void joinsEscapedSurrogatePairs() {
        assertEquals(new JsonString("\uD83D\uDE00"), Json.parse("\"\\ud83d\\uDE00\""));
        assertEquals(new JsonString("a\uD83D\uDE00b"), Json.parse("\"a\uD83D\uDE00b\""));
    }

    @Test
    void keepsNumbersExact() {
        assertEquals(new BigDecimal("18446744073709551615"), number("18446744073709551615"));
        assertEquals(new BigDecimal("-9223372036854775808"), number("-9223372036854775808"));
        assertEquals(new BigDecimal("0.1000000000000000055511151231257827"), number("0.1000000000000000055511151231257827"));
    }

    @Test
    void exponentsAndTrailingZerosGiveTheSameNumber() {
        // 1e3 is the integer 1000: equal to 1000, written back as 1000, accepted where an integer is expected
        assertEquals(JsonNumber.of(1000), Json.parse("1e3"));
        assertEquals(JsonNumber.of(1000), Json.parse("1000.000"));
        assertEquals(JsonNumber.of(1000), Json.parse("10E+2"));
        assertEquals(new JsonNumber(new BigDecimal("0.015")), Json.parse("1.5e-2"));
        assertEquals("1000", ((JsonNumber) Json.parse("1e3")).value().toString());
        assertEquals("integer", Json.parse("1e3").typeName());
        assertEquals("number", Json.parse("1.5").typeName());
    }

    @Test
    void negativeZeroIsZero() {
        assertEquals(JsonNumber.of(0), Json.parse("-0"));
        assertEquals(JsonNumber.of(0), Json.parse("-0.0e5"));
    }

    @Test
    void parsesUtf8Bytes() {
        byte[] bytes = "{\"name\":\"caf\u00e9 \uD83D\uDE00\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(new JsonObject(Map.of("name", new JsonString("caf\u00e9 \uD83D\uDE00"))), Json.parse(bytes));
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        String doc = "[".repeat(JsonParser.MAX_DEPTH) + "]".repeat(JsonParser.MAX_DEPTH);
        JsonValue v = Json.parse(doc);
        int depth = 0;
        while (v instanceof JsonArray a && !a.elements().isEmpty()) {
            v = a.elements().getFirst();
            depth++;
        }
        assertEquals(JsonParser.MAX_DEPTH - 1, depth);
    }

    // ---- errors: message and position ----------------------------------------------------------

    @Test
    void missingCommaBetweenMembers() {
        JsonParseException e = parseError("{\"a\": 1 \"b\": 2}");
        assertEquals("invalid JSON at line 1, column 9: expected ',' or '}' after object member, found '\"'", e.getMessage());
        assertEquals(1, e.line());
        assertEquals(9, e.column());
        assertEquals(8, e.offset());
    }

    @Test
    void trailingCommaInArrayOnLaterLine() {
        String doc = "{\n  \"ociVersion\": \"1.0.0\",\n  \"process\": {\n    \"args\": [\"sh\",]\n  }\n}";
        assertError(doc, 4, 19, "expected a value after ',', found ']'");
    }

    @Test
    void trailingCommaInObject() {
        assertError("{\"a\":1,}", 1, 8, "expected '\"' to start an object member name after ',', found '}'");
    }

    @Test
    void unquotedMemberName() {
        assertError("{a:1}", 1, 2, "expected '\"' to start an object member name or '}', found 'a'");
    }

    @Test
    void missingColon() {
        assertError("{\"a\" 1}", 1, 6, "expected ':' after object member name, found '1'");
    }

    @Test
    void missingValueAfterColon() {
        assertError("{\"a\":}", 1, 6, "expected a value after ':', found '}'");
    }

    @Test
    void arrayElementsNeedCommas() {
        assertError("[1 2]", 1, 4, "expected ',' or ']' after array element, found '2'");
        assertError("[,1]", 1, 2, "expected a value or ']', found ','");
    }

    @Test
    void duplicateMemberNameIsAnErrorAtTheSecondName() {
        assertError("{\"a\":1,\n \"a\":2}", 2, 2, "duplicate object member name \"a\"");
        // nested objects have their own names
        Json.parse("{\"a\":{\"a\":1}}");
    }

    @Test
    void emptyAndBlankInput() {
        JsonParseException e = assertError("", 1, 1, "expected a value, found end of input");
        assertEquals(0, e.offset());
        assertError(" \n ", 2, 2, "expected a value, found end of input");
    }

    @Test
    void onlyOneValue() {
        assertError("{\"a\":1} x", 1, 9, "expected end of input after JSON value, found 'x'");
        assertError("1 2", 1, 3, "expected end of input after JSON value, found '2'");
    }

    @Test
    void noCommentsNaNOrSingleQuotes() {
        assertError("// c\n{}", 1, 1, "expected a value, found '/'");
        assertError("[NaN]", 1, 2, "expected a value or ']', found 'N'");
        assertError("[-Infinity]", 1, 3, "expected a digit after '-', found 'I'");
        assertError("{'a':1}", 1, 2, "expected '\"' to start an object member name or '}', found '''");
    }

    @Test
    void brokenLiterals() {
        assertError("[tru]", 1, 5, "invalid literal: expected 'true', found ']'");
        assertError("nul", 1, 4, "invalid literal: expected 'null', found end of input");
        assertError("True", 1, 1, "expected a value, found 'T'");
        assertError("[truex]", 1, 6, "expected ',' or ']' after array element, found 'x'");
    }

    @Test
    void malformedNumbers() {
        assertError("[01]", 1, 3, "leading zeros are not allowed in numbers");
        assertError("-", 1, 2, "expected a digit after '-', found end of input");
        assertError("1.", 1, 3, "expected a digit after '.' in number, found end of input");
        assertError("1.e5", 1, 3, "expected a digit after '.' in number, found 'e'");
        assertError("1e+", 1, 4, "expected a digit in the exponent of number, found end of input");
        assertError(".5", 1, 1, "expected a value, found '.'");
        assertError("+1", 1, 1, "expected a value, found '+'");
        assertError("0x10", 1, 2, "expected end of input after JSON value, found 'x'");
    }

    @Test
    void numbersBeyondTheLimitsAreErrors() {
        assertError("[1e1001]", 1, 2, "number out of range");
        assertError("[1e-1001]", 1, 2, "number out of range");
        assertError("1e99999999999", 1, 1, "number out of range");
        assertError("1" + "0".repeat(1000), 1, 1, "number is longer than 1000 characters");
        assertEquals(new BigDecimal("1e1000").setScale(0), number("1e1000"));
    }

    @Test
    void stringErrors() {
        assertError("\"a\u0001b\"", 1, 3, "unescaped control character U+0001 in string");
        assertError("[\"line\nbreak\"]", 1, 7, "unescaped control character U+000A in string");
        assertError("\"\\x\"", 1, 2, "invalid escape '\\x' in string");
        assertError("\"\\u12G4\"", 1, 6, "expected 4 hex digits after '\\u', found 'G'");
        assertError("\"\\u12", 1, 6, "expected 4 hex digits after '\\u', found end of input");
        assertError("\"\\", 1, 3, "expected an escape character after '\\', found end of input");
    }

    @Test
    void unterminatedStringNamesWhereItStarted() {
        JsonParseException e = assertError("{\"a\":\"abc", 1, 10,
                "expected '\"' to close the string that starts at line 1, column 6, found end of input");
        assertEquals(9, e.offset());
    }

    @Test
    void unpairedSurrogatesAreErrors() {
        assertError("\"\\ud800\"", 1, 2, "unpaired surrogate \\ud800 in string");
        assertError("\"x\\uDC00\"", 1, 3, "unpaired surrogate \\uDC00 in string");
        assertError("\"\\ud800\\u0041\"", 1, 2, "unpaired surrogate \\ud800 in string");
        assertError("\"\uD800x\"", 1, 2, "unpaired surrogate U+D800 in string");
    }

    @Test
    void nestingBeyondTheLimitIsAnErrorNotAStackOverflow() {
        assertError("[".repeat(JsonParser.MAX_DEPTH + 1), 1, JsonParser.MAX_DEPTH + 1,
                "arrays and objects are nested deeper than 512 levels");
        assertThrows(JsonParseException.class, () -> Json.parse("{\"a\":".repeat(200_000)));
    }

    @Test
    void byteOrderMarkIsRejected() {
        assertError("\uFEFF{}", 1, 1, "expected a value, found U+FEFF");
    }

    @Test
    void nonAsciiFoundCharactersAreShownWithTheirCodePoint() {
        assertError("[\u00e9]", 1, 2, "expected a value or ']', found '\u00e9' (U+00E9)");
        assertError("[1,\u00a0]", 1, 4, "expected a value after ',', found U+00A0");
    }

    @Test
    void linesEndWithLfCrLfOrCr() {
        assertError("{\r\n\"a\":}", 2, 5, "expected a value after ':', found '}'");
        assertError("[1,\r2 x]", 2, 3, "expected ',' or ']' after array element, found 'x'");
    }

    @Test
    void columnsCountCharactersNotUtf16Units() {
        JsonParseException e = assertError("[\"\uD83D\uDE00\", x]", 1, 7, "expected a value after ',', found 'x'");
        assertEquals(7, e.offset()); // UTF-16 index for String input
        JsonParseException b = parseError("[\"\uD83D\uDE00\", x]".getBytes(StandardCharsets.UTF_8));
        assertEquals(7, b.column());
        assertEquals(9, b.offset()); // byte index for byte input
    }

    @Test
    void isAJruncException() {
        JruncException e = assertThrows(JruncException.class, () -> Json.parse("["));
        assertEquals(0, e.errno());
    }

    // ---- invalid UTF-8 -------------------------------------------------------------------------

    @Test
    void invalidUtf8ByteNamesTheByteAndItsPlace() {
        JsonParseException e = parseError(bytes("{\"a\":\"", 0xFF, "\"}"));
        assertEquals("invalid JSON at line 1, column 7: invalid UTF-8 byte 0xFF", e.getMessage());
        assertEquals(6, e.offset());
    }

    @Test
    void utf8ErrorsCountColumnsInCharactersAndOffsetsInBytes() {
        JsonParseException e = parseError(bytes("\"\u00e9", 0xC3, 0x28, "\""));
        assertEquals("invalid JSON at line 1, column 3: invalid UTF-8 sequence starting with byte 0xC3", e.getMessage());
        assertEquals(3, e.offset());
    }

    @Test
    void overlongSurrogateAndTooLargeEncodingsAreRejected() {
        assertEquals("invalid UTF-8 byte 0xC0", detail(parseError(bytes("\"", 0xC0, 0x80, "\""))));
        assertEquals("invalid UTF-8 sequence starting with byte 0xE0", detail(parseError(bytes("\"", 0xE0, 0x80, 0x80, "\""))));
        assertEquals("invalid UTF-8 sequence starting with byte 0xED", detail(parseError(bytes("\"", 0xED, 0xA0, 0x80, "\""))));
        assertEquals("invalid UTF-8 sequence starting with byte 0xF4", detail(parseError(bytes("\"", 0xF4, 0x90, 0x80, 0x80, "\""))));
        assertEquals("invalid UTF-8 byte 0xF5", detail(parseError(bytes("\"", 0xF5, 0x80, 0x80, 0x80, "\""))));
        assertEquals("invalid UTF-8 byte 0x80", detail(parseError(bytes("\"", 0x80, "\""))));
    }

    @Test
    void utf8SequenceCutByTheEnd() {
        JsonParseException e = parseError(bytes("\"", 0xE2, 0x82));
        assertEquals("invalid UTF-8: the sequence starting with byte 0xE2 is cut off by the end of input", detail(e));
        assertEquals(1, e.offset());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static BigDecimal number(String text) {
        return ((JsonNumber) Json.parse(text)).value();
    }

    private static JsonParseException parseError(String text) {
        return assertThrows(JsonParseException.class, () -> Json.parse(text));
    }

    private static JsonParseException parseError(byte[] utf8) {
        return assertThrows(JsonParseException.class, () -> Json.parse(utf8));
    }

    private static JsonParseException assertError(String text, int line, int column, String detail) {
        JsonParseException e = parseError(text);
        assertEquals("invalid JSON at line " + line + ", column " + column + ": " + detail, e.getMessage());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
        return e;
    }

    private static String detail(JsonParseException e) {
        return e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
    }

    /** Strings become their UTF-8 bytes, integers single raw bytes. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            else out.write((Integer) p);
        }
        return out.toByteArray();
    }
}

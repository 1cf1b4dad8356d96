package io.jrunc.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.json.JsonValue.JsonNumber;
import io.jrunc.json.JsonValue.JsonObject;
import io.jrunc.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriteTest {

    @Test
    void compactOutputHasNoWhitespace() {
        JsonObject o = Json.object()
                .put("a", Json.array(Json.number(1), Json.bool(true), Json.nullValue(), Json.string("x")))
                .put("b", Json.object().build())
                .put("c", Json.array(List.of()))
                .build();
        assertEquals("{\"a\":[1,true,null,\"x\"],\"b\":{},\"c\":[]}", Json.write(o));
    }

    @Test
    void escapesLikeGo() {
        // Go's json.Marshal output for the same string
        String s = "<a href=\"x\">&\u2028\u2029\\\b\f\n\r\t\u0000\u0001\u001f\u007f/\u00e9\uD83D\uDE00";
        assertEquals("\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u2028\\u2029\\\\\\b\\f\\n\\r\\t\\u0000\\u0001\\u001f\u007f/\u00e9\uD83D\uDE00\"",
                Json.write(new JsonString(s)));
    }

    @Test
    void loneSurrogatesAreWrittenAsReplacementCharacterLikeGoDoesForInvalidUtf8() {
        assertEquals("\"a\\ufffdb\\ufffd\"", Json.write(new JsonString("a\uDC00b\uD800")));
        assertEquals(new JsonString("a\uFFFDb\uFFFD"), Json.parse(Json.write(new JsonString("a\uDC00b\uD800"))));
    }

    @Test
    void memberNamesAreEscapedToo() {
        assertEquals("{\"a\\u003cb\\\"\":1}", Json.write(Json.object().put("a<b\"", 1).build()));
    }

    @Test
    void indentedOutputMatchesGoMarshalIndentWithTab() {
        JsonObject spec = Json.object()
                .put("ociVersion", "1.2.0")
                .put("process", Json.object()
                        .put("terminal", true)
                        .put("user", Json.object().put("uid", 0).put("gid", 0).build())
                        .put("args", Json.strings(List.of("sh")))
                        .put("env", Json.array(List.of()))
                        .put("capabilities", Json.object().build())
                        .build())
                .put("hostname", "runc")
                .build();
        String expected = """
                {
                \t"ociVersion": "1.2.0",
                \t"process": {
                \t\t"terminal": true,
                \t\t"user": {
                \t\t\t"uid": 0,
                \t\t\t"gid": 0
                \t\t},
                \t\t"args": [
                \t\t\t"sh"
                \t\t],
                \t\t"env": [],
                \t\t"capabilities": {}
                \t},
                \t"hostname": "runc"
                }""";
        assertEquals(expected, Json.writeIndented(spec, "\t"));
    }

    @Test
    void indentedScalarsAndEmptyContainersStayOnOneLine() {
        assertEquals("5", Json.writeIndented(Json.number(5), "\t"));
        assertEquals("[]", Json.writeIndented(Json.array(), "  "));
        assertEquals("{}", Json.writeIndented(Json.object().build(), "  "));
        assertEquals("[\n  [],\n  {}\n]", Json.writeIndented(Json.array(Json.array(), Json.object().build()), "  "));
    }

    @Test
    void numbersArePlainAndCanonical() {
        assertEquals("1000", Json.write(num("1e3")));
        assertEquals("1.5", Json.write(num("1.50")));
        assertEquals("0", Json.write(num("-0.000")));
        assertEquals("0.0000001", Json.write(num("1E-7")));
        assertEquals("-12.25", Json.write(num("-1225e-2")));
        assertEquals("18446744073709551615", Json.write(num("18446744073709551615")));
        assertEquals("18446744073709551615", Json.write(Json.unsigned(-1L)));
        assertEquals("9223372036854775808", Json.write(Json.unsigned(Long.MIN_VALUE)));
        assertEquals("42", Json.write(Json.unsigned(42)));
        assertEquals("123456789012345678901234567890", Json.write(Json.number(new BigInteger("123456789012345678901234567890"))));
    }

    @Test
    void writeUtf8EncodesNonAscii() {
        assertEquals("\"\u00e9\"", new String(Json.writeUtf8(Json.string("\u00e9")), StandardCharsets.UTF_8));
        assertEquals(4, Json.writeUtf8(Json.string("\u00e9")).length);
    }

    @Test
    void quoteEscapesForMessages() {
        assertEquals("\"a\\nb\"", Json.quote("a\nb"));
    }

    // ---- builder -------------------------------------------------------------------------------

    @Test
    void builderKeepsOrderAndReplacesInPlace() {
        JsonObject o = Json.object().put("b", 1).put("a", 2).put("b", 3).build();
        assertEquals("{\"b\":3,\"a\":2}", Json.write(o));
    }

    @Test
    void builderNullHandling() {
        String nothing = null;
        Long noLong = null;
        Boolean noBool = null;
        JsonValue noValue = null;
        JsonObject o = Json.object()
                .put("s", nothing)
                .put("v", noValue)
                .putIfNotNull("a", nothing)
                .putIfNotNull("b", noLong)
                .putIfNotNull("c", noBool)
                .putIfNotNull("d", noValue)
                .putIfNotNull("e", 7L)
                .putIfNotNull("f", Boolean.FALSE)
                .build();
        assertEquals("{\"s\":null,\"v\":null,\"e\":7,\"f\":false}", Json.write(o));
    }

    @Test
    void builderOmitEmptyFollowsGo() {
        JsonObject o = Json.object()
                .putOmitEmpty("s", "")
                .putOmitEmpty("n", 0)
                .putOmitEmpty("b", false)
                .putOmitEmpty("a", Json.array())
                .putOmitEmpty("o", Json.object().build())
                .putOmitEmpty("z", Json.string(""))
                .putOmitEmpty("s2", "x")
                .putOmitEmpty("n2", -1)
                .putOmitEmpty("b2", true)
                .putOmitEmpty("a2", Json.array(Json.number(0)))
                .build();
        assertEquals("{\"s2\":\"x\",\"n2\":-1,\"b2\":true,\"a2\":[0]}", Json.write(o));
    }

    @Test
    void builderNumbers() {
        JsonObject o = Json.object()
                .put("i", Integer.valueOf(3))
                .put("d", 0.1)
                .put("big", new BigDecimal("2.50"))
                .putUnsigned("u", -1L)
                .build();
        assertEquals("{\"i\":3,\"d\":0.1,\"big\":2.5,\"u\":18446744073709551615}", Json.write(o));
        assertThrows(IllegalArgumentException.class, () -> Json.object().put("x", Double.NaN));
    }

    @Test
    void stringMapKeepsOrder() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("z", "1");
        m.put("a", "2");
        assertEquals("{\"z\":\"1\",\"a\":\"2\"}", Json.write(Json.stringMap(m)));
    }

    @Test
    void valuesAreImmutable() {
        JsonObject o = Json.object().put("a", 1).build();
        assertThrows(UnsupportedOperationException.class, () -> o.members().put("b", Json.number(2)));
        assertTrue(o.members().containsKey("a"));
    }

    private static JsonNumber num(String s) {
        return new JsonNumber(new BigDecimal(s));
    }
}

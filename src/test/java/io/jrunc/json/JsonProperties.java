package io.jrunc.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jrunc.json.JsonValue.JsonString;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JsonProperties {

    @Provide
    Arbitrary<JsonValue> values() {
        return JsonArbitraries.values(4);
    }

    @Provide
    Arbitrary<JsonValue> containers() {
        return JsonArbitraries.containers(3);
    }

    @Provide
    Arbitrary<String> indents() {
        return Arbitraries.of("\t", "  ", "", " ");
    }

    // ---- round trips ---------------------------------------------------------------------------

    @Property(tries = 300)
    void compactOutputParsesBackToTheSameValue(@ForAll("values") JsonValue v) {
        String text = Json.write(v);
        JsonValue back = Json.parse(text);
        assertEquals(v, back);
        assertEquals(text, Json.write(back)); // member order survives too
        assertEquals(v, Json.parse(Json.writeUtf8(v)));
    }

    @Property(tries = 300)
    void indentedOutputParsesBackToTheSameValue(@ForAll("values") JsonValue v, @ForAll("indents") String indent) {
        String text = Json.writeIndented(v, indent);
        assertEquals(v, Json.parse(text));
        assertEquals(Json.write(v), Json.write(Json.parse(text)));
    }

    @Property
    void wellFormedStringsRoundTripExactly(@ForAll("wellFormed") String s) {
        assertEquals(new JsonString(s), Json.parse(Json.write(new JsonString(s))));
        assertEquals(new JsonString(s), Json.parse(Json.writeUtf8(new JsonString(s))));
    }

    @Provide
    Arbitrary<String> wellFormed() {
        return JsonArbitraries.strings();
    }

    @Property
    void anyJavaStringRoundTripsWithLoneSurrogatesReplaced(@ForAll String s) {
        assertEquals(new JsonString(replaceLoneSurrogates(s)), Json.parse(Json.write(new JsonString(s))));
    }

    @Property
    void writtenStringsContainNoRawControlOrHtmlCharacters(@ForAll String s) {
        String out = Json.write(new JsonString(s));
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            assertTrue(c >= 0x20 && c != '<' && c != '>' && c != '&' && c != '\u2028' && c != '\u2029',
                    () -> "raw U+" + Integer.toHexString(c) + " in " + out);
        }
    }

    // ---- malformed input -----------------------------------------------------------------------

    @Property(tries = 200)
    void everyTruncationOfADocumentIsRejectedAtTheEnd(@ForAll("containers") JsonValue v, @ForAll("indents") String indent) {
        String text = indent.isEmpty() ? Json.write(v) : Json.writeIndented(v, indent);
        for (int cut = 0; cut < text.length(); cut++) {
            if (Character.isLowSurrogate(text.charAt(cut))) continue; // cut between characters only
            String prefix = text.substring(0, cut);
            JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse(prefix), prefix);
            assertEquals(cut, e.offset(), prefix);
            assertTrue(e.getMessage().endsWith("found end of input"), e.getMessage());
        }
    }

    @Property(tries = 200)
    void everyByteTruncationOfADocumentIsRejected(@ForAll("containers") JsonValue v) {
        byte[] utf8 = Json.writeUtf8(v);
        for (int cut = 0; cut < utf8.length; cut++) {
            byte[] prefix = java.util.Arrays.copyOf(utf8, cut);
            JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse(prefix));
            // the error is at the end, or at the start of a UTF-8 sequence that the end cut off
            assertTrue(e.offset() <= cut && e.offset() >= cut - 3, e.getMessage());
            assertTrue(e.getMessage().contains("end of input"), e.getMessage());
        }
    }

    @Property(tries = 300)
    void aBadTokenAtAStructuralBoundaryIsRejectedNoEarlierThanItself(
            @ForAll("containers") JsonValue v, @ForAll("indents") String indent,
            @ForAll("badTokens") String token, @ForAll("fractions") double where) {
        String text = indent.isEmpty() ? Json.write(v) : Json.writeIndented(v, indent);
        List<Integer> boundaries = structuralBoundaries(text);
        int at = boundaries.get((int) (where * boundaries.size()));
        String mutated = text.substring(0, at) + token + text.substring(at);
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse(mutated), mutated);
        assertTrue(e.offset() >= at && e.offset() <= mutated.length(), e.getMessage());
        assertTrue(e.line() >= 1 && e.column() >= 1);
    }

    @Provide
    Arbitrary<String> badTokens() {
        return Arbitraries.of(JsonArbitraries.BAD_TOKENS);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, true, 1, false);
    }

    @Property(tries = 2000)
    void arbitraryJsonLikeTextEitherParsesOrFailsWithAPosition(@ForAll("jsonish") String text) {
        try {
            JsonValue v = Json.parse(text);
            assertEquals(v, Json.parse(Json.write(v))); // what it accepts, it can write back
        } catch (JsonParseException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= text.length(), e.getMessage());
            assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
        } catch (Throwable t) {
            fail("unexpected " + t + " for " + text, t);
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.strings()
                .withChars("{}[],:\"\\ \n0123456789.-+eEtrufalsnu\u0001\u00e9")
                .withChars('\uD83D', '\uDE00')
                .ofMaxLength(40);
    }

    @Property(tries = 2000)
    void arbitraryBytesEitherParseOrFailWithAPosition(@ForAll("bytes") byte[] input) {
        try {
            Json.parse(input);
        } catch (JsonParseException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= input.length, e.getMessage());
        } catch (Throwable t) {
            fail("unexpected " + t, t);
        }
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<Byte> b = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.of((byte) '"', (byte) '[', (byte) ']', (byte) '1', (byte) ',')),
                net.jqwik.api.Tuple.of(2, Arbitraries.bytes()));
        return b.array(byte[].class).ofMaxSize(12);
    }

    // ---- UTF-8 ---------------------------------------------------------------------------------

    @Property(tries = 3000)
    void utf8DecoderAgreesWithTheJdksStrictDecoder(@ForAll("utf8ish") byte[] input) {
        String expected;
        try {
            expected = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(input)).toString();
        } catch (CharacterCodingException e) {
            expected = null;
        }
        String actual;
        try {
            Utf8Decoder.Decoded d = Utf8Decoder.decode(input);
            actual = new String(d.chars(), 0, d.length());
        } catch (JsonParseException e) {
            actual = null;
        }
        assertEquals(expected, actual);
    }

    @Provide
    Arbitrary<byte[]> utf8ish() {
        // mostly lead and continuation bytes, where the interesting boundaries are
        Arbitrary<Byte> b = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().between((byte) 0, (byte) 0x7f)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x80, 0xBF).map(Integer::byteValue)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0xC0, 0xFF).map(Integer::byteValue)));
        return b.array(byte[].class).ofMaxSize(8);
    }

    @Property
    void utf8OfAnyWellFormedStringDecodesBack(@ForAll("wellFormed") String s) {
        Utf8Decoder.Decoded d = Utf8Decoder.decode(s.getBytes(StandardCharsets.UTF_8));
        assertEquals(s, new String(d.chars(), 0, d.length()));
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Offsets right after '{', '[', ',', ':' and right before '}', ']', outside string literals. */
    private static List<Integer> structuralBoundaries(String text) {
        List<Integer> out = new ArrayList<>();
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[', ',', ':' -> out.add(i + 1);
                case '}', ']' -> out.add(i);
                default -> { }
            }
        }
        return out;
    }

    private static String replaceLoneSurrogates(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}

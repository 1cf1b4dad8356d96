package io.jrunc.json;

/**
 * Strict UTF-8 to UTF-16 decoding (RFC 3629): overlong forms, encoded surrogates, code points
 * above U+10FFFF, stray continuation bytes and cut-off sequences are errors, never replaced with
 * U+FFFD, so that a corrupted config.json cannot silently change a path or an argument.
 */
final class Utf8Decoder {
    private Utf8Decoder() {}

    /** The decoded text: {@code chars[0, length)}. */
    record Decoded(char[] chars, int length) {}

    static Decoded decode(byte[] in) {
        char[] out = new char[in.length]; // UTF-16 never needs more units than UTF-8 has bytes
        int n = 0;
        int i = 0;
        int len = in.length;
        while (i < len) {
            int b0 = in[i];
            if (b0 >= 0) { // ASCII: by far the most common in config files
                out[n++] = (char) b0;
                i++;
                continue;
            }
            b0 &= 0xFF;
            int need;
            int min2; // allowed range of the second byte, which is where overlongs and surrogates show
            int max2;
            int cp;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                need = 1; min2 = 0x80; max2 = 0xBF; cp = b0 & 0x1F;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                need = 2; cp = b0 & 0x0F;
                min2 = b0 == 0xE0 ? 0xA0 : 0x80;
                max2 = b0 == 0xED ? 0x9F : 0xBF;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                need = 3; cp = b0 & 0x07;
                min2 = b0 == 0xF0 ? 0x90 : 0x80;
                max2 = b0 == 0xF4 ? 0x8F : 0xBF;
            } else {
                throw JsonParser.errorAt(out, n, i, "invalid UTF-8 byte " + hex(b0));
            }
            for (int k = 1; k <= need; k++) {
                if (i + k >= len) {
                    throw JsonParser.errorAt(out, n, i, "invalid UTF-8: the sequence starting with byte "
                            + hex(b0) + " is cut off by the end of input");
                }
                int b = in[i + k] & 0xFF;
                int lo = k == 1 ? min2 : 0x80;
                int hi = k == 1 ? max2 : 0xBF;
                if (b < lo || b > hi) {
                    throw JsonParser.errorAt(out, n, i, "invalid UTF-8 sequence starting with byte " + hex(b0));
                }
                cp = (cp << 6) | (b & 0x3F);
            }
            i += need + 1;
            if (cp < 0x10000) {
                out[n++] = (char) cp;
            } else {
                out[n++] = Character.highSurrogate(cp);
                out[n++] = Character.lowSurrogate(cp);
            }
        }
        return new Decoded(out, n);
    }

    private static String hex(int b) {
        String h = Integer.toHexString(b).toUpperCase(java.util.Locale.ROOT);
        return h.length() == 1 ? "0x0" + h : "0x" + h;
    }
}

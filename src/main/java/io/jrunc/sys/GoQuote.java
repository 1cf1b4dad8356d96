package io.jrunc.sys;

/**
 * Go's {@code strconv.Quote} (what {@code %q} prints), because runc quotes user input that way in
 * its messages: {@code unknown signal "FOO"}, {@code exec: "sh": executable file not found}.
 */
public final class GoQuote {
    private GoQuote() {}

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** {@code s} in double quotes with Go's escapes; printable Unicode stays as it is. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0b -> out.append("\\v");
                default -> {
                    if (isPrint(cp)) {
                        out.appendCodePoint(cp);
                    } else if (cp < ' ' || cp == 0x7f) {
                        out.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xf]);
                    } else if (Character.isSurrogate((char) cp)) {
                        out.append("\\ufffd"); // a lone surrogate is invalid UTF-8 to Go
                    } else if (cp < 0x10000) {
                        out.append("\\u").append(hex(cp, 4));
                    } else {
                        out.append("\\U").append(hex(cp, 8));
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String hex(int v, int digits) {
        char[] c = new char[digits];
        for (int i = digits - 1; i >= 0; i--, v >>>= 4) {
            c[i] = HEX[v & 0xf];
        }
        return new String(c);
    }

    /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}

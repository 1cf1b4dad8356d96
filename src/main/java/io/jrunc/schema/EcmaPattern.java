package io.jrunc.schema;

import io.jrunc.JruncException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * JSON-Schema patterns are ECMA-262 regular expressions; this turns one into a java.util.regex
 * Pattern with the same meaning for the constructs schemas use. The differences that matter:
 * ECMA's {@code $} matches only at the very end (Java's also before a final newline), {@code [^]}
 * means "any character", and inside a class ECMA takes {@code [} and {@code &&} literally where
 * Java would nest or intersect classes.
 */
final class EcmaPattern {
    private EcmaPattern() {}

    static Pattern compile(String ecma) {
        try {
            return Pattern.compile(toJava(ecma));
        } catch (PatternSyntaxException e) {
            throw new JruncException("invalid schema pattern " + ecma + ": " + e.getDescription());
        }
    }

    static String toJava(String ecma) {
        StringBuilder out = new StringBuilder(ecma.length() + 8);
        boolean inClass = false;
        for (int i = 0; i < ecma.length(); i++) {
            char c = ecma.charAt(i);
            if (c == '\\') {
                out.append(c);
                if (i + 1 < ecma.length()) out.append(ecma.charAt(++i));
            } else if (inClass) {
                if (c == ']') inClass = false;
                if (c == '[' || c == '&') out.append('\\');
                out.append(c);
            } else if (c == '[') {
                if (ecma.startsWith("[^]", i)) {
                    out.append("[\\s\\S]");
                    i += 2;
                } else if (ecma.startsWith("[]", i)) {
                    out.append("(?!)");
                    i += 1;
                } else {
                    inClass = true;
                    out.append(c);
                    if (i + 1 < ecma.length() && ecma.charAt(i + 1) == '^') out.append(ecma.charAt(++i));
                }
            } else if (c == '$') {
                out.append("\\z");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

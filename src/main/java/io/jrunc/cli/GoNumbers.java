package io.jrunc.cli;

import java.math.BigInteger;

/**
 * Go's {@code strconv.ParseInt(s, 0, 64)} and {@code strconv.ParseBool}, which runc's flags use,
 * so that "0x10", "0o17", "017", "1_000" and "t"/"F" mean what they mean to runc.
 */
final class GoNumbers {
    private GoNumbers() {}

    /** Why a number did not parse, in strconv's words. */
    enum Failure {
        SYNTAX("invalid syntax"),
        RANGE("value out of range");

        final String text;

        Failure(String text) {
            this.text = text;
        }
    }

    static final class NumberFormatFailure extends Exception {
        final Failure failure;

        NumberFormatFailure(Failure failure) {
            super(failure.text, null, false, false);
            this.failure = failure;
        }
    }

    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** strconv.ParseInt(s, 0, 64). */
    static long parseInt(String s) throws NumberFormatFailure {
        if (s.isEmpty()) {
            throw new NumberFormatFailure(Failure.SYNTAX);
        }
        boolean negative = false;
        String body = s;
        if (body.charAt(0) == '+' || body.charAt(0) == '-') {
            negative = body.charAt(0) == '-';
            body = body.substring(1);
        }
        int base = 10;
        String digits = body;
        if (body.length() >= 1 && body.charAt(0) == '0') {
            char p = body.length() >= 3 ? Character.toLowerCase(body.charAt(1)) : 0;
            switch (p) {
                case 'b' -> { base = 2; digits = body.substring(2); }
                case 'o' -> { base = 8; digits = body.substring(2); }
                case 'x' -> { base = 16; digits = body.substring(2); }
                default -> { base = 8; digits = body.substring(1); }
            }
            if (body.length() == 1) {
                return 0;
            }
        }
        boolean underscores = false;
        StringBuilder clean = new StringBuilder(digits.length());
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c == '_') {
                underscores = true;
                continue;
            }
            if (Character.digit(c, base) < 0 || c > 'z') {
                throw new NumberFormatFailure(Failure.SYNTAX);
            }
            clean.append(c);
        }
        if (digits.isEmpty()) {
            throw new NumberFormatFailure(Failure.SYNTAX);
        }
        if (underscores && !underscoreOk(s)) {
            throw new NumberFormatFailure(Failure.SYNTAX);
        }
        BigInteger v = clean.isEmpty() ? BigInteger.ZERO : new BigInteger(clean.toString(), base);
        if (negative) {
            v = v.negate();
        }
        if (v.compareTo(MIN) < 0 || v.compareTo(MAX) > 0) {
            throw new NumberFormatFailure(Failure.RANGE);
        }
        return v.longValue();
    }

    /** Go's rule: an underscore only between digits, or between a base prefix and a digit. */
    private static boolean underscoreOk(String s) {
        char saw = '^';
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            s = s.substring(1);
        }
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            char p = Character.toLowerCase(s.charAt(1));
            if (p == 'b' || p == 'o' || p == 'x') {
                i = 2;
                saw = '0';
                hex = p == 'x';
            }
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            char lower = Character.toLowerCase(c);
            if (('0' <= c && c <= '9') || (hex && 'a' <= lower && lower <= 'f')) {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }

    /** strconv.ParseBool: 1 t T TRUE true True 0 f F FALSE false False. */
    static boolean parseBool(String s) throws NumberFormatFailure {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new NumberFormatFailure(Failure.SYNTAX);
        };
    }
}

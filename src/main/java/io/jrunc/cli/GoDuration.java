package io.jrunc.cli;

import java.math.BigDecimal;
import java.time.Duration;

/** Go's {@code time.ParseDuration}: "300ms", "-1.5h", "2h45m"; units ns, us (µs, μs), ms, s, m, h. */
final class GoDuration {
    private GoDuration() {}

    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal MIN_NANOS = BigDecimal.valueOf(Long.MIN_VALUE);

    /** The duration, or null when {@code s} is not one. */
    static Duration parse(String s) {
        String rest = s;
        boolean negative = false;
        if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
            negative = rest.charAt(0) == '-';
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        if (rest.isEmpty()) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < rest.length()) {
            int start = i;
            while (i < rest.length() && isDigit(rest.charAt(i))) {
                i++;
            }
            boolean intDigits = i > start;
            boolean fracDigits = false;
            if (i < rest.length() && rest.charAt(i) == '.') {
                i++;
                int f = i;
                while (i < rest.length() && isDigit(rest.charAt(i))) {
                    i++;
                }
                fracDigits = i > f;
            }
            if (!intDigits && !fracDigits) {
                return null;
            }
            String number = rest.substring(start, i);
            int unitStart = i;
            while (i < rest.length() && rest.charAt(i) != '.' && !isDigit(rest.charAt(i))) {
                i++;
            }
            if (i == unitStart) {
                return null; // missing unit
            }
            long unitNanos = unitNanos(rest.substring(unitStart, i));
            if (unitNanos == 0) {
                return null;
            }
            String plain = number.startsWith(".") ? "0" + number : number;
            if (plain.endsWith(".")) {
                plain = plain.substring(0, plain.length() - 1);
            }
            total = total.add(new BigDecimal(plain).multiply(BigDecimal.valueOf(unitNanos)));
        }
        if (negative) {
            total = total.negate();
        }
        BigDecimal whole = total.setScale(0, java.math.RoundingMode.DOWN);
        if (whole.compareTo(MAX_NANOS) > 0 || whole.compareTo(MIN_NANOS) < 0) {
            return null;
        }
        return Duration.ofNanos(whole.longValueExact());
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 0L;
        };
    }
}

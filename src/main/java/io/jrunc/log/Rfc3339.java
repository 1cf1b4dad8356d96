package io.jrunc.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Go's {@code time.RFC3339} layout in UTC ("2026-11-28T02:45:11Z"), the timestamp logrus puts in
 * every line. jrunc always writes UTC: looking up the local zone would mean reading
 * /etc/localtime on every error, and "Z" is what runc prints in the usual TZ-less container hosts.
 */
final class Rfc3339 {
    private Rfc3339() {}

    static String format(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(20);
        pad(b, d.getYear(), 4).append('-');
        pad(b, d.getMonthValue(), 2).append('-');
        pad(b, d.getDayOfMonth(), 2).append('T');
        pad(b, d.getHour(), 2).append(':');
        pad(b, d.getMinute(), 2).append(':');
        pad(b, d.getSecond(), 2).append('Z');
        return b.toString();
    }

    private static StringBuilder pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}

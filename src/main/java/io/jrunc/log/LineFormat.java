package io.jrunc.log;

import io.jrunc.json.Json;
import io.jrunc.sys.GoQuote;
import java.time.Instant;

/**
 * The three line shapes logrus produces for runc, byte for byte (without caller fields, which
 * only name Go source files):
 * <ul>
 *   <li>text, not a terminal: {@code time="2026-11-28T02:45:11Z" level=error msg="container \"x\" does not exist"}</li>
 *   <li>text on a terminal: {@code ESC[31mERRO ESC[0m[0000] message padded to 44 }</li>
 *   <li>json: {@code {"level":"error","msg":"...","time":"2026-11-28T02:45:11Z"}}</li>
 * </ul>
 * Each ends with a newline.
 */
final class LineFormat {
    private LineFormat() {}

    static String text(Level level, String message, Instant time) {
        StringBuilder b = new StringBuilder(64 + message.length());
        b.append("time=").append(value(Rfc3339.format(time)));
        b.append(" level=").append(value(level.text()));
        if (!message.isEmpty()) {
            b.append(" msg=").append(value(message));
        }
        return b.append('\n').toString();
    }

    static String colored(Level level, String message, long secondsSinceStart) {
        String msg = message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
        StringBuilder b = new StringBuilder(64 + msg.length());
        b.append("\u001b[").append(level.color()).append('m').append(level.tag()).append("\u001b[0m[");
        String secs = Long.toString(secondsSinceStart);
        for (int i = secs.length(); i < 4; i++) {
            b.append('0');
        }
        b.append(secs).append("] ").append(msg);
        for (int n = msg.codePointCount(0, msg.length()); n < 44; n++) {
            b.append(' ');
        }
        return b.append(" \n").toString();
    }

    /** Keys sorted as Go's encoding/json sorts map keys; HTML characters escaped as logrus does. */
    static String json(Level level, String message, Instant time) {
        return "{\"level\":" + Json.quote(level.text())
                + ",\"msg\":" + Json.quote(message)
                + ",\"time\":" + Json.quote(Rfc3339.format(time)) + "}\n";
    }

    /** logrus quotes a value unless every character is a letter, digit or one of - . _ / @ ^ +. */
    private static String value(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '/' || c == '@' || c == '^' || c == '+';
            if (!plain) {
                return GoQuote.quote(s);
            }
        }
        return s;
    }
}

package io.jrunc.log;

import io.jrunc.JruncException;

/** The {@code --log-format} values runc accepts. */
public enum LogFormat {
    TEXT,
    JSON;

    /** "text" (or empty) and "json"; anything else fails with runc's message. */
    public static LogFormat parse(String value) {
        return switch (value) {
            case "", "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new JruncException("invalid log-format: " + value);
        };
    }
}

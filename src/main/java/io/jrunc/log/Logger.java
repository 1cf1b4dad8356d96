package io.jrunc.log;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * jrunc's logrus: leveled lines in runc's text or JSON shape to stderr or the {@code --log} file.
 * Debug lines appear only with {@code --debug}. Each line is one write.
 */
public final class Logger {
    private final LogSink sink;
    private final LogFormat format;
    private final boolean debug;
    private final InstantSource clock;
    private final Instant started;

    public Logger(LogSink sink, LogFormat format, boolean debug, InstantSource clock, Instant started) {
        this.sink = sink;
        this.format = format;
        this.debug = debug;
        this.clock = clock;
        this.started = started;
    }

    /** The same clock and start time, another destination/format/level. */
    public Logger reconfigure(LogSink newSink, LogFormat newFormat, boolean newDebug) {
        return new Logger(newSink, newFormat, newDebug, clock, started);
    }

    public boolean isDebugEnabled() {
        return debug;
    }

    /** Whether lines go to stderr; if not, runc also prints errors there as plain text. */
    public boolean writesToStderr() {
        return sink.isStderr();
    }

    public LogFormat format() {
        return format;
    }

    /** Where the lines go (a {@link FileSink} holds the --log file's descriptor). */
    public LogSink sink() {
        return sink;
    }

    public void debug(String message) {
        if (debug) {
            log(Level.DEBUG, message);
        }
    }

    public void info(String message) {
        log(Level.INFO, message);
    }

    public void warn(String message) {
        log(Level.WARNING, message);
    }

    public void error(String message) {
        log(Level.ERROR, message);
    }

    public void log(Level level, String message) {
        Instant now = clock.instant();
        String line = switch (format) {
            case JSON -> LineFormat.json(level, message, now);
            case TEXT -> sink.isTerminal()
                    ? LineFormat.colored(level, message, Duration.between(started, now).toSeconds())
                    : LineFormat.text(level, message, now);
        };
        sink.write(line.getBytes(StandardCharsets.UTF_8));
    }
}

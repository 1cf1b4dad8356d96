package io.jrunc.log;

/** logrus levels as runc uses them: the name in text/JSON lines, the 4-letter tag and ANSI colour on a terminal. */
public enum Level {
    DEBUG("debug", "DEBU", 37),
    INFO("info", "INFO", 36),
    WARNING("warning", "WARN", 33),
    ERROR("error", "ERRO", 31);

    private final String text;
    private final String tag;
    private final int color;

    Level(String text, String tag, int color) {
        this.text = text;
        this.tag = tag;
        this.color = color;
    }

    /** "debug", "info", "warning", "error": logrus' {@code Level.String()}. */
    public String text() {
        return text;
    }

    String tag() {
        return tag;
    }

    int color() {
        return color;
    }
}

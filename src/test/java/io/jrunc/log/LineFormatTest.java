package io.jrunc.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LineFormatTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    void textLinesQuoteOnlyWhatLogrusQuotes() {
        assertEquals("time=\"2026-01-02T03:04:05Z\" level=error msg=plain-word_1.2/x@y^z+\n",
                LineFormat.text(Level.ERROR, "plain-word_1.2/x@y^z+", T));
        assertEquals("time=\"2026-01-02T03:04:05Z\" level=warning msg=\"two words\"\n",
                LineFormat.text(Level.WARNING, "two words", T));
        assertEquals("time=\"2026-01-02T03:04:05Z\" level=info msg=\"tab\\there \\\"q\\\" \\\\ \\x01 \u00e9\"\n",
                LineFormat.text(Level.INFO, "tab\there \"q\" \\ \u0001 \u00e9", T));
    }

    @Test
    void anEmptyMessageLeavesOutTheMsgKey() {
        assertEquals("time=\"2026-01-02T03:04:05Z\" level=debug\n", LineFormat.text(Level.DEBUG, "", T));
    }

    @Test
    void jsonLinesHaveSortedKeysAndGoEscapes() {
        assertEquals("{\"level\":\"error\",\"msg\":\"a\\u003cb\\u003e \\u0026 \\\"c\\\"\\n\",\"time\":\"2026-01-02T03:04:05Z\"}\n",
                LineFormat.json(Level.ERROR, "a<b> & \"c\"\n", T));
    }

    @Test
    void colouredLinesPadTheMessageTo44Characters() {
        assertEquals("\u001b[33mWARN\u001b[0m[0012] careful" + " ".repeat(37) + " \n",
                LineFormat.colored(Level.WARNING, "careful\n", 12));
        String longMessage = "x".repeat(50);
        assertEquals("\u001b[37mDEBU\u001b[0m[0000] " + longMessage + " \n", LineFormat.colored(Level.DEBUG, longMessage, 0));
    }

    @Test
    void timestampsAreRfc3339InUtcWithoutFraction() {
        assertEquals("1999-12-31T23:59:59Z", Rfc3339.format(Instant.parse("1999-12-31T23:59:59.999Z")));
        assertEquals("0042-03-04T05:06:07Z", Rfc3339.format(Instant.parse("0042-03-04T05:06:07Z")));
    }

    @Test
    void logFormatValuesAreRuncs() {
        assertEquals(LogFormat.TEXT, LogFormat.parse("text"));
        assertEquals(LogFormat.TEXT, LogFormat.parse(""));
        assertEquals(LogFormat.JSON, LogFormat.parse("json"));
        assertEquals("invalid log-format: JSON",
                org.junit.jupiter.api.Assertions.assertThrows(io.jrunc.JruncException.class,
                        () -> LogFormat.parse("JSON")).getMessage());
    }
}

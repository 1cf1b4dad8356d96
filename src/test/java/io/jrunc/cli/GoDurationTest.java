package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void acceptsWhatTimeParseDurationAccepts() {
        assertEquals(Duration.ZERO, GoDuration.parse("0"));
        assertEquals(Duration.ofSeconds(5), GoDuration.parse("5s"));
        assertEquals(Duration.ofMinutes(165), GoDuration.parse("2h45m"));
        assertEquals(Duration.ofMillis(-1500), GoDuration.parse("-1.5s"));
        assertEquals(Duration.ofNanos(1500), GoDuration.parse("1.5us"));
        assertEquals(Duration.ofNanos(2000), GoDuration.parse("2\u00b5s"));
        assertEquals(Duration.ofMillis(500), GoDuration.parse(".5s"));
    }

    @Test
    void refusesWhatTimeParseDurationRefuses() {
        assertNull(GoDuration.parse(""));
        assertNull(GoDuration.parse("5"));
        assertNull(GoDuration.parse("s"));
        assertNull(GoDuration.parse("1x"));
        assertNull(GoDuration.parse(".s"));
        assertNull(GoDuration.parse("3000000h"));
    }
}

package io.jrunc.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jrunc.sys.Syscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log file on the real kernel: created 0644, appended to, one line per record. */
class LogFileTest {

    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-11-28T02:45:11Z");

    @Test
    void linesAreAppendedToAnExistingFile() throws Exception {
        Path file = dir.resolve("jrunc.log");
        Files.writeString(file, "earlier line\n");
        Logger log = new Logger(FileSink.open(Syscalls.linux(), file.toString()), LogFormat.JSON, true,
                InstantSource.fixed(T), T);
        log.error("first");
        log.debug("second");
        assertFalse(log.writesToStderr());
        assertEquals(List.of(
                "earlier line",
                "{\"level\":\"error\",\"msg\":\"first\",\"time\":\"2026-11-28T02:45:11Z\"}",
                "{\"level\":\"debug\",\"msg\":\"second\",\"time\":\"2026-11-28T02:45:11Z\"}"),
                Files.readAllLines(file));
    }

    @Test
    void aNewFileGetsMode0644LessTheUmask() throws Exception {
        Path file = dir.resolve("new.log");
        new Logger(FileSink.open(Syscalls.linux(), file.toString()), LogFormat.TEXT, false,
                InstantSource.fixed(T), T).info("hello");
        assertEquals("time=\"2026-11-28T02:45:11Z\" level=info msg=hello\n", Files.readString(file));
        int mode = (Integer) Files.getAttribute(file, "unix:mode") & 0777;
        assertEquals(0, mode & ~0644, "no bits beyond 0644");
    }
}

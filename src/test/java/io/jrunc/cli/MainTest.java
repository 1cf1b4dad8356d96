package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.Main;
import io.jrunc.sys.Syscalls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point on the real kernel, as an engine sees it. */
class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Syscalls.linux());
    }

    @Test
    void versionNeedsNoKernelWork() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("jrunc version 0.1.0\ncommit: "));
    }

    @Test
    void aFailingCallAppendsOneJsonRecordToTheLogFile() throws Exception {
        Path log = dir.resolve("log.json");
        assertEquals(1, run("--root", dir.toString(), "--log", log.toString(), "--log-format", "json", "start"));
        assertEquals(1, run("--root", dir.toString(), "--log", log.toString(), "--log-format", "json", "kill"));
        List<String> lines = Files.readAllLines(log);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("\\{\"level\":\"error\",\"msg\":\"jrunc: \\\\\"start\\\\\" requires exactly 1 "
                + "argument\\(s\\)\",\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"}"), lines.get(0));
        assertTrue(lines.get(1).contains("\"msg\":\"jrunc: \\\"kill\\\" requires a minimum of 1 argument(s)\""));
        assertEquals("jrunc: \"start\" requires exactly 1 argument(s)\n"
                + "jrunc: \"kill\" requires a minimum of 1 argument(s)\n", err.toString(StandardCharsets.UTF_8));
    }
}

package io.jrunc.cli;

import io.jrunc.sys.Errno;
import io.jrunc.sys.RecordingSyscalls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;

/** Runs jrunc calls in-process against the recording kernel fake, with a fixed clock, capturing stdout and stderr. */
public final class CliHarness {
    public static final Instant NOW = Instant.parse("2026-11-28T02:45:11Z");

    /** What one call printed and returned. */
    public record Outcome(int status, String out, String err) {}

    private final RecordingSyscalls sys;
    private final List<Command> commands;

    /** A fake kernel whose stderr is not a terminal (as under an engine) and the given commands. */
    public CliHarness(List<Command> commands) {
        this(commands, new RecordingSyscalls().failWhen("tcgetattr", Errno.ENOTTY));
    }

    public CliHarness(List<Command> commands, RecordingSyscalls sys) {
        this.commands = commands;
        this.sys = sys;
    }

    public RecordingSyscalls sys() {
        return sys;
    }

    public Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = new CommandLine(commands, o, e, sys, InstantSource.fixed(NOW)).execute(Arrays.asList(args));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

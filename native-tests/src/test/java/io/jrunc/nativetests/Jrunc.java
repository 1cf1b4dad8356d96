package io.jrunc.nativetests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs the native jrunc binary the way an engine does and captures what it prints. */
public final class Jrunc {
    /** What one invocation produced. */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result assertSuccess() {
            if (exitCode != 0) fail("jrunc exited " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr);
            return this;
        }

        public Result assertExit(int expected) {
            if (exitCode != expected) {
                fail("expected exit " + expected + " but was " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr);
            }
            return this;
        }

        /** stderr's non-empty lines. */
        public List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    private Jrunc() {}

    public static Path binary() {
        Path p = Path.of(System.getProperty("jrunc.binary", "../target/jrunc")).toAbsolutePath().normalize();
        assumeTrue(Files.isExecutable(p), "native binary not built at " + p + " (run scripts/build-native.sh)");
        return p;
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static volatile Boolean isJrunc;

    /**
     * True when the binary under test is jrunc itself (its {@code --version} starts with "jrunc "), false when the
     * suite is being validated against another runtime such as Debian's runc. Tests of jrunc-only promises skip
     * on false.
     */
    public static boolean isJrunc() {
        Boolean b = isJrunc;
        if (b == null) {
            Result r = run("--version");
            b = r.exitCode() == 0 && r.stdout().startsWith("jrunc ");
            isJrunc = b;
        }
        return b;
    }

    /** Skips the calling test unless the binary is jrunc. */
    public static void assumeJrunc(String why) {
        assumeTrue(isJrunc(), "jrunc-specific (" + why + "); the binary under test is " + binary());
    }

    /** Skips the calling test unless it runs as root (containers need it). */
    public static void assumeRoot() {
        assumeTrue(isRoot(), "needs root: creates namespaces, mounts and cgroups");
    }

    /** Starts the binary without waiting; stdout and stderr go to the given files, stdin is /dev/null. */
    public static Process start(Path stdout, Path stderr, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary().toString());
        cmd.addAll(List.of(args));
        try {
            return new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new AssertionError("could not start " + cmd, e);
        }
    }

    public static Result run(String... args) {
        return runWithInput(null, args);
    }

    public static Result runWithInput(String stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary().toString());
        cmd.addAll(List.of(args));
        return exec(cmd, stdin);
    }

    /** Runs any command (e.g. the host's tools to compare with); fails the test after 60 s. */
    public static Result exec(List<String> cmd, String stdin) {
        return exec(cmd, stdin, null);
    }

    /** Like {@link #exec(List, String)} with the given working directory (null: this JVM's). */
    public static Result exec(List<String> cmd, String stdin, Path workDir) {
        try {
            Path out = Files.createTempFile("jrunc-out", ".txt");
            Path err = Files.createTempFile("jrunc-err", ".txt");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
                if (workDir != null) pb.directory(workDir.toFile());
                if (stdin == null) pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                Process p = pb.start();
                if (stdin != null) {
                    try (var in = p.getOutputStream()) { in.write(stdin.getBytes(StandardCharsets.UTF_8)); }
                }
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("timed out after 60 s: " + cmd);
                }
                return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

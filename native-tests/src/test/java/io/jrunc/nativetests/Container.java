package io.jrunc.nativetests;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One container id under one {@code --root}, driven through the binary's CLI. Closing it runs
 * {@code delete --force} (whatever state it is in; a container that does not exist is fine), so
 * {@code try (Container c = ...)} never leaves a container behind, also when the test fails.
 */
public final class Container implements AutoCloseable {
    private final Path root;
    private final Bundle bundle;
    private final String id;

    public Container(Path root, Bundle bundle, String id) {
        this.root = root;
        this.bundle = bundle;
        this.id = id;
    }

    /** A fresh id: {@code prefix-} and 8 random hex digits (unique, so cgroups and state dirs are ours). */
    public static String newId(String prefix) {
        byte[] b = new byte[4];
        ThreadLocalRandom.current().nextBytes(b);
        return prefix + "-" + HexFormat.of().formatHex(b);
    }

    public String id() { return id; }

    public Path root() { return root; }

    public Bundle bundle() { return bundle; }

    /** Where runc/jrunc keep this container's state: {@code <root>/<id>}. */
    public Path stateDir() { return root.resolve(id); }

    /** Runs {@code <binary> --root ROOT args...}. */
    public Jrunc.Result cmd(String... args) {
        List<String> a = new ArrayList<>(List.of("--root", root.toString()));
        a.addAll(List.of(args));
        return Jrunc.run(a.toArray(String[]::new));
    }

    /** Writes the bundle's config.json, then {@code create [flags] --bundle DIR ID}. */
    public Jrunc.Result create(String... flags) {
        bundle.write();
        return cmd(concat("create", flags, "--bundle", bundle.dir().toString(), id));
    }

    /** {@code create} of an already written config.json (for broken bundles). */
    public Jrunc.Result createAsIs(String... flags) {
        return cmd(concat("create", flags, "--bundle", bundle.dir().toString(), id));
    }

    public Jrunc.Result start() {
        return cmd("start", id);
    }

    /** Writes config.json, then runs the container in the foreground: {@code run [flags] --bundle DIR ID}. */
    public Jrunc.Result run(String... flags) {
        bundle.write();
        return cmd(concat("run", flags, "--bundle", bundle.dir().toString(), id));
    }

    /** Starts {@code run} in the foreground without waiting for it; its stdout/stderr go to the given files. */
    public Process runAsync(Path stdout, Path stderr, String... flags) {
        bundle.write();
        List<String> a = new ArrayList<>(List.of("--root", root.toString()));
        a.addAll(List.of(concat("run", flags, "--bundle", bundle.dir().toString(), id)));
        return Jrunc.start(stdout, stderr, a.toArray(String[]::new));
    }

    public Jrunc.Result state() {
        return cmd("state", id);
    }

    /** {@code state}'s JSON; fails the test when state fails or prints something else. */
    public Map<String, Object> stateJson() {
        Jrunc.Result r = state().assertSuccess();
        try {
            return Json.parseObject(r.stdout());
        } catch (IllegalArgumentException e) {
            throw new AssertionError("state printed no JSON object: " + r, e);
        }
    }

    public String status() {
        return (String) stateJson().get("status");
    }

    public long pid() {
        return ((Number) stateJson().get("pid")).longValue();
    }

    public Jrunc.Result kill(String signal) {
        return cmd("kill", id, signal);
    }

    public Jrunc.Result delete() {
        return cmd("delete", id);
    }

    /** Polls {@code state} until its status is {@code status}; fails with the last state after {@code timeout}. */
    public Map<String, Object> awaitStatus(String status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Jrunc.Result last;
        while (true) {
            last = state();
            if (last.exitCode() == 0) {
                Map<String, Object> s = Json.parseObject(last.stdout());
                if (status.equals(s.get("status"))) return s;
            }
            if (System.nanoTime() > deadline) break;
            Polling.pause();
        }
        return fail("container " + id + " did not reach status " + status + " within " + timeout + "; last state: " + last);
    }

    /** delete --force; quiet when the container is already gone. */
    @Override
    public void close() {
        if (Files.exists(stateDir(), LinkOption.NOFOLLOW_LINKS) || state().exitCode() == 0) {
            Jrunc.Result r = cmd("delete", "--force", id);
            if (r.exitCode() != 0 && Files.exists(stateDir(), LinkOption.NOFOLLOW_LINKS)) {
                System.err.println("cleanup: delete --force " + id + " failed: " + r);
            }
        }
    }

    private static String[] concat(String command, String[] flags, String... rest) {
        List<String> a = new ArrayList<>();
        a.add(command);
        a.addAll(List.of(flags));
        a.addAll(List.of(rest));
        return a.toArray(String[]::new);
    }
}

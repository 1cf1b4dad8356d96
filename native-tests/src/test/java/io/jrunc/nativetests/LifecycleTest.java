package io.jrunc.nativetests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** run's output and exit codes; create/start/state/kill/delete/list as an engine drives them. */
@Tag("root")
@DisplayName("Lifecycle: run, create, start, state, kill, delete, list")
class LifecycleTest extends NativeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /**
     * What runc prints for a container that does not exist ("container does not exist"); a runtime that names
     * the id ("container \"x\" does not exist") is accepted too.
     */
    static void assertDoesNotExist(Jrunc.Result r, String id) {
        assertEquals(1, r.exitCode(), "exit code for a missing container: " + r);
        Pattern p = Pattern.compile("container( \"?" + Pattern.quote(id) + "\"?)? does not exist");
        assertTrue(p.matcher(r.stderr()).find(), "stderr should say the container does not exist: " + r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    @DisplayName("run: the container's stdout and stderr reach the caller, exit 0, and the container is gone after")
    void runPrintsOutput() {
        Container c = container(bundle().sh("echo hello; echo oops >&2"));
        Jrunc.Result r = c.run();
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("hello\n", r.stdout());
        assertTrue(r.stderr().contains("oops"), r.stderr());
        assertFalse(Files.exists(c.stateDir()), "run leaves no state dir once the container exited");
        assertDoesNotExist(c.state(), c.id());
    }

    @Test
    @DisplayName("run: exits with the container's exit code (sh -c 'exit 42' -> 42)")
    void runExitCode42() {
        Container c = container(bundle().sh("exit 42"));
        c.run().assertExit(42);
    }

    @Test
    @DisplayName("run: a container killed by SIGKILL makes run exit 128+9 (sh -c 'kill -9 $$', host pid namespace)")
    void runKilledBySignalFromInside() {
        // pid 1 of a new pid namespace cannot be sent SIGKILL from inside it, so this container shares the
        // host's pid namespace: then 'kill -9 $$' really kills the container's process.
        Container c = container(bundle().sh("kill -9 $$; exit 3").withoutNamespace("pid"));
        c.run().assertExit(128 + 9);
    }

    @Test
    @DisplayName("run: killing the container with 'kill ID KILL' makes the foreground run exit 137")
    void runKilledFromOutside() throws Exception {
        Container c = container(bundle("sleep", "60"));
        Process run = c.runAsync(tmp.resolve("run.out"), tmp.resolve("run.err"));
        try {
            Polling.await("state running", TIMEOUT,
                    () -> !run.isAlive() || (c.state().exitCode() == 0 && "running".equals(c.status())));
            assertTrue(run.isAlive(), "run exited early: " + Files.readString(tmp.resolve("run.err")));
            c.kill("KILL").assertSuccess();
            assertTrue(run.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "run did not return");
            assertEquals(137, run.exitValue());
            assertFalse(Files.exists(c.stateDir()), "run deletes its container when it exits");
        } finally {
            run.destroyForcibly();
            run.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "kill with signal \"{0}\"")
    @ValueSource(strings = {"SIGKILL", "KILL", "9"})
    @DisplayName("create -> created -> start -> running -> kill -> stopped -> delete -> gone")
    void fullLifecycle(String signal) {
        Bundle b = bundle("sleep", "60");
        try (Container c = container(b)) {
            Jrunc.Result created = c.create();
            created.assertSuccess();
            assertEquals("", created.stdout());

            Map<String, Object> s = c.stateJson();
            assertEquals(c.id(), s.get("id"));
            assertEquals("created", s.get("status"));
            long pid = ((Number) s.get("pid")).longValue();
            assertTrue(pid > 0, "pid of a created container: " + s);
            assertTrue(Files.isDirectory(Path.of("/proc/" + pid)), "the created container's process " + pid + " exists");
            assertEquals(b.dir().toString(), s.get("bundle"));
            assertEquals(b.rootfs().toString(), s.get("rootfs"));
            assertTrue(s.get("ociVersion") instanceof String, "state has ociVersion: " + s);
            assertTrue(s.get("created") instanceof String, "state has created: " + s);

            c.start().assertSuccess();
            Map<String, Object> running = c.stateJson();
            assertEquals("running", running.get("status"));
            assertEquals(pid, ((Number) running.get("pid")).longValue(), "start keeps the same process");

            c.kill(signal).assertSuccess();
            c.awaitStatus("stopped", TIMEOUT);

            c.delete().assertSuccess();
            assertFalse(Files.exists(c.stateDir()), "delete removes " + c.stateDir());
            assertEquals(List.of(), Leaks.cgroupsNamed(c.id()), "delete removes the container's cgroups");
            assertDoesNotExist(c.state(), c.id());
        }
    }

    @Test
    @DisplayName("start, kill, delete and state of a container that does not exist exit 1 with 'does not exist'")
    void missingContainer() {
        String id = Container.newId("missing");
        Container c = new Container(root, null, id);
        assertDoesNotExist(c.state(), id);
        assertDoesNotExist(c.start(), id);
        assertDoesNotExist(c.kill("KILL"), id);
        assertDoesNotExist(c.delete(), id);
    }

    @Test
    @DisplayName("create --pid-file writes the container's pid (as state reports it) with no trailing newline")
    void pidFile() throws Exception {
        Path pidFile = tmp.resolve("container.pid");
        try (Container c = container(bundle("sleep", "60"))) {
            c.create("--pid-file", pidFile.toString()).assertSuccess();
            String text = Files.readString(pidFile);
            assertEquals(String.valueOf(c.pid()), text);
            assertFalse(text.endsWith("\n"), "no trailing newline");
        }
    }

    @Test
    @DisplayName("delete of a running container fails without --force and succeeds with it")
    void deleteRunningNeedsForce() {
        try (Container c = container(bundle("sleep", "60"))) {
            c.create().assertSuccess();
            c.start().assertSuccess();
            long pid = c.pid();
            Jrunc.Result refused = c.delete();
            assertEquals(1, refused.exitCode(), "delete of a running container: " + refused);
            assertEquals("running", c.status(), "a refused delete leaves the container alone");
            c.cmd("delete", "--force", c.id()).assertSuccess();
            assertFalse(Files.exists(c.stateDir()));
            Polling.await("process " + pid + " to be gone", TIMEOUT,
                    () -> !Files.exists(Path.of("/proc/" + pid)) || isZombie(pid));
        }
    }

    @Test
    @DisplayName("list shows the container (table, -q and --format json)")
    @SuppressWarnings("unchecked")
    void list() {
        Bundle b = bundle("sleep", "60");
        try (Container c = container(b)) {
            c.create().assertSuccess();
            long pid = c.pid();
            assertEquals(c.id() + "\n", c.cmd("list", "-q").assertSuccess().stdout());
            List<String> table = c.cmd("list").assertSuccess().stdout().lines().toList();
            assertTrue(table.get(0).matches("ID\\s+PID\\s+STATUS\\s+BUNDLE\\s+CREATED\\s+OWNER"), table.get(0));
            assertTrue(table.get(1).matches(Pattern.quote(c.id()) + "\\s+" + pid + "\\s+created\\s+"
                    + Pattern.quote(b.dir().toString()) + "\\s+\\S+\\s+root"), table.get(1));
            List<Object> json = (List<Object>) Json.parse(c.cmd("list", "--format", "json").assertSuccess().stdout());
            assertEquals(1, json.size());
            Map<String, Object> e = (Map<String, Object>) json.get(0);
            assertEquals(c.id(), e.get("id"));
            assertEquals("created", e.get("status"));
            assertEquals(pid, ((Number) e.get("pid")).longValue());
            assertEquals(b.dir().toString(), e.get("bundle"));
        }
    }

    private static boolean isZombie(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst("^.*\\) ", "").startsWith("Z");
        } catch (Exception e) {
            return true;
        }
    }
}

package io.jrunc.nativetests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OCI hooks. Per runtime-spec config.md, prestart/createRuntime/poststart/poststop run in the runtime namespace,
 * createContainer's path resolves in the runtime namespace but it runs in the container's namespaces, and
 * startContainer's path resolves in the container (so its script lives in the rootfs). Each hook appends
 * "PHASE MNT-NS STATE-JSON" to one log file: the host path for host-resolved hooks, a bind mount of the same dir
 * for startContainer.
 */
@Tag("root")
@DisplayName("Hooks: order, state on stdin, namespaces, failure")
class HookTest extends NativeTest {
    private static final String HOOK = """
            #!/bin/sh
            # $1 = phase, $2 = log file; stdin = the container's state
            echo "$1 $(readlink /proc/self/ns/mnt) $(cat)" >> "$2"
            """;
    private static final List<String> PHASES =
            List.of("prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop");

    private record Entry(String phase, String mntNs, Map<String, Object> state) {}

    private Path hostHook() throws IOException {
        Path h = tmp.resolve("hook.sh");
        if (!Files.exists(h)) {
            Files.writeString(h, HOOK);
            Files.setPosixFilePermissions(h, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return h;
    }

    private static List<Entry> readLog(Path log) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String[] f = line.split(" ", 3);
            entries.add(new Entry(f[0], f[1], Json.parseObject(f[2])));
        }
        return entries;
    }

    @Test
    @DisplayName("run: all six hooks run once, in order, each with the state JSON (id, pid, status, bundle) on stdin")
    void hooksRunInOrderWithState() throws Exception {
        Path logDir = Files.createDirectories(tmp.resolve("hooklog"));
        Path log = logDir.resolve("log");
        Bundle b = bundle().sh("readlink /proc/self/ns/mnt");
        Path inRootfs = b.rootfs().resolve("hook.sh");
        Files.writeString(inRootfs, HOOK);
        Files.setPosixFilePermissions(inRootfs, PosixFilePermissions.fromString("rwxr-xr-x"));
        b.mount("/hooklog", "bind", logDir.toString(), "rbind", "rw");
        String host = hostHook().toString();
        for (String phase : PHASES) {
            if (phase.equals("startContainer")) b.hook(phase, "/hook.sh", "hook.sh", phase, "/hooklog/log");
            else b.hook(phase, host, "hook.sh", phase, log.toString());
        }
        Container c = container(b);
        Jrunc.Result r = c.run().assertSuccess();
        String containerMnt = r.stdout().strip();
        String hostMnt = NamespaceTest.hostNs("mnt");

        List<Entry> entries = readLog(log);
        List<String> order = entries.stream().map(Entry::phase).toList();
        assertEquals(PHASES.size(), order.size(), "each hook ran once: " + order);
        assertTrue(order.containsAll(PHASES), "every phase ran: " + order);
        assertEquals(List.of("prestart", "createRuntime", "createContainer"), order.subList(0, 3));
        assertEquals("poststop", order.get(5));
        if (Jrunc.isJrunc()) {
            // runtime-spec: startContainer runs before the user's program, poststart after it has started.
            // (runc 1.1 runs poststart concurrently with startContainer, so this is checked for jrunc only.)
            assertEquals(List.of("startContainer", "poststart"), order.subList(3, 5));
        }

        for (Entry e : entries) {
            Map<String, Object> s = e.state();
            assertEquals(c.id(), s.get("id"), e.phase() + " state.id");
            assertEquals(b.dir().toString(), s.get("bundle"), e.phase() + " state.bundle");
            assertTrue(s.get("ociVersion") instanceof String, e.phase() + " state.ociVersion: " + s);
            Object status = s.get("status");
            assertTrue(List.of("creating", "created", "running", "stopped").contains(status), e.phase() + " status " + status);
            if (!e.phase().equals("poststop")) {
                assertTrue(s.get("pid") instanceof Number n && n.longValue() > 0, e.phase() + " state.pid: " + s);
            }
            switch (e.phase()) {
                case "prestart", "createRuntime", "createContainer" -> assertEquals("creating", status, e.phase());
                case "startContainer" -> assertEquals("created", status, e.phase());
                case "poststop" -> assertEquals("stopped", status, e.phase());
                default -> { }
            }
            switch (e.phase()) {
                case "createContainer", "startContainer" ->
                        assertEquals(containerMnt, e.mntNs(), e.phase() + " runs in the container's mount namespace");
                default -> assertEquals(hostMnt, e.mntNs(), e.phase() + " runs in the runtime's mount namespace");
            }
        }
        assertNotEquals(hostMnt, containerMnt);
    }

    @ParameterizedTest(name = "failing {0} hook")
    @ValueSource(strings = {"prestart", "createRuntime", "createContainer"})
    @DisplayName("a failing hook during create: exit 1, one line on stderr, nothing left behind")
    void failingHookLeavesNothing(String phase) throws Exception {
        Path failing = tmp.resolve("fail.sh");
        Files.writeString(failing, "#!/bin/sh\ncat >/dev/null\necho 'hook says no' >&2\nexit 3\n");
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwxr-xr-x"));
        Bundle b = bundle("sleep", "60").hook(phase, failing.toString());
        Container c = container(b);
        Leaks.Snapshot before = Leaks.before(b.dir());
        Jrunc.Result r = c.create();
        assertEquals(1, r.exitCode(), "create with a failing " + phase + " hook: " + r);
        assertEquals(1, r.stderrLines().size(), "one line on stderr: " + r.stderr());
        assertEquals(List.of(), Leaks.find(before, root, c.id()), "left behind");
        LifecycleTest.assertDoesNotExist(c.state(), c.id());
    }
}

package io.jrunc.nativetests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input never leaves anything behind: for each broken bundle, create exits 1 with one line on stderr, and
 * afterwards there is no state dir under --root, no new host mount mentioning the bundle, no process whose
 * cwd/root is in the bundle and no cgroup named after the id.
 */
@Tag("root")
@DisplayName("Broken bundles: create fails cleanly")
class BrokenBundleTest extends NativeTest {

    /** Edits the bundle's config.json (already written from the spec) so that create must fail. */
    private interface Breaker extends Consumer<Bundle> {}

    @SuppressWarnings("unchecked")
    static Stream<Named<Breaker>> corpus() {
        return Stream.of(
                Named.of("missing rootfs", (Breaker) b -> {
                    ((Map<String, Object>) b.config().get("root")).put("path", "no-such-rootfs");
                    b.write();
                }),
                Named.of("rootfs is a file", (Breaker) b -> {
                    ((Map<String, Object>) b.config().get("root")).put("path", "config.json");
                    b.write();
                }),
                Named.of("bind mount of a missing source", (Breaker) b -> {
                    b.mount("/data", "bind", b.dir().resolve("no-such-source").toString(), "rbind", "ro");
                    b.write();
                }),
                Named.of("hook path that does not exist", (Breaker) b -> {
                    b.hook("prestart", b.dir().resolve("no-such-hook").toString());
                    b.write();
                }),
                Named.of("duplicate namespace", (Breaker) b -> {
                    b.namespaces().add(Json.object("type", "pid"));
                    b.write();
                }),
                Named.of("unknown namespace type", (Breaker) b -> {
                    b.namespaces().add(Json.object("type", "no-such-ns"));
                    b.write();
                }),
                Named.of("namespace path that does not exist", (Breaker) b -> {
                    b.namespace("network", b.dir().resolve("no-such-ns").toString());
                    b.write();
                }),
                Named.of("malformed JSON", (Breaker) b -> b.writeRaw("{\"ociVersion\": \"1.0.2\", \"process\": {")),
                Named.of("config is not an object", (Breaker) b -> b.writeRaw("[1, 2]")),
                Named.of("wrong type: process.args is a string", (Breaker) b -> {
                    b.process().put("args", "sh");
                    b.write();
                }),
                Named.of("empty process.args", (Breaker) b -> {
                    b.process().put("args", Json.list());
                    b.write();
                }),
                Named.of("relative cwd", (Breaker) b -> {
                    b.process().put("cwd", "tmp");
                    b.write();
                }),
                Named.of("unknown rlimit", (Breaker) b -> {
                    b.process().put("rlimits", Json.list(Json.object("type", "RLIMIT_NO_SUCH", "hard", 1L, "soft", 1L)));
                    b.write();
                }),
                Named.of("executable missing from the rootfs", (Breaker) b -> {
                    b.args("/no-such-program");
                    b.write();
                }),
                Named.of("no config.json", (Breaker) b -> {
                    try {
                        Files.deleteIfExists(b.configPath());
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @DisplayName("create of a broken bundle: exit 1, one line on stderr, nothing left behind")
    void brokenBundle(Breaker breaker) {
        Bundle b = bundle("sleep", "60");
        b.write();
        breaker.accept(b);
        Container c = container(b);
        Leaks.Snapshot before = Leaks.before(b.dir());
        Jrunc.Result r = c.createAsIs();
        assertEquals(1, r.exitCode(), "create must fail with exit 1: " + r);
        assertEquals(1, r.stderrLines().size(), "exactly one line on stderr: " + r.stderr());
        assertEquals("", r.stdout());
        assertEquals(List.of(), Leaks.find(before, root, c.id()), "left behind");
        LifecycleTest.assertDoesNotExist(c.state(), c.id());
    }

    @ParameterizedTest(name = "id \"{0}\"")
    @ValueSource(strings = {"bad/id", "..", "a b", ""})
    @DisplayName("create with an invalid id: exit 1, one line on stderr, nothing under --root, nothing mounted")
    void badId(String id) throws IOException {
        Bundle b = bundle("sleep", "60");
        Leaks.Snapshot before = Leaks.before(b.dir());
        Container c = new Container(root, b, id);
        Jrunc.Result r = c.create();
        assertEquals(1, r.exitCode(), "create with id '" + id + "': " + r);
        assertEquals(1, r.stderrLines().size(), "exactly one line on stderr: " + r.stderr());
        if (Files.isDirectory(root)) {
            try (Stream<Path> entries = Files.list(root)) {
                assertEquals(List.of(), entries.toList(), "nothing under --root");
            }
        }
        assertEquals(before.mountLines(), Mounts.hostLinesMentioning(b.dir().toString()), "no new mounts");
        assertEquals(List.of(), Leaks.processesIn(b.dir()), "no process in the bundle");
    }

    @Test
    @DisplayName("jrunc: an unknown capability fails create with a line naming it, and leaves nothing behind")
    void unknownCapabilityIsAnError() {
        Jrunc.assumeJrunc("runc only warns about unknown capabilities");
        Bundle b = bundle("cat", "/proc/self/status");
        List<Object> caps = Json.list("CAP_KILL", "CAP_NO_SUCH_THING");
        b.process().put("capabilities", Json.object("bounding", caps, "effective", caps, "permitted", caps));
        b.write();
        Container c = container(b);
        Leaks.Snapshot before = Leaks.before(b.dir());
        Jrunc.Result r = c.createAsIs();
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(1, r.stderrLines().size(), "exactly one line on stderr: " + r.stderr());
        assertTrue(r.stderr().contains("process.capabilities.bounding[1]: unknown capability \\\"CAP_NO_SUCH_THING\\\""),
                "the line names the capability and where it is: " + r.stderr());
        assertEquals(List.of(), Leaks.find(before, root, c.id()), "left behind");
    }

    @Test
    @DisplayName("runc: an unknown capability is ignored with a warning naming it; the known ones apply")
    void unknownCapabilityIsIgnoredWithWarningByRunc() {
        org.junit.jupiter.api.Assumptions.assumeFalse(Jrunc.isJrunc(), "jrunc refuses unknown capabilities (see unknownCapabilityIsAnError)");
        Bundle b = bundle("cat", "/proc/self/status");
        List<Object> caps = Json.list("CAP_KILL", "CAP_NO_SUCH_THING");
        b.process().put("capabilities", Json.object("bounding", caps, "effective", caps, "permitted", caps));
        Jrunc.Result r = container(b).run();
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("CAP_NO_SUCH_THING"), "a warning names the unknown capability: " + r.stderr());
        assertEquals(Caps.hex(1L << Caps.number("CAP_KILL")), Caps.hex(Caps.fromStatus(r.stdout(), "CapBnd")));
    }
}

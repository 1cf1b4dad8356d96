package io.jrunc.nativetests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every caller relies on before any container exists: --version, spec, features, the process itself. */
@DisplayName("Foundation: --version, spec, features, single thread")
class FoundationTest extends NativeTest {
    private static final Pattern FIRST_LINE = Pattern.compile("(\\S+) version (\\S+)");
    private static final Pattern SPEC_LINE = Pattern.compile("spec: (\\S+)");

    /** The spec version --version reports. */
    private static String specVersion() {
        Jrunc.Result r = Jrunc.run("--version").assertSuccess();
        return r.stdout().lines().map(SPEC_LINE::matcher).filter(Matcher::matches).map(m -> m.group(1))
                .findFirst().orElseThrow(() -> new AssertionError("no 'spec: X' line in --version: " + r));
    }

    @Test
    @DisplayName("--version prints '<name> version X', 'commit: ...', 'spec: X' and exits 0")
    void versionFormat() {
        Jrunc.Result r = Jrunc.run("--version").assertSuccess();
        List<String> lines = r.stdout().lines().toList();
        assertFalse(lines.isEmpty(), "--version printed nothing");
        Matcher first = FIRST_LINE.matcher(lines.get(0));
        assertTrue(first.matches(), "first line is not '<name> version X': " + lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches("commit: \\S.*")), "no 'commit: ...' line: " + r.stdout());
        assertTrue(lines.stream().anyMatch(l -> SPEC_LINE.matcher(l).matches()), "no 'spec: X' line: " + r.stdout());
        assertEquals("", r.stderr(), "--version wrote to stderr");
        if (Jrunc.isJrunc()) {
            assertEquals("jrunc", first.group(1));
            assertEquals("commit: ", lines.get(1).substring(0, 8), "jrunc's second line is the commit");
            assertEquals("spec: 1.3.0", lines.get(2), "jrunc implements runtime-spec 1.3.0");
        }
    }

    @Test
    @DisplayName("spec writes ./config.json: valid JSON with runc's defaults, and refuses to overwrite it")
    @SuppressWarnings("unchecked")
    void specWritesDefaultConfig() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("spec"));
        Jrunc.Result r = Jrunc.exec(List.of(Jrunc.binary().toString(), "spec"), null, dir);
        r.assertSuccess();
        String text = Files.readString(dir.resolve("config.json"));
        Map<String, Object> c = Json.parseObject(text);

        assertEquals(specVersion(), c.get("ociVersion"), "ociVersion is the spec version --version reports");
        Map<String, Object> p = (Map<String, Object>) c.get("process");
        assertEquals(true, p.get("terminal"));
        assertEquals(Map.of("uid", 0L, "gid", 0L), p.get("user"));
        assertEquals(List.of("sh"), p.get("args"));
        assertEquals("/", p.get("cwd"));
        assertTrue(((List<String>) p.get("env")).contains("TERM=xterm"));
        assertTrue(((List<String>) p.get("env")).stream().anyMatch(e -> e.startsWith("PATH=")));
        Map<String, Object> caps = (Map<String, Object>) p.get("capabilities");
        List<String> defaultCaps = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
        for (String set : List.of("bounding", "effective", "permitted")) {
            assertEquals(defaultCaps, caps.get(set), "process.capabilities." + set);
        }
        assertEquals(List.of(Map.of("type", "RLIMIT_NOFILE", "hard", 1024L, "soft", 1024L)), p.get("rlimits"));
        assertEquals(true, p.get("noNewPrivileges"));
        assertEquals(Map.of("path", "rootfs", "readonly", true), c.get("root"));
        assertEquals("runc", c.get("hostname"), "runc's default hostname (kept for compatibility)");

        List<Map<String, Object>> mounts = (List<Map<String, Object>>) c.get("mounts");
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup"),
                mounts.stream().map(m -> m.get("destination")).toList());
        Map<String, Object> linux = (Map<String, Object>) c.get("linux");
        List<Object> nsTypes = ((List<Map<String, Object>>) linux.get("namespaces")).stream().map(n -> n.get("type")).toList();
        assertTrue(nsTypes.containsAll(List.of("pid", "network", "ipc", "uts", "mount")), "namespaces: " + nsTypes);
        assertTrue(((List<String>) linux.get("maskedPaths")).contains("/proc/kcore"));
        assertTrue(((List<String>) linux.get("readonlyPaths")).contains("/proc/sys"));
        assertEquals(List.of(Map.of("allow", false, "access", "rwm")),
                ((Map<String, Object>) linux.get("resources")).get("devices"));

        // a second spec in the same dir must not clobber the user's edits
        Files.writeString(dir.resolve("config.json"), "edited");
        Jrunc.Result again = Jrunc.exec(List.of(Jrunc.binary().toString(), "spec"), null, dir);
        assertEquals(1, again.exitCode(), "spec over an existing config.json: " + again);
        assertTrue(again.stderr().contains("File config.json exists. Remove it first"), again.stderr());
        assertEquals("edited", Files.readString(dir.resolve("config.json")));
    }

    @Test
    @DisplayName("features prints JSON with ociVersionMin/ociVersionMax and all six hooks")
    @SuppressWarnings("unchecked")
    void featuresJson() {
        Jrunc.Result r = Jrunc.run("features").assertSuccess();
        Map<String, Object> f = Json.parseObject(r.stdout());
        assertEquals("1.0.0", f.get("ociVersionMin"));
        assertEquals(specVersion(), f.get("ociVersionMax"), "ociVersionMax is the spec version --version reports");
        assertEquals(List.of("prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"),
                f.get("hooks"));
        Map<String, Object> linux = (Map<String, Object>) f.get("linux");
        assertTrue(((List<String>) linux.get("namespaces")).containsAll(
                List.of("cgroup", "ipc", "mount", "network", "pid", "uts")), "linux.namespaces: " + linux.get("namespaces"));
        assertTrue(((List<String>) f.get("mountOptions")).containsAll(List.of("ro", "rbind", "nosuid", "nodev", "noexec")));
        if (Jrunc.isJrunc()) assertEquals("1.3.0", f.get("ociVersionMax"));
    }

    @Test
    @Tag("root")
    @DisplayName("jrunc: the foreground 'run' process has exactly one thread while its container runs")
    void runsWithOneThread() throws Exception {
        Jrunc.assumeJrunc("runc is a Go program with several threads");
        Container c = container(bundle("sleep", "60"));
        Process run = c.runAsync(tmp.resolve("out"), tmp.resolve("err"));
        try {
            Polling.await("the container to be running", Duration.ofSeconds(20),
                    () -> !run.isAlive() || (c.state().exitCode() == 0 && "running".equals(c.status())));
            assertTrue(run.isAlive(), "run exited early: " + Files.readString(tmp.resolve("err")));
            Optional<String> threads = Files.readAllLines(Path.of("/proc/" + run.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("Threads:")).findFirst();
            assertEquals("1", threads.orElseThrow().substring("Threads:".length()).strip(),
                    "threads of the jrunc run process " + run.pid());
            c.kill("KILL").assertSuccess();
            assertTrue(run.waitFor(20, TimeUnit.SECONDS), "run did not return after its container was killed");
            assertEquals(128 + 9, run.exitValue());
        } finally {
            run.destroyForcibly();
            run.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

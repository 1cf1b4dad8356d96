package io.jrunc.nativetests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * linux.resources enforced by the kernel (memory, pids), and the commands that act on a container's cgroup:
 * update, pause/resume, ps, events. Cgroup files are read on the host, at the directory the container's init
 * is in (/proc/PID/cgroup), so the tests hold for any cgroupsPath rule.
 */
@Tag("root")
@DisplayName("Cgroups: memory and pids limits, update, pause/resume, ps, events")
class CgroupTest extends NativeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");
    private static final long MIB = 1024 * 1024;

    /** Sets linux.resources.memory (limit and swap, bytes). */
    private static Bundle memory(Bundle b, long limit, long swap) {
        Json.obj(b.linux(), "resources").put("memory", Json.object("limit", limit, "swap", swap));
        return b;
    }

    private static Bundle pids(Bundle b, long limit) {
        Json.obj(b.linux(), "resources").put("pids", Json.object("limit", limit));
        return b;
    }

    /** A created and started container running {@code sleep 300} (with the bundle's resources). */
    private Container started(Bundle b) {
        Container c = container(b);
        c.create().assertSuccess();
        c.start().assertSuccess();
        c.awaitStatus("running", TIMEOUT);
        return c;
    }

    /** The host directory of {@code pid}'s cgroup in {@code controller}'s hierarchy (cgroup v1), or the v2 one. */
    private static Path cgroupDir(long pid, String controller) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
                String[] f = line.split(":", 3);
                if (List.of(f[1].split(",")).contains(controller)) return hierarchy(f[1]).resolve(f[2].substring(1));
            }
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
                if (line.startsWith("0::")) return CGROUP.resolve(line.substring(4));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return fail("no " + controller + " cgroup for " + pid);
    }

    private static Path hierarchy(String controllers) {
        Path p = CGROUP.resolve(controllers);
        if (Files.isDirectory(p)) return p;
        for (String c : controllers.split(",")) {
            if (Files.isDirectory(CGROUP.resolve(c))) return CGROUP.resolve(c);
        }
        return fail("hierarchy of " + controllers + " not mounted under " + CGROUP);
    }

    private static boolean v2(long pid) {
        return !cgroupDir(pid, "memory").startsWith(CGROUP.resolve("memory"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The memory limit of {@code pid}'s cgroup in bytes (memory.limit_in_bytes, or memory.max on v2). */
    private static long memoryLimit(long pid) {
        Path dir = cgroupDir(pid, "memory");
        return Long.parseLong(read(dir.resolve(v2(pid) ? "memory.max" : "memory.limit_in_bytes")));
    }

    /** The State line of /proc/PID/status, e.g. "S (sleeping)". */
    private static String procState(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("State:"))
                    .map(l -> l.substring(6).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "gone";
        }
    }

    private static void assertFailsWith(Jrunc.Result r, String message) {
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains(message), "stderr should say \"" + message + "\": " + r.stderr());
    }

    // ---- limits the kernel enforces ----

    @Test
    @DisplayName("memory limit 8 MiB (swap equal): a shell that reads 20 MB into a variable is OOM-killed, run exits 137")
    void memoryLimitOomKills() {
        Bundle b = memory(bundle().sh("x=$(head -c 20000000 /dev/zero | tr '\\0' a); echo done"), 8 * MIB, 8 * MIB);
        Jrunc.Result r = container(b).run();
        assertEquals(137, r.exitCode(), r.toString());
        assertFalse(r.stdout().contains("done"), r.stdout());
    }

    @Test
    @DisplayName("pids limit 4: the shell cannot fork its 8 background sleeps (busybox: \"can't fork\")")
    void pidsLimitStopsFork() {
        Bundle b = pids(bundle().sh("for i in 1 2 3 4 5 6 7 8; do sleep 30 & done; echo all-forked"), 4);
        Jrunc.Result r = container(b).run();
        assertFalse(r.stdout().contains("all-forked"), r.toString());
        assertTrue(r.stderr().contains("can't fork"), r.stderr());
    }

    @Test
    @DisplayName("a 512 KiB memory limit still runs /bin/true (crun manages; runc cannot)")
    void tinyMemoryLimitRunsTrue() {
        // runc 1.1.5 writes the limit once its init is in the cgroup: "unable to set memory limit to 524288
        // (current usage: 2244608, peak usage: 2519040)"
        Jrunc.assumeJrunc("runc sets limits after its 2 MiB init joined the cgroup");
        Bundle b = memory(bundle("/bin/true"), 512 * 1024, 512 * 1024);
        container(b).run().assertSuccess();
    }

    // ---- where the init is, and what the container sees of it ----

    @Test
    @DisplayName("with a cgroup namespace, every line of /proc/self/cgroup reads \"/\": the namespace is rooted at the container's cgroups")
    void cgroupNamespaceIsRootedAtTheContainersCgroups() {
        Bundle b = bundle().namespace("cgroup").sh("cat /proc/self/cgroup");
        Jrunc.Result r = container(b).run().assertSuccess();
        List<String> lines = r.stdout().strip().lines().toList();
        assertFalse(lines.isEmpty(), r.toString());
        for (String line : lines) assertTrue(line.endsWith(":/"), "not rooted at the container's cgroup: " + r.stdout());
    }

    @Test
    @DisplayName("without a cgroup namespace, /sys/fs/cgroup/{memory,pids} inside are the container's own cgroups (its limits)")
    void cgroupMountShowsTheContainersOwnCgroups() {
        assumeTrue(Files.isDirectory(CGROUP.resolve("memory")) && Files.isDirectory(CGROUP.resolve("pids")),
                "needs the v1 memory and pids hierarchies");
        Bundle b = pids(memory(bundle().withoutNamespace("cgroup")
                .sh("cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/pids/pids.max"), 64 * MIB, 64 * MIB), 42);
        Jrunc.Result r = container(b).run().assertSuccess();
        assertEquals(List.of(Long.toString(64 * MIB), "42"), r.stdout().strip().lines().toList(), r.toString());
    }

    @Test
    @DisplayName("a prestart hook finds the container's process already in its pids and devices cgroups (as runc)")
    void prestartHookSeesTheInitInItsCgroups() throws IOException {
        Path log = tmp.resolve("cgroups-at-prestart");
        Path hook = tmp.resolve("hook.sh");
        Files.writeString(hook, """
                #!/bin/sh
                pid=$(sed 's/.*"pid":\\([0-9]*\\).*/\\1/')
                cat /proc/$pid/cgroup > "$1"
                """);
        assertTrue(hook.toFile().setExecutable(true));
        Bundle b = pids(bundle("/bin/true"), 42).hook("prestart", hook.toString(), "hook.sh", log.toString());
        Container c = container(b);
        c.run().assertSuccess();
        String id = c.id();
        String cgroups = read(log);
        for (String line : cgroups.lines().toList()) {
            String[] f = line.split(":", 3);
            if (f[1].equals("pids") || f[1].equals("devices") || f[1].isEmpty()) {
                assertTrue(f[2].endsWith("/" + id), "the " + (f[1].isEmpty() ? "cgroup2" : f[1]) + " cgroup: " + cgroups);
            }
        }
        assertTrue(cgroups.contains(":pids:"), cgroups);
    }

    // ---- update ----

    @Test
    @DisplayName("update --memory/--memory-swap/--pids-limit changes the running container's cgroup files")
    void updateChangesLimits() {
        Container c = started(pids(memory(bundle("sleep", "300"), 64 * MIB, 64 * MIB), 100));
        long pid = c.pid();
        assertEquals(64 * MIB, memoryLimit(pid));

        c.cmd("update", "--memory", "32m", "--memory-swap", "32m", "--pids-limit", "7", c.id()).assertSuccess();
        assertEquals(32 * MIB, memoryLimit(pid));
        assertEquals("7", read(cgroupDir(pid, "pids").resolve("pids.max")));

        // a later update merges onto the last: only the memory changes, the pids limit stays
        c.cmd("update", "--memory", "48m", "--memory-swap", "48m", c.id()).assertSuccess();
        assertEquals(48 * MIB, memoryLimit(pid));
        assertEquals("7", read(cgroupDir(pid, "pids").resolve("pids.max")));
        assertEquals("running", c.status());
    }

    @Test
    @DisplayName("update --resources=- reads the resources JSON engines send on stdin")
    void updateFromStdin() {
        Container c = started(memory(bundle("sleep", "300"), 64 * MIB, 64 * MIB));
        long pid = c.pid();
        String doc = "{\"memory\":{\"limit\":41943040,\"swap\":41943040},\"cpu\":{\"shares\":512},\"blockIO\":{\"weight\":0}}";
        Jrunc.runWithInput(doc, "--root", root.toString(), "update", "--resources=-", c.id()).assertSuccess();
        assertEquals(40 * MIB, memoryLimit(pid));
        Path cpu = cgroupDir(pid, "cpu");
        if (!v2(pid)) assertEquals("512", read(cpu.resolve("cpu.shares")));
    }

    @Test
    @DisplayName("update: bad values and a stopped container fail with runc's messages")
    void updateErrors() {
        Container c = started(bundle("sleep", "300"));
        assertFailsWith(c.cmd("update", "--memory", "12x", c.id()), "invalid value for memory: invalid size: '12x'");
        assertFailsWith(c.cmd("update", "--cpu-period=-5", c.id()),
                "invalid value for cpu-period: strconv.ParseUint: parsing \\\"-5\\\": invalid syntax");
        c.kill("KILL").assertSuccess();
        c.awaitStatus("stopped", TIMEOUT);
        assertFailsWith(c.cmd("update", "--memory", "64m", c.id()), "container not running");
    }

    // ---- pause and resume ----

    @Test
    @DisplayName("pause: state says paused and the init is frozen (State D or T); resume: running again")
    void pauseAndResume() {
        Container c = started(bundle("sleep", "300"));
        long pid = c.pid();
        c.cmd("pause", c.id()).assertSuccess();
        assertEquals("paused", c.status());
        String frozen = procState(pid);
        assertTrue(frozen.startsWith("D") || frozen.startsWith("T"), "a frozen task's State: " + frozen);
        assertFailsWith(c.cmd("pause", c.id()), "container not running");

        c.cmd("resume", c.id()).assertSuccess();
        assertEquals("running", c.status());
        Polling.await("the init to leave the frozen state", TIMEOUT, () -> procState(pid).startsWith("S"));
        assertFailsWith(c.cmd("resume", c.id()), "container not paused");
    }

    @Test
    @DisplayName("pause of a created container is allowed (start refuses it then); resume makes it created again")
    void pauseCreated() {
        Container c = container(bundle("sleep", "300"));
        c.create().assertSuccess();
        c.cmd("pause", c.id()).assertSuccess();
        assertEquals("paused", c.status());
        assertFailsWith(c.start(), "cannot start a container in the paused state");
        c.cmd("resume", c.id()).assertSuccess();
        assertEquals("created", c.status());
        c.start().assertSuccess();
        c.awaitStatus("running", TIMEOUT);
    }

    @Test
    @DisplayName("pause/resume of a stopped container: \"container not running\" / \"container not paused\"")
    void pauseStopped() {
        Container c = started(bundle("sleep", "300"));
        c.kill("KILL").assertSuccess();
        c.awaitStatus("stopped", TIMEOUT);
        assertFailsWith(c.cmd("pause", c.id()), "container not running");
        assertFailsWith(c.cmd("resume", c.id()), "container not paused");
    }

    @Test
    @DisplayName("kill KILL of a paused container stops it promptly (the freezer is thawed for SIGKILL)")
    void killPaused() {
        Container c = started(bundle("sleep", "300"));
        c.cmd("pause", c.id()).assertSuccess();
        c.kill("KILL").assertSuccess();
        c.awaitStatus("stopped", Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("delete --force of a paused container: thawed, killed and removed within seconds")
    void deleteForcePaused() {
        Container c = started(bundle("sleep", "300"));
        long pid = c.pid();
        c.cmd("pause", c.id()).assertSuccess();
        long t0 = System.nanoTime();
        c.cmd("delete", "--force", c.id()).assertSuccess();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < 5000, "delete --force of a paused container took " + millis + " ms");
        assertFalse(Files.exists(c.stateDir()));
        Polling.await("the init to be gone", TIMEOUT, () -> procState(pid).equals("gone"));
    }

    // ---- ps ----

    @Test
    @DisplayName("ps --format json lists the init's host pid; ps (table) prints ps -ef's header and the init's line")
    void ps() {
        Container c = started(bundle("sleep", "300"));
        long pid = c.pid();
        assertEquals("[" + pid + "]\n", c.cmd("ps", "--format", "json", c.id()).assertSuccess().stdout());

        List<String> table = c.cmd("ps", c.id()).assertSuccess().stdout().lines().toList();
        assertTrue(table.get(0).matches("UID\\s+PID\\s+PPID.*CMD"), table.toString());
        assertEquals(2, table.size(), table.toString());
        assertEquals(String.valueOf(pid), table.get(1).trim().split("\\s+")[1], table.toString());

        List<String> custom = c.cmd("ps", c.id(), "-o", "pid,comm").assertSuccess().stdout().lines().toList();
        assertEquals(List.of("PID", "COMMAND"), List.of(custom.get(0).trim().split("\\s+")), custom.toString());
        assertEquals(List.of(String.valueOf(pid), "sleep"), List.of(custom.get(1).trim().split("\\s+")), custom.toString());
    }

    @Test
    @DisplayName("ps -f json of a stopped container (cgroup still there or not): null")
    void psStopped() {
        Container c = started(bundle("sleep", "300"));
        c.kill("KILL").assertSuccess();
        c.awaitStatus("stopped", TIMEOUT);
        Jrunc.Result r = c.cmd("ps", "-f", "json", c.id()).assertSuccess();
        assertEquals("null\n", r.stdout());
        assertFailsWith(c.cmd("ps", "-f", "yaml", c.id()), "invalid format option");
    }

    // ---- events ----

    @Test
    @DisplayName("events --stats prints one JSON line: type stats, the id, data with cpu, memory and pids")
    @SuppressWarnings("unchecked")
    void eventsStats() {
        Container c = started(memory(bundle("sleep", "300"), 64 * MIB, 64 * MIB));
        Jrunc.Result r = c.cmd("events", "--stats", c.id()).assertSuccess();
        assertEquals(1, r.stdout().lines().count(), r.stdout());
        assertTrue(r.stdout().endsWith("\n"), r.stdout());
        Map<String, Object> e = Json.parseObject(r.stdout());
        assertEquals("stats", e.get("type"));
        assertEquals(c.id(), e.get("id"));
        Map<String, Object> data = (Map<String, Object>) e.get("data");
        for (String k : List.of("cpu", "memory", "pids", "blkio", "hugetlb")) assertTrue(data.containsKey(k), k + ": " + data);
        Map<String, Object> usage = (Map<String, Object>) ((Map<String, Object>) data.get("memory")).get("usage");
        assertEquals(64 * MIB, ((Number) usage.get("limit")).longValue(), usage.toString());
        assertEquals(1L, ((Number) ((Map<String, Object>) data.get("pids")).get("current")).longValue());
    }

    @Test
    @DisplayName("events of a stopped container fails: \"container with id ID is not running\"")
    void eventsStopped() {
        Container c = started(bundle("sleep", "300"));
        c.kill("KILL").assertSuccess();
        c.awaitStatus("stopped", TIMEOUT);
        assertFailsWith(c.cmd("events", "--stats", c.id()), "container with id " + c.id() + " is not running");
    }

    @Test
    @DisplayName("events (streaming) reports an OOM kill as {\"type\":\"oom\",\"id\":ID} and ends once the container is gone")
    void eventsReportOom() throws Exception {
        Bundle b = memory(bundle().sh("sleep 2; x=$(head -c 40000000 /dev/zero | tr '\\0' a); echo done"), 16 * MIB, 16 * MIB);
        Container c = started(b);
        Path out = tmp.resolve("events.out");
        Process events = Jrunc.start(out, tmp.resolve("events.err"), "--root", root.toString(), "events", "--interval", "1s",
                c.id());
        String oom = "{\"type\":\"oom\",\"id\":\"" + c.id() + "\"}";
        try {
            c.awaitStatus("stopped", TIMEOUT);
            // events samples the OOM counter (runc gets an eventfd): the event must come while the cgroup exists
            Polling.await("an oom event", TIMEOUT, () -> {
                try {
                    return Files.readAllLines(out).contains(oom);
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            c.delete().assertSuccess(); // runc's events on cgroup v1 ends only when the cgroup is removed
            assertTrue(events.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "events did not end");
            List<String> lines = Files.readAllLines(out);
            assertTrue(lines.contains(oom), lines.toString());
            for (String l : lines) {
                assertTrue(l.startsWith("{\"type\":\"oom\"") || l.startsWith("{\"type\":\"stats\",\"id\":\"" + c.id() + "\",\"data\":{"), l);
            }
        } finally {
            events.destroyForcibly();
        }
    }
}

package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.json.Json;
import io.jrunc.sys.Linux;
import io.jrunc.sys.LinuxSyscalls;
import io.jrunc.sys.Syscalls;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.jrunc.cgroups.CgroupV2ResourcesTest.resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The managers against this machine's kernel, in cgroups of their own ("jrunc-test-..."),
 * which every test removes whatever happens. Needs root; skipped otherwise.
 */
class CgroupRealHostTest {
    private static final Syscalls SYS = LinuxSyscalls.INSTANCE;

    private static String testName() {
        byte[] b = new byte[6];
        ThreadLocalRandom.current().nextBytes(b);
        return "jrunc-test-" + HexFormat.of().formatHex(b);
    }

    private static CgroupLayout hostLayout() {
        assumeTrue(SYS.geteuid() == 0, "needs root to make cgroups");
        return CgroupLayout.detect(SYS);
    }

    /**
     * A cgroup of the test's own in this host's cgroup2 mount, presented as the root of a v2
     * host (as a delegated subtree is): so create() enables controllers in it, never in the
     * host's root cgroup.
     */
    private record Delegated(CgroupLayout layout, String dir) implements AutoCloseable {
        static Delegated make() {
            CgroupLayout host = hostLayout();
            assumeTrue(host.unified() != null, "no cgroup2 mount on this host");
            String dir = host.unified().mountpoint() + "/" + testName();
            SYS.mkdirat(Linux.AT_FDCWD, dir, 0755);
            return new Delegated(CgroupLayout.v2(dir, "/"), dir);
        }

        @Override
        public void close() {
            SYS.unlinkat(Linux.AT_FDCWD, dir, Linux.AT_REMOVEDIR);
        }
    }

    @Test
    void v2MoveFreezeKillAndDestroy() throws Exception {
        try (Delegated host = Delegated.make()) {
            moveFreezeKillAndDestroy(host);
        }
    }

    private void moveFreezeKillAndDestroy(Delegated host) throws Exception {
        String name = "ctr";
        CgroupManager m = CgroupManager.forContainer(SYS, host.layout(), name, "/" + name, false);
        String dir = m.paths().get("");
        Process sleeper = null;
        try {
            m.create(null);
            assertTrue(Files.isDirectory(Path.of(dir)));
            sleeper = new ProcessBuilder("sleep", "30").start();
            int pid = (int) sleeper.pid();
            moveInto(m, pid);
            assertEquals(List.of(pid), m.pids());
            String self = host.dir().substring(hostLayout().unified().mountpoint().length());
            assertTrue(Files.readString(Path.of("/proc/" + pid + "/cgroup")).contains("0::" + self + "/" + name + "\n"));

            m.freeze();
            assertTrue(m.isFrozen());
            assertTrue(Files.readString(Path.of(dir, "cgroup.events")).contains("frozen 1"));
            m.thaw();
            assertFalse(m.isFrozen());
            assertTrue(Files.readString(Path.of(dir, "cgroup.events")).contains("frozen 0"));

            m.killAll(Linux.SIGKILL);
            assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS), "killed through cgroup.kill");
            assertEquals(128 + Linux.SIGKILL, sleeper.exitValue());
            pollUntilEmpty(m);

            m.destroy();
            assertFalse(Files.exists(Path.of(dir)));
        } finally {
            cleanUp(sleeper, m);
        }
    }

    @Test
    void v2CgroupFdIsTheDirectoryForCloneIntoCgroup() throws Exception {
        try (Delegated host = Delegated.make()) {
            CgroupManager m = CgroupManager.forContainer(SYS, host.layout(), "ctr", "", false);
            cgroupFdIsTheDirectory(m);
        }
    }

    private void cgroupFdIsTheDirectory(CgroupManager m) throws Exception {
        try {
            m.create(null);
            int fd = m.cgroupFd();
            try {
                Syscalls.FileStat viaFd = SYS.statx(fd, "", Linux.AT_EMPTY_PATH);
                Syscalls.FileStat viaPath = SYS.statx(Linux.AT_FDCWD, m.paths().get(""), 0);
                assertEquals(viaPath.inode(), viaFd.inode());
            } finally {
                SYS.close(fd);
            }
        } finally {
            cleanUp(null, m);
        }
    }

    /** The eBPF device filter, loaded and attached for real: /dev/null allowed, /dev/zero not. */
    @Test
    void v2DeviceFilterIsEnforcedByTheKernel() throws Exception {
        try (Delegated host = Delegated.make()) {
            deviceFilterIsEnforced(CgroupManager.forContainer(SYS, host.layout(), "ctr", "/ctr", false));
        }
    }

    private void deviceFilterIsEnforced(CgroupManager m) throws Exception {
        String dir = m.paths().get("");
        Process shell = null;
        try {
            m.create(null);
            List<CgroupDeviceRule> rules = List.of(new CgroupDeviceRule('c', 1, 3, "rwm", true));
            try {
                DeviceFilterAttacher.attach(SYS, dir, DeviceFilterProgram.compile(rules));
            } catch (JruncException e) {
                assumeTrue(e.errno() != io.jrunc.sys.Errno.EPERM && e.errno() != io.jrunc.sys.Errno.ENOSYS,
                        "bpf(2) is not permitted here: " + e.getMessage());
                throw e;
            }
            // a second attach replaces the first: never two programs, never none
            DeviceFilterAttacher.attach(SYS, dir, DeviceFilterProgram.compile(rules));
            int dirFd = SYS.openat(Linux.AT_FDCWD, dir, Linux.O_RDONLY | Linux.O_DIRECTORY, 0);
            try {
                assertEquals(1, SYS.bpfProgQuery(dirFd, Linux.BPF_CGROUP_DEVICE).length);
            } finally {
                SYS.close(dirFd);
            }
            shell = new ProcessBuilder("sh", "-c",
                    "read go; if head -c 1 /dev/null; then echo null-ok; fi;"
                            + " if head -c 1 /dev/zero >/dev/null 2>&1; then echo zero-ok; else echo zero-denied; fi")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            moveInto(m, (int) shell.pid());
            shell.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            shell.getOutputStream().flush();
            assertTrue(shell.waitFor(10, TimeUnit.SECONDS));
            assertEquals("null-ok\nzero-denied\n", new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            pollUntilEmpty(m);
            m.destroy();
            assertFalse(Files.exists(Path.of(dir)));
        } finally {
            cleanUp(shell, m);
        }
    }

    @Test
    void v1PidsMemoryAndDevicesAreWrittenAndReadBack() throws Exception {
        CgroupLayout layout = hostLayout();
        assumeTrue(layout.kind() != CgroupLayout.Kind.V2, "no cgroup v1 hierarchies on this host");
        assumeTrue(layout.v1().containsKey("pids") && layout.v1().containsKey("memory"),
                "pids and memory v1 controllers are needed");
        String name = testName();
        CgroupManager m = CgroupManager.forContainer(SYS, layout, name, "/" + name, false);
        Process sleeper = null;
        try {
            m.create(null);
            m.apply(resources("""
                    {"pids": {"limit": 42}, "memory": {"limit": 67108864}}"""),
                    CgroupDeviceRule.forContainer(List.of(), List.of()));
            assertEquals("42", read(m.paths().get("pids"), "pids.max"));
            assertEquals("67108864", read(m.paths().get("memory"), "memory.limit_in_bytes"));
            Set<String> devices = Set.of(read(m.paths().get("devices"), "devices.list").split("\n"));
            assertEquals(CgroupDeviceRule.RUNC_ALLOWED_DEVICES.stream().map(a -> a.rule().cgroupString())
                    .collect(Collectors.toSet()), devices);

            sleeper = new ProcessBuilder("sleep", "30").start();
            int pid = (int) sleeper.pid();
            moveInto(m, pid);
            String procCgroup = Files.readString(Path.of("/proc/" + pid + "/cgroup"));
            assertTrue(procCgroup.contains(":pids:/" + name + "\n"), procCgroup);
            assertTrue(procCgroup.contains(":memory:/" + name + "\n"), procCgroup);
            assertEquals(List.of(pid), m.pids());
            String stats = Json.write(m.stats().toJson());
            assertTrue(stats.contains("\"pids\":{\"current\":1,\"limit\":42}"), stats);

            if (m.paths().containsKey("freezer")) {
                m.freeze();
                assertTrue(m.isFrozen());
                m.thaw();
                assertFalse(m.isFrozen());
            }
            m.killAll(Linux.SIGKILL);
            assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS));
            pollUntilEmpty(m);
            m.destroy();
            for (String dir : m.paths().values()) {
                assertFalse(Files.exists(Path.of(dir)), dir);
            }
        } finally {
            cleanUp(sleeper, m);
        }
    }

    private static String read(String dir, String file) throws IOException {
        return Files.readString(Path.of(dir, file)).trim();
    }

    /** Puts another process in the container's cgroups, as an engine or runc's exec would: its pid into each cgroup.procs. */
    private static void moveInto(CgroupManager m, int pid) throws IOException {
        for (String dir : new java.util.LinkedHashSet<>(m.paths().values())) {
            Files.writeString(Path.of(dir, "cgroup.procs"), Integer.toString(pid));
        }
    }

    /** A killed task leaves its cgroup a moment after it is reaped; rmdir needs it gone. */
    private static void pollUntilEmpty(CgroupManager m) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!m.pids().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "processes still in the cgroup: " + m.pids());
            Thread.sleep(10);
        }
    }

    /** Whatever happened: no process and no test cgroup stays behind. */
    private static void cleanUp(Process p, CgroupManager m) throws InterruptedException {
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            if (m.exists()) {
                try {
                    m.thaw();
                } catch (JruncException ignored) {
                    // not frozen, or no freezer
                }
                pollUntilEmpty(m);
            }
            m.destroy();
        } catch (JruncException | AssertionError e) {
            for (String dir : m.paths().values()) {
                if (dir.contains("/jrunc-test-")) {
                    try {
                        SYS.unlinkat(Linux.AT_FDCWD, dir, Linux.AT_REMOVEDIR);
                    } catch (JruncException ignored) {
                        // reported by the test's own assertion
                    }
                }
            }
        }
    }
}

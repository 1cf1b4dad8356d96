package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.json.Json;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.jrunc.sys.Linux.AT_FDCWD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** create, state round trip, freeze, pids, kill and destroy on fake hierarchies. */
class CgroupManagerLifecycleTest {
    @TempDir
    Path tmp;

    @Test
    void destroyRemovesOnlyWhatCreateMade() {
        FakeCgroupfs fs = FakeCgroupfs.v2(tmp, "memory", "pids");
        fs.sys.mkdirat(AT_FDCWD, fs.abs("machine"), 0755); // someone else's cgroup
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v2Layout(), "c1", "/machine/pod/c1", false);
        m.create(null);
        assertTrue(fs.exists("machine/pod/c1/cgroup.procs"));
        m.destroy();
        assertFalse(fs.exists("machine/pod"));
        assertTrue(fs.exists("machine/cgroup.procs"));
    }

    @Test
    void anExistingLeafIsJoinedButNotRemoved() {
        FakeCgroupfs fs = FakeCgroupfs.v2(tmp, "pids");
        fs.sys.mkdirat(AT_FDCWD, fs.abs("shared"), 0755);
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v2Layout(), "c1", "/shared", false);
        m.create(null);
        m.destroy();
        assertTrue(fs.exists("shared/cgroup.procs"));
    }

    @Test
    void destroyAlsoRemovesSubCgroupsTheContainerMade() {
        FakeCgroupfs fs = FakeCgroupfs.v2(tmp, "pids");
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v2Layout(), "c1", "/c1", false);
        m.create(null);
        fs.sys.mkdirat(AT_FDCWD, fs.abs("c1/init.scope"), 0755); // systemd inside the container
        m.destroy();
        assertFalse(fs.exists("c1"));
    }

    @Test
    void aFailedCreateLeavesNothingBehind() {
        FakeCgroupfs fs = FakeCgroupfs.v1(tmp);
        fs.put("memory/jrunc", "a file where a directory should be");
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v1Layout(false), "c1", "/jrunc/c1", false);
        JruncException e = assertThrows(JruncException.class, () -> m.create(null));
        assertEquals("mkdir " + fs.abs("memory/jrunc/c1") + ": not a directory", e.getMessage());
        assertFalse(fs.exists("cpuset/jrunc"));
        assertFalse(fs.exists("devices/jrunc"));
    }

    @Test
    void theStateRoundTripRebuildsAManagerThatCanStillDestroy() {
        FakeCgroupfs fs = FakeCgroupfs.v1(tmp);
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v1Layout(true), "c1", "/jrunc/c1", false);
        m.create(null);
        String saved = Json.write(m.toJson());
        CgroupManager again = CgroupManager.fromJson(fs.sys, Json.parse(saved));
        assertEquals(m.paths(), again.paths());
        assertEquals(fs.abs("unified/jrunc/c1"), again.paths().get(""));
        assertTrue(saved.startsWith("{\"mode\":\"hybrid\",\"paths\":{\"cpuset\":"), saved);
        again.destroy();
        for (String dir : m.paths().values()) {
            assertFalse(java.nio.file.Files.exists(Path.of(dir)), dir);
            assertFalse(java.nio.file.Files.exists(Path.of(dir).getParent()), dir);
        }
    }

    @Test
    void v2StateNamesTheOneDirectory() {
        FakeCgroupfs fs = FakeCgroupfs.v2(tmp, "pids");
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v2Layout(), "c1", "", false);
        m.create(null);
        assertEquals(Map.of("", fs.abs("c1")), m.paths());
        assertEquals("{\"mode\":\"v2\",\"paths\":{\"\":\"" + fs.abs("c1") + "\"},\"mountpoints\":{\"\":\""
                + fs.root + "\"},\"created\":[\"" + fs.abs("c1") + "\"]}", Json.write(m.toJson()));
    }

    @Test
    void pidsAreCollectedFromTheWholeSubtree() {
        FakeCgroupfs fs = FakeCgroupfs.v2(tmp, "pids");
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v2Layout(), "c1", "/c1", false);
        m.create(null);
        fs.sys.mkdirat(AT_FDCWD, fs.abs("c1/sub"), 0755);
        fs.put("c1/cgroup.procs", "101\n102\n");
        fs.put("c1/sub/cgroup.procs", "103\n");
        assertEquals(List.of(101, 102, 103), m.pids());
    }

    @Test
    void anInitJoinsEachV1HierarchyOnceThroughTasksAndMemoryLast() {
        FakeCgroupfs fs = FakeCgroupfs.v1(tmp);
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v1Layout(false), "c1", "/c1", false);
        m.create(null);
        fs.clearWrites();
        LateJoin memory = m.joinSelf(false, true);
        List<String> writes = fs.writes();
        assertEquals(9, writes.size(), writes::toString); // cpu and cpuacct share one directory; memory waits
        assertTrue(writes.contains("cpu,cpuacct/c1/tasks: 0"), writes::toString);
        assertTrue(writes.contains("systemd/c1/tasks: 0"), writes::toString);
        assertTrue(writes.stream().noneMatch(w -> w.startsWith("memory/")), writes::toString);
        fs.clearWrites();
        memory.complete();
        assertEquals(List.of("memory/c1/tasks: 0"), fs.writes());
        memory.complete();
        assertEquals(List.of("memory/c1/tasks: 0"), fs.writes(), "a join is done once");
    }

    @Test
    void withoutDeferringTheMemoryCgroupIsJoinedAtOnce() {
        FakeCgroupfs fs = FakeCgroupfs.v1(tmp);
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v1Layout(false), "c1", "/c1", false);
        m.create(null);
        fs.clearWrites();
        LateJoin rest = m.joinSelf(false, false);
        assertTrue(fs.writes().contains("memory/c1/tasks: 0"), fs.writes()::toString);
        fs.clearWrites();
        rest.complete();
        assertEquals(List.of(), fs.writes());
    }

    @Test
    void aHybridInitJoinsTheUnifiedCgroupOnlyWhereCloneDidNotPlaceIt() {
        FakeCgroupfs fs = FakeCgroupfs.v1(tmp);
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v1Layout(true), "c1", "/c1", false);
        m.create(null);
        fs.clearWrites();
        m.joinSelf(true, true);
        assertTrue(fs.writes().stream().noneMatch(w -> w.startsWith("unified/")), fs.writes()::toString);
        fs.clearWrites();
        m.joinSelf(false, true);
        assertTrue(fs.writes().contains("unified/c1/cgroup.procs: 0"), fs.writes()::toString);
    }

    @Test
    void aV2InitWritesItselfIntoCgroupProcsOnlyWithoutCloneIntoCgroup() {
        FakeCgroupfs fs = FakeCgroupfs.v2(tmp, "pids", "memory");
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v2Layout(), "c1", "/c1", false);
        m.create(null);
        fs.clearWrites();
        m.joinSelf(true, true).complete();
        assertEquals(List.of(), fs.writes());
        m.joinSelf(false, true).complete();
        assertEquals(List.of("c1/cgroup.procs: 0"), fs.writes(), "memory is in the same directory: no deferring");
    }

    @Test
    void aRefusedJoinNamesTheCgroupFileExceptInBestEffortHierarchies() {
        FakeCgroupfs fs = FakeCgroupfs.v1(tmp);
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v1Layout(false), "c1", "/c1", false);
        m.create(null);
        fs.failWrites("systemd/c1/tasks", Errno.EACCES);
        m.joinSelf(false, true); // name=systemd is best effort, as in runc
        fs.failWrites("cpuset/c1/tasks", Errno.ENOSPC);
        JruncException e = assertThrows(JruncException.class, () -> m.joinSelf(false, true));
        assertEquals("cannot join the container's cgroup: failed to write \"0\": write " + fs.abs("cpuset/c1/tasks")
                + ": no space left on device", e.getMessage());
        assertEquals(Errno.ENOSPC, e.errno());
    }

    @Test
    void v2FreezeWaitsForTheEventAndThawUndoesIt() {
        FakeCgroupfs fs = FakeCgroupfs.v2(tmp, "pids");
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v2Layout(), "c1", "/c1", false);
        m.create(null);
        assertFalse(m.isFrozen());
        m.freeze();
        assertTrue(m.isFrozen());
        assertEquals("populated 0\nfrozen 1\n", fs.read("c1/cgroup.events"));
        m.thaw();
        assertFalse(m.isFrozen());
    }

    @Test
    void v2FreezeThatNeverCompletesIsUndone() {
        FakeCgroupfs fs = FakeCgroupfs.v2(tmp, "pids");
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v2Layout(), "c1", "/c1", false);
        m.create(null);
        fs.freezeReported = false;
        fs.put("c1/cgroup.events", "populated 1\n"); // no "frozen" line to wait for
        fs.clearWrites();
        JruncException e = assertThrows(JruncException.class, m::freeze);
        assertEquals("no \"frozen\" line in " + fs.abs("c1/cgroup.events"), e.getMessage());
        assertEquals(List.of("c1/cgroup.freeze: 1", "c1/cgroup.freeze: 0"), fs.writes()); // thawed again
        assertEquals("0\n", fs.read("c1/cgroup.freeze"));
    }

    @Test
    void v1FreezeUsesTheFreezerHierarchy() {
        FakeCgroupfs fs = FakeCgroupfs.v1(tmp);
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v1Layout(false), "c1", "/c1", false);
        m.create(null);
        m.freeze();
        assertEquals("FROZEN\n", fs.read("freezer/c1/freezer.state"));
        assertTrue(m.isFrozen());
        m.thaw();
        assertFalse(m.isFrozen());
    }

    @Test
    void killWithSigkillUsesCgroupKill() {
        FakeCgroupfs fs = FakeCgroupfs.v2(tmp, "pids");
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v2Layout(), "c1", "/c1", false);
        m.create(null);
        fs.clearWrites();
        m.killAll(Linux.SIGKILL);
        assertEquals(List.of("c1/cgroup.kill: 1"), fs.writes());
    }

    @Test
    void otherSignalsGoToEachProcessBetweenFreezeAndThaw() throws Exception {
        FakeCgroupfs fs = FakeCgroupfs.v2(tmp, "pids");
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v2Layout(), "c1", "/c1", false);
        m.create(null);
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            fs.put("c1/cgroup.procs", sleeper.pid() + "\n");
            fs.clearWrites();
            m.killAll(Linux.SIGTERM);
            assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS), "the process got SIGTERM");
            assertEquals(128 + Linux.SIGTERM, sleeper.exitValue());
            assertEquals(List.of("c1/cgroup.freeze: 1", "c1/cgroup.freeze: 0"), fs.writes());
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void cgroupFdIsTheCgroup2DirectoryOnV2AndHybridAndAbsentOnV1() {
        FakeCgroupfs v2 = FakeCgroupfs.v2(tmp.resolve("v2"), "pids");
        CgroupManager m = CgroupManager.forContainer(v2.sys, v2.v2Layout(), "c1", "/c1", false);
        m.create(null);
        int fd = m.cgroupFd();
        try {
            assertTrue(fd >= 0);
            assertTrue(v2.sys.statx(fd, "", Linux.AT_EMPTY_PATH).isDirectory());
        } finally {
            v2.sys.close(fd);
        }
        FakeCgroupfs v1 = FakeCgroupfs.v1(tmp.resolve("v1"));
        CgroupManager legacy = CgroupManager.forContainer(v1.sys, v1.v1Layout(false), "c1", "/c1", false);
        legacy.create(null);
        assertEquals(-1, legacy.cgroupFd());
        FakeCgroupfs hybridFs = FakeCgroupfs.v1(tmp.resolve("hybrid"));
        CgroupManager hybrid = CgroupManager.forContainer(hybridFs.sys, hybridFs.v1Layout(true), "c1", "/c1", false);
        hybrid.create(null);
        int unifiedFd = hybrid.cgroupFd();
        try {
            assertEquals(hybridFs.abs("unified/c1"), hybridFs.sys.readlinkat(Linux.AT_FDCWD, "/proc/self/fd/" + unifiedFd));
        } finally {
            hybridFs.sys.close(unifiedFd);
        }
    }

    @Test
    void hybridKillUsesCgroupKillOfTheUnifiedDirectory() {
        FakeCgroupfs fs = FakeCgroupfs.v1(tmp);
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v1Layout(true), "c1", "/c1", false);
        m.create(null);
        fs.put("unified/c1/cgroup.kill", "");
        fs.clearWrites();
        m.killAll(Linux.SIGKILL);
        assertEquals(List.of("unified/c1/cgroup.kill: 1"), fs.writes());
    }

    @Test
    void aCgroupBelowABusyOneTakesOnlyThreadedControllers() {
        FakeCgroupfs fs = FakeCgroupfs.v2(tmp, "memory", "pids");
        fs.sys.mkdirat(AT_FDCWD, fs.abs("c1"), 0755);
        fs.put("c1/cgroup.type", "domain invalid\n");
        CgroupManager m = CgroupManager.forContainer(fs.sys, fs.v2Layout(), "c1", "/c1", false);
        JruncException e = assertThrows(JruncException.class, () -> m.create(CgroupV2ResourcesTest.resources("""
                {"memory": {"limit": 4096}}""")));
        assertEquals("cannot enter cgroupv2 \"" + fs.abs("c1") + "\" with domain controllers -- it is in an invalid state",
                e.getMessage());
        fs.clearWrites();
        m.create(CgroupV2ResourcesTest.resources("""
                {"pids": {"limit": 4}}"""));
        assertTrue(fs.writes().contains("c1/cgroup.type: threaded"), fs.writes()::toString);
    }
}

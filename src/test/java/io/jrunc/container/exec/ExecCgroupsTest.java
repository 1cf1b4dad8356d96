package io.jrunc.container.exec;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.RecordingSyscalls;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The exec process's cgroups: the init's, under their mount points, with runc's --cgroup rules. */
class ExecCgroupsTest {

    private static RecordingSyscalls hybridHost() {
        RecordingSyscalls sys = new RecordingSyscalls().strictPaths();
        sys.file("/proc/100/cgroup", "12:pids:/c1\n4:cpu,cpuacct:/c1\n3:name=systemd:/c1\n2:memory:/x/c1\n0::/c1\n");
        for (String dir : List.of("/sys/fs/cgroup/pids/c1", "/sys/fs/cgroup/cpu,cpuacct/c1", "/sys/fs/cgroup/systemd/c1",
                "/sys/fs/cgroup/memory/x/c1", "/sys/fs/cgroup/unified/c1")) {
            sys.file(dir + "/cgroup.procs", "");
            if (!dir.contains("/unified/")) sys.file(dir + "/tasks", "");
        }
        return sys;
    }

    @Test
    void everyHierarchyOfTheInitUnderItsMountPoint() {
        ExecCgroups cg = ExecCgroups.of(hybridHost(), 100, Map.of());
        assertEquals(List.of("/sys/fs/cgroup/pids/c1", "/sys/fs/cgroup/cpu,cpuacct/c1", "/sys/fs/cgroup/systemd/c1",
                "/sys/fs/cgroup/memory/x/c1", "/sys/fs/cgroup/unified/c1"), cg.directories());
    }

    @Test
    void aControllerIsAlsoFoundThroughItsOwnNameAndMissingHierarchiesAreSkipped() {
        RecordingSyscalls sys = new RecordingSyscalls().strictPaths();
        sys.file("/proc/100/cgroup", "4:cpu,cpuacct:/c1\n5:blkio:/c1\n0::/c1\n");
        sys.file("/sys/fs/cgroup/cpu/c1/cgroup.procs", ""); // no "cpu,cpuacct" directory, the "cpu" link is there
        sys.file("/sys/fs/cgroup/c1/cgroup.procs", "");      // cgroup v2 only: the unified hierarchy is /sys/fs/cgroup
        assertEquals(List.of("/sys/fs/cgroup/cpu/c1", "/sys/fs/cgroup/c1"), ExecCgroups.of(sys, 100, Map.of()).directories());
    }

    @Test
    void theProcessWritesItselfIntoEachV1TasksFileAndCgroupProcsOnlyWhereCloneDidNotPlaceIt() {
        List<String> v1 = List.of("/sys/fs/cgroup/pids/c1", "/sys/fs/cgroup/cpu,cpuacct/c1", "/sys/fs/cgroup/systemd/c1",
                "/sys/fs/cgroup/memory/x/c1");
        RecordingSyscalls placed = hybridHost();
        ExecCgroups.of(placed, 100, Map.of()).joinSelf(true);
        for (String dir : v1) {
            assertEquals("0", placed.text(dir + "/tasks"), dir);
            assertEquals("", placed.text(dir + "/cgroup.procs"), dir);
        }
        assertEquals("", placed.text("/sys/fs/cgroup/unified/c1/cgroup.procs"));

        RecordingSyscalls notPlaced = hybridHost();
        ExecCgroups.of(notPlaced, 100, Map.of()).joinSelf(false);
        assertEquals("0", notPlaced.text("/sys/fs/cgroup/unified/c1/cgroup.procs"));
    }

    @Test
    void theCgroup2DirectoryIsOpenedForCloneIntoCgroup() {
        RecordingSyscalls sys = hybridHost();
        int fd = ExecCgroups.of(sys, 100, Map.of()).openCgroup2Dir();
        assertEquals("/sys/fs/cgroup/unified/c1", sys.openPath(fd));
        RecordingSyscalls v1Only = new RecordingSyscalls().strictPaths();
        v1Only.file("/proc/100/cgroup", "12:pids:/c1\n").file("/sys/fs/cgroup/pids/c1/cgroup.procs", "");
        assertEquals(-1, ExecCgroups.of(v1Only, 100, Map.of()).openCgroup2Dir());
    }

    @Test
    void aFailingJoinNamesTheFile() {
        RecordingSyscalls sys = hybridHost();
        sys.failWhen("openat(AT_FDCWD, \"/sys/fs/cgroup/systemd", Errno.EACCES);
        JruncException e = assertThrows(JruncException.class, () -> ExecCgroups.of(sys, 100, Map.of()).joinSelf(true));
        assertEquals("error adding the process to the container's cgroups: openat /sys/fs/cgroup/systemd/c1/tasks:"
                + " permission denied", e.getMessage());
        assertEquals(Errno.EACCES, e.errno());
    }

    @Test
    void subPathsParseAsRuncDoes() {
        assertEquals(Map.of(), ExecCgroups.parseSubPaths(List.of()));
        assertEquals(Map.of("", "sub"), ExecCgroups.parseSubPaths(List.of("sub")));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("cpu", "/a");
        expected.put("cpuacct", "/a");
        expected.put("memory", "b");
        assertEquals(expected, ExecCgroups.parseSubPaths(List.of("cpu,cpuacct:/a", "memory:b")));
        assertEquals("invalid --cgroup argument: a:b:c",
                assertThrows(JruncException.class, () -> ExecCgroups.parseSubPaths(List.of("a:b:c"))).getMessage());
        assertEquals("invalid --cgroup argument: foo (missing <controller>: prefix)",
                assertThrows(JruncException.class, () -> ExecCgroups.parseSubPaths(List.of("foo", "bar"))).getMessage());
    }

    @Test
    void aPlainSubPathMovesEveryHierarchy() {
        ExecCgroups cg = ExecCgroups.of(hybridHost(), 100, Map.of("", "/sub/"));
        assertEquals(List.of("/sys/fs/cgroup/pids/c1/sub", "/sys/fs/cgroup/cpu,cpuacct/c1/sub",
                "/sys/fs/cgroup/systemd/c1/sub", "/sys/fs/cgroup/memory/x/c1/sub", "/sys/fs/cgroup/unified/c1/sub"),
                cg.directories());
    }

    @Test
    void aControllerSubPathMovesOnlyItsHierarchy() {
        ExecCgroups cg = ExecCgroups.of(hybridHost(), 100, Map.of("cpuacct", "a/b", "name=systemd", "s"));
        assertEquals(List.of("/sys/fs/cgroup/pids/c1", "/sys/fs/cgroup/cpu,cpuacct/c1/a/b", "/sys/fs/cgroup/systemd/c1/s",
                "/sys/fs/cgroup/memory/x/c1", "/sys/fs/cgroup/unified/c1"), cg.directories());
    }

    @Test
    void aSubPathMustStayInsideAndNameAKnownController() {
        assertEquals("../c10 is not a sub cgroup path", assertThrows(JruncException.class,
                () -> ExecCgroups.of(hybridHost(), 100, Map.of("", "../c10"))).getMessage());
        assertEquals("unknown controller rdma in SubCgroupPaths", assertThrows(JruncException.class,
                () -> ExecCgroups.of(hybridHost(), 100, Map.of("rdma", "x"))).getMessage());
    }

    @Test
    void aMissingSubCgroupFailsWhenJoined() {
        RecordingSyscalls sys = hybridHost();
        JruncException e = assertThrows(JruncException.class,
                () -> ExecCgroups.of(sys, 100, Map.of("pids", "nope")).joinSelf(true));
        assertEquals("error adding the process to the container's cgroups: openat /sys/fs/cgroup/pids/c1/nope/tasks:"
                + " no such file or directory", e.getMessage());
    }

    @Test
    void pathJoinIsGosPathJoin() {
        assertEquals("/sys/fs/cgroup/a", ExecCgroups.join("/sys/fs/cgroup", "/a/./b/.."));
        assertEquals("/sys/fs/cgroup", ExecCgroups.join("/sys/fs/cgroup", "/"));
        assertEquals("/", ExecCgroups.join("/", "../.."));
    }
}

package io.jrunc.cgroups;

import io.jrunc.JruncException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** runc's cgroupsPath rules for the cgroupfs driver, and the systemd driver's refusal. */
class CgroupPathRulesTest {
    private static final String V2_MOUNTINFO = "26 24 0:23 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n";

    private static CgroupLayout v2(String own) {
        return CgroupLayout.parse(V2_MOUNTINFO, "0::" + own + "\n", CgroupLayout.DEFAULT_ROOT);
    }

    @Test
    void emptyPathIsTheContainerIdBesideJruncsOwnCgroupOnV2() {
        // relative to the parent of our own cgroup, which has processes and cannot delegate
        assertEquals("/sys/fs/cgroup/user.slice/ctr1",
                CgroupPaths.unifiedDir(v2("/user.slice/session-1.scope"), CgroupPaths.innerPath("", "ctr1"), true));
        assertEquals("/sys/fs/cgroup/ctr1", CgroupPaths.unifiedDir(v2("/"), CgroupPaths.innerPath(null, "ctr1"), true));
    }

    @Test
    void absolutePathsStartAtTheMountpoint() {
        assertEquals("/sys/fs/cgroup/machine/ctr1",
                CgroupPaths.unifiedDir(v2("/user.slice/x.scope"), CgroupPaths.innerPath("/machine/ctr1", "id"), true));
    }

    @Test
    void relativePathsCannotClimbOut() {
        assertEquals("a/b", CgroupPaths.innerPath("../../a/./b/", "id"));
        assertEquals("/a", CgroupPaths.innerPath("/../../a", "id"));
        assertEquals("/sys/fs/cgroup/user.slice/a",
                CgroupPaths.unifiedDir(v2("/user.slice/s.scope"), CgroupPaths.innerPath("../../../a", "id"), true));
    }

    @Test
    void v1RelativePathsJoinEachHierarchysOwnCgroupWithoutTakingItsParent() {
        String mountinfo = """
                29 24 0:25 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
                30 24 0:26 / /sys/fs/cgroup/devices rw - cgroup cgroup rw,devices
                40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
                """;
        CgroupLayout layout = CgroupLayout.parse(mountinfo, "9:memory:/job/7\n5:devices:/\n1:name=systemd:/s\n",
                CgroupLayout.DEFAULT_ROOT);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("devices", "/sys/fs/cgroup/devices/ctr");
        expected.put("memory", "/sys/fs/cgroup/memory/job/7/ctr");
        expected.put("name=systemd", "/sys/fs/cgroup/systemd/s/ctr");
        assertEquals(expected, CgroupPaths.v1Dirs(layout, "ctr"));
    }

    @Test
    void aV1MountShowingASubtreeIsAccountedFor() {
        // in a container the memory hierarchy is mounted from /docker/abc; /proc/self/cgroup shows the full path
        String mountinfo = """
                29 24 0:25 /docker/abc /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
                30 24 0:26 /docker/abc /sys/fs/cgroup/devices rw - cgroup cgroup rw,devices
                """;
        CgroupLayout layout = CgroupLayout.parse(mountinfo, "9:memory:/docker/abc\n5:devices:/docker/abc\n",
                CgroupLayout.DEFAULT_ROOT);
        assertEquals("/sys/fs/cgroup/memory/inner", CgroupPaths.v1Dirs(layout, "inner").get("memory"));
    }

    @Test
    void hybridAddsTheUnifiedDirectoryUnderTheEmptyKey() {
        CgroupLayout layout = CgroupLayout.hybrid(Map.of("devices", "/sys/fs/cgroup/devices"), "/sys/fs/cgroup/unified");
        assertEquals(Map.of("devices", "/sys/fs/cgroup/devices/x/c", "", "/sys/fs/cgroup/unified/x/c"),
                CgroupPaths.v1Dirs(layout, "/x/c"));
    }

    @Test
    void aV1HostWithoutTheDevicesControllerIsRefused() {
        CgroupLayout layout = CgroupLayout.v1(Map.of("memory", "/sys/fs/cgroup/memory"));
        JruncException e = assertThrows(JruncException.class, () -> CgroupPaths.v1Dirs(layout, "/c"));
        assertEquals("mountpoint for devices not found", e.getMessage());
    }

    @Test
    void systemdDriverWantsSlicePrefixName() {
        JruncException e = assertThrows(JruncException.class,
                () -> SystemdCgroups.refuse("/not/systemd", false));
        assertEquals("expected cgroupsPath to be of format \"slice:prefix:name\" for systemd cgroups, got \"/not/systemd\" instead",
                e.getMessage());
    }

    @Test
    void systemdDriverWithoutSystemdFailsWithRuncsWords() {
        JruncException e = assertThrows(JruncException.class,
                () -> SystemdCgroups.refuse("system.slice:docker:abc", false));
        assertEquals("systemd not running on this host, cannot use systemd cgroups manager", e.getMessage());
        assertThrows(JruncException.class, () -> SystemdCgroups.refuse("", true));
    }

    @Test
    void forContainerWithSystemdCreatesNothing() {
        // the check comes before any path is even computed
        CgroupLayout layout = CgroupLayout.v2("/nonexistent-cgroup-root", "/");
        assertThrows(JruncException.class, () -> CgroupManager.forContainer(io.jrunc.sys.LinuxSyscalls.INSTANCE,
                layout, "ctr", "system.slice:docker:ctr", true));
    }
}

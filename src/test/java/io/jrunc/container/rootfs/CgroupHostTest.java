package io.jrunc.container.rootfs;

import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the host's cgroup layout from statfs and /proc, as runc does. */
class CgroupHostTest {

    private static final String HYBRID_MOUNTINFO = String.join("\n",
            "25 30 0:23 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw",
            "30 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
            "33 25 0:27 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755",
            "34 33 0:28 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw",
            "35 33 0:29 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,xattr,name=systemd",
            "38 33 0:32 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,cpu,cpuacct",
            "39 33 0:33 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup rw,memory",
            "40 33 0:34 /docker /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:17 - cgroup cgroup rw,pids",
            "41 30 0:35 / /mnt/with\\040space rw - cgroup cgroup rw,blkio",
            "");

    private static final String OWN_CGROUPS = String.join("\n",
            "12:pids:/docker/abc",
            "5:memory:/user.slice",
            "4:cpu,cpuacct:/user.slice",
            "1:name=systemd:/user.slice/session-1.scope",
            "0::/user.slice/session-1.scope",
            "");

    @Test
    void mountinfoLinesAreSplitAndUnescaped() {
        List<MountInfo> infos = MountInfo.parse(HYBRID_MOUNTINFO);
        assertEquals(9, infos.size());
        assertEquals(new MountInfo("/", "/sys/fs/cgroup/cpu,cpuacct", "cgroup", "cgroup", "rw,cpu,cpuacct"), infos.get(5));
        assertEquals("/mnt/with space", infos.get(8).mountpoint());
        assertEquals("/docker", infos.get(7).root());
    }

    @Test
    void eachHierarchyThisProcessIsInIsFoundWithItsOwnDirectory() {
        List<CgroupHost.V1Hierarchy> h = ProcCgroupHost.hierarchies(MountInfo.parse(HYBRID_MOUNTINFO),
                ProcCgroupHost.ownCgroups(OWN_CGROUPS), Map.of());
        assertEquals(List.of(
                new CgroupHost.V1Hierarchy("/sys/fs/cgroup/systemd", "/sys/fs/cgroup/systemd/user.slice/session-1.scope"),
                new CgroupHost.V1Hierarchy("/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/cpu,cpuacct/user.slice"),
                new CgroupHost.V1Hierarchy("/sys/fs/cgroup/memory", "/sys/fs/cgroup/memory/user.slice"),
                new CgroupHost.V1Hierarchy("/sys/fs/cgroup/pids", "/sys/fs/cgroup/pids/abc")), h,
                "blkio is not in /proc/self/cgroup; a mount rooted at /docker holds /docker/abc as abc");
    }

    @Test
    void theContainersOwnDirectoriesReplaceThoseOfAnInitNotYetInThem() {
        List<CgroupHost.V1Hierarchy> h = ProcCgroupHost.hierarchies(MountInfo.parse(HYBRID_MOUNTINFO),
                ProcCgroupHost.ownCgroups(OWN_CGROUPS),
                Map.of("memory", "/sys/fs/cgroup/memory/c1", "name=systemd", "/sys/fs/cgroup/systemd/c1"));
        assertEquals(List.of(
                new CgroupHost.V1Hierarchy("/sys/fs/cgroup/systemd", "/sys/fs/cgroup/systemd/c1"),
                new CgroupHost.V1Hierarchy("/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/cpu,cpuacct/user.slice"),
                new CgroupHost.V1Hierarchy("/sys/fs/cgroup/memory", "/sys/fs/cgroup/memory/c1"),
                new CgroupHost.V1Hierarchy("/sys/fs/cgroup/pids", "/sys/fs/cgroup/pids/abc")), h);
    }

    @Test
    void aPureCgroupV2HostIsToldByTheFilesystemMagic() {
        RootfsKernel kernel = new RootfsKernel();
        kernel.willReturn("statfs(\"/sys/fs/cgroup\")", new Syscalls.Statfs(Linux.CGROUP2_SUPER_MAGIC, 4096, 0),
                new Syscalls.Statfs(Linux.TMPFS_MAGIC, 4096, 0));
        assertTrue(CgroupHost.of(kernel).unified());
        assertFalse(CgroupHost.of(kernel).unified());
    }

    @Test
    void theV1LayoutIsReadFromProc() {
        RootfsKernel kernel = new RootfsKernel();
        kernel.file("/proc/self/mountinfo", HYBRID_MOUNTINFO).file("/proc/self/cgroup", OWN_CGROUPS);
        assertEquals(4, CgroupHost.of(kernel).v1Hierarchies().size());
        assertEquals(java.util.Set.of(), kernel.openFds());
    }
}

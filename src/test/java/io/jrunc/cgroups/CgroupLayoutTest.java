package io.jrunc.cgroups;

import io.jrunc.JruncException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CgroupLayoutTest {
    private static final String ROOT = CgroupLayout.DEFAULT_ROOT;

    // a systemd host on cgroup v2 only (Fedora, Ubuntu 22.04+)
    private static final String V2_MOUNTINFO = """
            22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw
            24 22 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:2 - sysfs sysfs rw
            26 24 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
            27 24 0:24 / /sys/fs/bpf rw,nosuid,nodev,noexec,relatime shared:5 - bpf bpf rw,mode=700
            """;
    private static final String V2_CGROUP = "0::/user.slice/user-1000.slice/session-2.scope\n";

    // CentOS 7 style: v1 only, cpu and cpuacct co-mounted
    private static final String V1_MOUNTINFO = """
            18 60 0:17 / /sys rw,nosuid,nodev,noexec,relatime shared:6 - sysfs sysfs rw
            24 18 0:20 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:7 - tmpfs tmpfs ro,mode=755
            25 24 0:21 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:8 - cgroup cgroup rw,xattr,release_agent=/usr/lib/systemd/systemd-cgroups-agent,name=systemd
            28 24 0:24 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup rw,cpuacct,cpu
            29 24 0:25 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,memory
            30 24 0:26 / /sys/fs/cgroup/devices rw,nosuid,nodev,noexec,relatime shared:12 - cgroup cgroup rw,devices
            31 24 0:27 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,pids
            99 24 0:25 /docker /mnt/memory-again rw,relatime - cgroup cgroup rw,memory
            """;
    private static final String V1_CGROUP = """
            11:pids:/user.slice
            10:devices:/user.slice
            9:memory:/user.slice
            5:cpu,cpuacct:/user.slice
            1:name=systemd:/user.slice/user-1000.slice/session-1.scope
            """;

    // this machine's kind: v1 controllers plus an empty cgroup2 at /sys/fs/cgroup/unified
    private static final String HYBRID_MOUNTINFO = """
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
            35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
            40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;
    private static final String HYBRID_CGROUP = """
            9:name=systemd:/
            5:devices:/
            4:memory:/process_api/1369
            2:cpuacct:/
            1:cpu:/
            0::/
            """;

    @Test
    void pureV2UsesTheCgroup2MountAtTheRoot() {
        CgroupLayout layout = CgroupLayout.parse(V2_MOUNTINFO, V2_CGROUP, ROOT);
        assertEquals(CgroupLayout.Kind.V2, layout.kind());
        assertEquals(new CgroupLayout.Mount("/sys/fs/cgroup", "/"), layout.unified());
        assertEquals(Map.of(), layout.v1());
        assertEquals("/user.slice/user-1000.slice/session-2.scope", layout.ownCgroups().get(""));
    }

    @Test
    void pureV1MapsEverySubsystemToTheFirstMountOfItsHierarchy() {
        CgroupLayout layout = CgroupLayout.parse(V1_MOUNTINFO, V1_CGROUP, ROOT);
        assertEquals(CgroupLayout.Kind.V1, layout.kind());
        assertNull(layout.unified());
        assertEquals("/sys/fs/cgroup/cpu,cpuacct", layout.v1().get("cpu").mountpoint());
        assertEquals("/sys/fs/cgroup/cpu,cpuacct", layout.v1().get("cpuacct").mountpoint());
        assertEquals("/sys/fs/cgroup/memory", layout.v1().get("memory").mountpoint()); // not the later bind mount
        assertEquals("/sys/fs/cgroup/systemd", layout.v1().get("name=systemd").mountpoint());
        assertEquals(List.of("name=systemd", "cpuacct", "cpu", "memory", "devices", "pids"),
                List.copyOf(layout.v1().keySet()));
    }

    @Test
    void hybridHasV1ControllersAndTheUnifiedMount() {
        CgroupLayout layout = CgroupLayout.parse(HYBRID_MOUNTINFO, HYBRID_CGROUP, ROOT);
        assertEquals(CgroupLayout.Kind.HYBRID, layout.kind());
        assertEquals("/sys/fs/cgroup/unified", layout.unified().mountpoint());
        assertEquals("/sys/fs/cgroup/cpu", layout.v1().get("cpu").mountpoint());
        assertEquals("/sys/fs/cgroup/cpuacct", layout.v1().get("cpuacct").mountpoint());
        assertEquals("/process_api/1369", layout.ownCgroups().get("memory"));
        assertEquals("/", layout.ownCgroups().get(""));
    }

    @Test
    void theRootIsConfigurableSoATemporaryTreeCanBePureV2() {
        String mountinfo = "77 22 0:99 / /tmp/t/cg rw - cgroup2 cgroup2 rw\n"
                + "78 22 0:98 / /tmp/t/cg-v1/memory rw - cgroup cgroup rw,memory\n";
        String cgroup = "4:memory:/\n0::/\n";
        assertEquals(CgroupLayout.Kind.V2, CgroupLayout.parse(mountinfo, cgroup, "/tmp/t/cg").kind());
        assertEquals(CgroupLayout.Kind.HYBRID, CgroupLayout.parse(mountinfo, cgroup, ROOT).kind());
    }

    @Test
    void escapedMountpointsAreDecoded() {
        String mountinfo = "50 1 0:40 / /srv/my\\040cgroups rw - cgroup2 cgroup2 rw\n";
        assertEquals("/srv/my cgroups", CgroupLayout.parse(mountinfo, "0::/\n", "/srv/my cgroups").unified().mountpoint());
    }

    @Test
    void aHostWithoutCgroupsIsAnError() {
        JruncException e = assertThrows(JruncException.class,
                () -> CgroupLayout.parse("22 1 259:2 / / rw - ext4 /dev/sda rw\n", "0::/\n", ROOT));
        assertEquals("no cgroup mount found in mountinfo", e.getMessage());
    }

    @Test
    void malformedProcCgroupIsReported() {
        JruncException e = assertThrows(JruncException.class, () -> CgroupLayout.parse(V2_MOUNTINFO, "garbage\n", ROOT));
        assertEquals("invalid cgroup entry: must contain at least two colons: garbage", e.getMessage());
    }

    @Test
    void detectAgreesWithStatfsAsRuncDecides() {
        // runc: cgroup2 at /sys/fs/cgroup is unified mode, cgroup2 at /sys/fs/cgroup/unified is hybrid
        io.jrunc.sys.Syscalls sys = io.jrunc.sys.LinuxSyscalls.INSTANCE;
        CgroupLayout layout = CgroupLayout.detect(sys);
        CgroupLayout.Kind expected;
        if (sys.statfs(ROOT).type() == io.jrunc.sys.Linux.CGROUP2_SUPER_MAGIC) {
            expected = CgroupLayout.Kind.V2;
        } else if (java.nio.file.Files.isDirectory(java.nio.file.Path.of(ROOT, "unified"))
                && sys.statfs(ROOT + "/unified").type() == io.jrunc.sys.Linux.CGROUP2_SUPER_MAGIC) {
            expected = CgroupLayout.Kind.HYBRID;
        } else {
            expected = CgroupLayout.Kind.V1;
        }
        assertEquals(expected, layout.kind());
    }
}

package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.spec.DefaultSpec;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Syscalls;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jrunc.sys.Linux.MS_NODEV;
import static io.jrunc.sys.Linux.MS_NOEXEC;
import static io.jrunc.sys.Linux.MS_NOSUID;
import static io.jrunc.sys.Linux.S_IFCHR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** sysctls, readonlyPaths and maskedPaths, applied inside the new root. */
class RestrictTest {

    private static RootfsConfig config(Map<String, String> sysctl, List<String> readonly, List<String> masked) {
        RootfsConfig c = Hosts.config(DefaultSpec.example(true));
        return new RootfsConfig(c.rootfs(), c.readonly(), c.rootPropagation(), false, c.mounts(), c.devices(), false, false,
                null, sysctl, readonly, masked);
    }

    private static Syscalls.FileStat devNull() {
        return new Syscalls.FileStat(S_IFCHR | 0666, 0, 0, 0, 5, 1, 0, 6, 1, 3, 1);
    }

    @Test
    void sysctlsAreWrittenUnderProcSysInOrder() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.dir("/proc/sys/net/ipv4/conf/eno2.100").dir("/proc/sys/kernel");
        Map<String, String> sysctl = new LinkedHashMap<>();
        sysctl.put("net.ipv4.ip_forward", "1");
        sysctl.put("net/ipv4/conf/eno2.100/rp_filter", "2");
        sysctl.put("kernel.shmmax", "68719476736");
        Hosts.rootfs(kernel, config(sysctl, List.of(), List.of())).restrict();
        assertEquals("1", kernel.text("/proc/sys/net/ipv4/ip_forward"));
        assertEquals("2", kernel.text("/proc/sys/net/ipv4/conf/eno2.100/rp_filter"));
        assertEquals("68719476736", kernel.text("/proc/sys/kernel/shmmax"));
        assertEquals(List.of(
                "openat(AT_FDCWD, \"/proc/sys/net/ipv4/ip_forward\", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644)",
                "openat(AT_FDCWD, \"/proc/sys/net/ipv4/conf/eno2.100/rp_filter\", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644)",
                "openat(AT_FDCWD, \"/proc/sys/kernel/shmmax\", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644)"),
                kernel.calls("openat("));
        assertEquals(java.util.Set.of(), kernel.openFds());
    }

    @Test
    void anUnknownSysctlFailsAsOsWriteFileWould() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.failWhen("openat(AT_FDCWD, \"/proc/sys/net/nope\"", Errno.ENOENT);
        JruncException e = assertThrows(JruncException.class,
                () -> Hosts.rootfs(kernel, config(Map.of("net.nope", "1"), List.of(), List.of())).restrict());
        assertEquals("open /proc/sys/net/nope: no such file or directory", e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void readonlyPathsAreBoundOntoThemselvesAndRemountedKeepingNosuidNodevNoexec() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.willReturn("statfs(\"/proc/sys\")", new Syscalls.Statfs(0x9fa0, 4096, MS_NOSUID | MS_NODEV | MS_NOEXEC | 32));
        kernel.failWhen("mount(\"/proc/missing\"", Errno.ENOENT);
        Hosts.rootfs(kernel, config(Map.of(), List.of("/proc/sys", "/proc/missing"), List.of())).restrict();
        assertEquals(List.of(
                "mount(\"/proc/sys\", \"/proc/sys\", null, MS_BIND|MS_REC, null)",
                "statfs(\"/proc/sys\")",
                "mount(\"/proc/sys\", \"/proc/sys\", null, MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_REMOUNT|MS_BIND, null)",
                "mount(\"/proc/missing\", \"/proc/missing\", null, MS_BIND|MS_REC, null)"), kernel.calls());
    }

    @Test
    void aReadonlyPathFailureNamesThePath() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.failWhen("statfs(", Errno.EACCES);
        JruncException e = assertThrows(JruncException.class,
                () -> Hosts.rootfs(kernel, config(Map.of(), List.of("/proc/bus"), List.of())).restrict());
        assertEquals("can't make \"/proc/bus\" read-only: statfs /proc/bus: permission denied", e.getMessage());
        assertEquals(Errno.EACCES, e.errno());
    }

    @Test
    void maskedFilesGetDevNullAndMaskedDirectoriesAReadOnlyTmpfsWithoutAFailedBindFirst() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.willReturn("statx(3, \"\"", devNull());
        kernel.file("/proc/kcore", "");
        kernel.dir("/proc/acpi");
        Hosts.rootfs(kernel, config(Map.of(), List.of(), List.of("/proc/kcore", "/proc/acpi", "/proc/scsi"))).restrict();
        assertEquals(List.of(
                "openat(AT_FDCWD, \"/dev/null\", O_RDONLY|O_CLOEXEC|O_PATH, 0)",
                "statx(3, \"\", AT_EMPTY_PATH)",
                "statx(AT_FDCWD, \"/proc/kcore\", 0)",
                "mount(\"/proc/self/fd/3\", \"/proc/kcore\", null, MS_BIND, null)",
                "statx(AT_FDCWD, \"/proc/acpi\", 0)",
                "mount(\"tmpfs\", \"/proc/acpi\", \"tmpfs\", MS_RDONLY, null)",
                "statx(AT_FDCWD, \"/proc/scsi\", 0)", // missing: nothing to mask
                "close(3)"), kernel.calls());
    }

    @Test
    void aPathThatBecomesADirectoryAfterItsStatIsStillMaskedAsOne() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.willReturn("statx(3, \"\"", devNull());
        kernel.file("/proc/acpi", "");
        kernel.failWhen("mount(\"/proc/self/fd/3\", \"/proc/acpi\"", Errno.ENOTDIR);
        Hosts.rootfs(kernel, config(Map.of(), List.of(), List.of("/proc/acpi"))).restrict();
        assertEquals(List.of("mount(\"/proc/self/fd/3\", \"/proc/acpi\", null, MS_BIND, null)",
                "mount(\"tmpfs\", \"/proc/acpi\", \"tmpfs\", MS_RDONLY, null)"), kernel.calls("mount("));
    }

    @Test
    void aDevNullThatIsNotTheNullDeviceIsNeverUsedToMask() {
        RootfsKernel kernel = RootfsKernel.withImage();
        JruncException e = assertThrows(JruncException.class,
                () -> Hosts.rootfs(kernel, config(Map.of(), List.of(), List.of("/proc/kcore"))).restrict());
        assertEquals("can't mask path /proc/kcore: /dev/null is not the null device (char 1:3)", e.getMessage());
        assertEquals(List.of(), kernel.calls("mount("));
        assertEquals(java.util.Set.of(), kernel.openFds());
    }
}

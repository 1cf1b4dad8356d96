package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.spec.DefaultSpec;
import io.jrunc.spec.Mount;
import io.jrunc.spec.Root;
import io.jrunc.spec.Spec;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Syscalls;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jrunc.container.rootfs.RootfsKernel.ROOTFS;
import static io.jrunc.sys.Linux.S_IFCHR;
import static io.jrunc.sys.Linux.ST_NODEV;
import static io.jrunc.sys.Linux.ST_NOSUID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Entering the rootfs (pivot_root or --no-pivot) and finishing it (read-only remounts). */
class EnterAndFinishTest {

    private static Syscalls.FileStat charDevice(int major, int minor) {
        return new Syscalls.FileStat(S_IFCHR | 0666, 0, 0, 0, 5, 1, 0, 6, major, minor, 1);
    }

    private static Syscalls.FileStat pipe() {
        return new Syscalls.FileStat(0010600, 0, 0, 0, 9, 1, 0, 13, 0, 0, 1);
    }

    @Test
    void pivotRootSwapsRootsWithoutAPutOldDirectory() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.willReturn("statx(", charDevice(1, 3), pipe(), pipe(), pipe());
        ContainerRootfs rootfs = Hosts.rootfs(kernel, Hosts.config(DefaultSpec.example(true)));

        rootfs.changeToRootfs();
        rootfs.enter("/");

        assertEquals(List.of(
                "chdir(\"/bundle/rootfs\")",
                "openat(AT_FDCWD, \"/\", O_RDONLY|O_DIRECTORY|O_CLOEXEC, 0)",
                "openat(AT_FDCWD, \"/bundle/rootfs\", O_RDONLY|O_DIRECTORY|O_CLOEXEC, 0)",
                "fchdir(4)",
                "pivotRoot(\".\", \".\")",
                "fchdir(3)",
                "mount(null, \".\", null, MS_REC|MS_SLAVE, null)",
                "umount2(\".\", MNT_DETACH)",
                "chdir(\"/\")",
                "close(4)",
                "close(3)",
                "openat(AT_FDCWD, \"/dev/null\", O_RDWR|O_CLOEXEC, 0)",
                "statx(5, \"\", AT_EMPTY_PATH)",
                "statx(0, \"\", AT_EMPTY_PATH)",
                "statx(1, \"\", AT_EMPTY_PATH)",
                "statx(2, \"\", AT_EMPTY_PATH)",
                "close(5)",
                "statx(AT_FDCWD, \"/\", 0)"), kernel.calls());
    }

    @Test
    void stdioThatIsTheHostsDevNullIsReopenedOnTheContainersOne() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.willReturn("statx(", charDevice(1, 3), charDevice(1, 3), pipe(), charDevice(1, 3));
        Hosts.rootfs(kernel, Hosts.config(DefaultSpec.example(true))).enter(null);
        assertEquals(List.of("dup3(5, 0, 0)", "dup3(5, 2, 0)"), kernel.calls("dup3("));
    }

    @Test
    void theProcessWorkingDirectoryIsCreatedInTheNewRoot() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.willReturn("statx(", charDevice(1, 3), pipe(), pipe(), pipe());
        Hosts.rootfs(kernel, Hosts.config(DefaultSpec.example(true))).enter("/srv/app");
        assertTrue(kernel.calls().contains("mkdirat(AT_FDCWD, \"/srv/app\", 0755)"), String.join("\n", kernel.calls()));
    }

    @Test
    void noPivotUnmountsTheHostsProcAndSysThenMovesTheRootfsOntoSlash() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.willReturn("statx(", charDevice(1, 3), pipe(), pipe(), pipe());
        kernel.file("/proc/self/mountinfo", String.join("\n",
                "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
                "23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw",
                "24 22 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:2 - sysfs sysfs rw",
                "25 23 0:44 / /proc/sys/fs/binfmt_misc rw,relatime shared:27 - binfmt_misc binfmt_misc rw",
                "26 22 0:23 /net /run/netns rw shared:5 - proc proc rw",
                "27 22 0:21 / /bundle/rootfs/proc rw - proc proc rw",
                ""));
        kernel.failWhen("umount2(\"/sys\"", Errno.EPERM);
        RootfsConfig config = RootfsConfig.of(DefaultSpec.example(true), RootfsKernel.BUNDLE, true, null);
        ContainerRootfs rootfs = Hosts.rootfs(kernel, config);
        rootfs.changeToRootfs();
        kernel.clearCalls();

        rootfs.enter(null);

        List<String> calls = kernel.calls().stream()
                .filter(c -> !c.startsWith("read(") && !c.startsWith("openat(AT_FDCWD, \"/proc/self/mountinfo\"")).toList();
        assertEquals(List.of(
                "close(3)",
                "mount(null, \"/proc\", null, MS_REC|MS_SLAVE, null)",
                "umount2(\"/proc\", MNT_DETACH)",
                "mount(null, \"/sys\", null, MS_REC|MS_SLAVE, null)",
                "umount2(\"/sys\", MNT_DETACH)",
                "mount(\"tmpfs\", \"/sys\", \"tmpfs\", 0, null)",
                "mount(\"/bundle/rootfs\", \"/\", null, MS_MOVE, null)",
                "chroot(\".\")",
                "chdir(\"/\")"), calls.subList(0, 9), "partial procfs mounts and the container's own are left alone");
    }

    @Test
    void noPivotRefusesAPrivateRootPropagation() {
        Spec spec = DefaultSpec.example(true);
        io.jrunc.spec.Linux l = spec.linux();
        io.jrunc.spec.Linux priv = new io.jrunc.spec.Linux(l.uidMappings(), l.gidMappings(), l.sysctl(), l.resources(),
                l.cgroupsPath(), l.namespaces(), l.devices(), l.netDevices(), l.seccomp(), "rprivate", l.maskedPaths(),
                l.readonlyPaths(), l.mountLabel(), l.intelRdt(), l.personality(), l.timeOffsets(), l.memoryPolicy());
        JruncException e = assertThrows(JruncException.class,
                () -> RootfsConfig.of(spec.withLinux(priv), RootfsKernel.BUNDLE, true, null));
        assertEquals("rootfsPropagation of [r]private is not safe without pivot_root", e.getMessage());
    }

    @Test
    void aFailedPivotIsReportedAsRuncDoesAndClosesBothRoots() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.failWhen("pivotRoot(", Errno.EINVAL);
        JruncException e = assertThrows(JruncException.class,
                () -> Hosts.rootfs(kernel, Hosts.config(DefaultSpec.example(true))).enter(null));
        assertEquals("error jailing process inside rootfs: pivot_root .: invalid argument", e.getMessage());
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(java.util.Set.of(), kernel.openFds());
    }

    @Test
    void finishRemountsReadOnlyTmpfsAndDevThenTheRootAndSetsTheUmask() {
        RootfsKernel kernel = RootfsKernel.withImage();
        List<Mount> mounts = List.of(
                new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "ro")),
                new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "ro")),
                new Mount("/run", "tmpfs", "tmpfs", List.of("nodev", "ro")),
                new Mount("/tmp", "tmpfs", "tmpfs", List.of("nodev")));
        Hosts.rootfs(kernel, Hosts.config(Hosts.defaultSpecWith(mounts))).finish();
        assertEquals(List.of(
                "mount(null, \"/dev\", null, MS_RDONLY|MS_NOSUID|MS_REMOUNT|MS_BIND|MS_STRICTATIME, null)",
                "mount(null, \"/run\", null, MS_RDONLY|MS_NODEV|MS_REMOUNT|MS_BIND, null)",
                "mount(null, \"/\", null, MS_RDONLY|MS_REMOUNT|MS_BIND, null)",
                "umask(022)"), kernel.calls());
    }

    @Test
    void aRefusedReadOnlyRootIsRetriedKeepingTheFlagsItHas() {
        RootfsKernel kernel = RootfsKernel.withImage();
        MountKindsTest.failFirst(kernel, "mount(null, \"/\"", Errno.EPERM);
        kernel.willReturn("statfs(\"/\")", new Syscalls.Statfs(0xEF53, 4096, ST_NOSUID | ST_NODEV));
        Spec spec = Hosts.defaultSpecWith(List.of());
        Hosts.rootfs(kernel, Hosts.config(spec)).finish();
        assertEquals(List.of(
                "mount(null, \"/\", null, MS_RDONLY|MS_REMOUNT|MS_BIND, null)",
                "statfs(\"/\")",
                "mount(null, \"/\", null, MS_RDONLY|MS_NOSUID|MS_NODEV|MS_REMOUNT|MS_BIND|MS_STRICTATIME, null)",
                "umask(022)"), kernel.calls());
    }

    @Test
    void aBusyMountIsRetriedFiveTimesThenReported() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.failWhen("mount(null, \"/dev\"", Errno.EBUSY);
        int[] pauses = {0};
        Spec spec = Hosts.defaultSpecWith(List.of(new Mount("/dev", "tmpfs", "tmpfs", List.of("ro"))))
                .withLinux(DefaultSpec.example(true).linux());
        ContainerRootfs rootfs = new ContainerRootfs(kernel, Hosts.config(spec), Hosts.cgroupV2(), () -> pauses[0]++);
        JruncException e = assertThrows(JruncException.class, rootfs::finish);
        assertEquals("unable to mount /dev as readonly max retries reached", e.getMessage());
        assertEquals(5, kernel.calls("mount(").size());
        assertEquals(5, pauses[0]);
    }

    @Test
    void aWritableRootIsLeftWritable() {
        RootfsKernel kernel = RootfsKernel.withImage();
        Spec spec = Hosts.defaultSpecWith(List.of());
        spec = new Spec(spec.ociVersion(), spec.process(), new Root("rootfs", false), spec.hostname(), spec.domainname(),
                spec.mounts(), spec.hooks(), spec.annotations(), spec.linux());
        Hosts.rootfs(kernel, Hosts.config(spec)).finish();
        assertEquals(List.of("umask(022)"), kernel.calls());
    }

    @Test
    void theRootfsIsTheBundlesRootPathCleaned() {
        assertEquals(ROOTFS, Hosts.config(DefaultSpec.example(true)).rootfs());
        Spec abs = DefaultSpec.example(true);
        abs = new Spec(abs.ociVersion(), abs.process(), new Root("/srv//images/../rootfs/", true), null, null,
                abs.mounts(), null, null, abs.linux());
        assertEquals("/srv/rootfs", Hosts.config(abs).rootfs());
    }
}

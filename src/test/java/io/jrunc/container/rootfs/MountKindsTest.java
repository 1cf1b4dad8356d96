package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.spec.Mount;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Syscalls;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.jrunc.container.rootfs.RootfsKernel.ROOTFS;
import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.ST_NODEV;
import static io.jrunc.sys.Linux.ST_NOSUID;
import static io.jrunc.sys.Linux.ST_RELATIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of config mount, call by call (the rootfs is already open as fd 3). */
class MountKindsTest {
    private static final String IN_ROOT = "RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT";

    /** Mounts {@code m} alone and returns the calls it took. */
    static List<String> install(RootfsKernel kernel, Mount m) {
        return install(kernel, m, Hosts.cgroupV2(), false);
    }

    static List<String> install(RootfsKernel kernel, Mount m, CgroupHost cgroups, boolean cgroupNamespace) {
        RootfsConfig config = Hosts.config(Hosts.defaultSpecWith(List.of(m)));
        RootfsConfig withNs = new RootfsConfig(config.rootfs(), false, config.rootPropagation(), false, config.mounts(),
                config.devices(), false, cgroupNamespace, null, config.sysctl(), List.of(), List.of());
        try (RootfsPaths paths = RootfsPaths.open(kernel, ROOTFS)) {
            kernel.clearCalls();
            new MountInstaller(kernel, paths, cgroups, withNs).install(withNs.mounts().getFirst());
            return kernel.calls();
        }
    }

    private static String openPath(String rel) {
        return "openat2(3, \"" + rel + "\", O_RDONLY|O_CLOEXEC|O_PATH, 0, " + IN_ROOT + ")";
    }

    private static String openDir(String rel) {
        return "openat2(3, \"" + rel + "\", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, " + IN_ROOT + ")";
    }

    private static String readlink(int fd) {
        return "readlinkat(AT_FDCWD, \"/proc/self/fd/" + fd + "\")";
    }

    // ---- bind mounts ---------------------------------------------------------------------------

    @Test
    void aFileBindLandsOnANewEmptyFileAndIsRemountedForItsOptions() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.file("/host/resolv.conf", "nameserver 10.0.0.1\n");
        List<String> calls = install(kernel, new Mount("/etc/resolv.conf", "bind", "/host/resolv.conf", List.of("rbind", "ro")));
        assertEquals(List.of(
                "statx(AT_FDCWD, \"/host/resolv.conf\", 0)",
                openPath("etc/resolv.conf"),
                openDir("etc"),
                "openat(4, \"resolv.conf\", O_RDONLY|O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC, 0755)",
                "close(5)",
                "close(4)",
                openPath("etc/resolv.conf"),
                readlink(6),
                readlink(3),
                "mount(\"/host/resolv.conf\", \"/proc/self/fd/6\", \"bind\", MS_RDONLY|MS_BIND|MS_REC, null)",
                "close(6)",
                openPath("etc/resolv.conf"),
                "mount(null, \"/proc/self/fd/7\", null, MS_RDONLY|MS_REMOUNT|MS_BIND|MS_REC, null)",
                "close(7)"), calls);
        assertTrue(kernel.has(ROOTFS + "/etc/resolv.conf"));
    }

    @Test
    void aDirectoryBindLandsOnANewDirectory() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.dir("/host/data");
        List<String> calls = install(kernel, new Mount("/data", "none", "/host/data", List.of("rbind")));
        assertEquals(List.of(
                "statx(AT_FDCWD, \"/host/data\", 0)",
                openPath("data"),
                "mkdirat(3, \"data\", 0755)",
                openDir("data"),
                readlink(4),
                readlink(3),
                "mount(\"/host/data\", \"/proc/self/fd/4\", \"bind\", MS_BIND|MS_REC, null)",
                "close(4)"), calls, "no remount: rbind alone changes no option");
        assertTrue(kernel.has(ROOTFS + "/data"));
    }

    @Test
    void aRelativeBindSourceIsRelativeToTheBundle() {
        ConfigMount m = ConfigMount.of(new Mount("/data", null, "shared/data", List.of("bind")), RootfsKernel.BUNDLE);
        assertEquals("/bundle/shared/data", m.source());
        assertEquals("bind", m.type());
    }

    @Test
    void aBindOfAMissingSourceFailsBeforeTouchingTheRootfs() {
        RootfsKernel kernel = RootfsKernel.withImage();
        JruncException e = assertThrows(JruncException.class,
                () -> install(kernel, new Mount("/data", "bind", "/host/missing", List.of("rbind"))));
        assertEquals("error mounting \"/host/missing\" to rootfs at \"/data\": stat /host/missing: no such file or directory",
                e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals(List.of("statx(AT_FDCWD, \"/host/missing\", 0)", "close(3)"), kernel.calls());
    }

    @Test
    void onlyClearingAFlagStillTakesARemount() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.dir("/host/data").dir(ROOTFS + "/data");
        List<String> calls = install(kernel, new Mount("/data", "bind", "/host/data", List.of("rbind", "rw")));
        assertEquals("mount(null, \"/proc/self/fd/5\", null, MS_REMOUNT|MS_BIND|MS_REC, null)", calls.get(calls.size() - 2));
    }

    @Test
    void aRefusedRemountIsRetriedKeepingTheSourcesLockedFlags() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.dir("/host/data").dir(ROOTFS + "/data");
        failFirst(kernel, "mount(null, \"/proc/self/fd/", Errno.EPERM);
        kernel.willReturn("statfs(\"/host/data\")", new Syscalls.Statfs(0xEF53, 4096, ST_NOSUID | ST_NODEV | ST_RELATIME));
        List<String> calls = install(kernel, new Mount("/data", "bind", "/host/data", List.of("rbind", "ro")));
        assertEquals(List.of(
                "mount(null, \"/proc/self/fd/5\", null, MS_RDONLY|MS_REMOUNT|MS_BIND|MS_REC, null)",
                "statfs(\"/host/data\")",
                "mount(null, \"/proc/self/fd/5\", null, MS_RDONLY|MS_NOSUID|MS_NODEV|MS_REMOUNT|MS_BIND|MS_REC|MS_RELATIME, null)",
                "close(5)"), calls.subList(calls.size() - 4, calls.size()));
    }

    @Test
    void aRefusedRemountFailsWhenTheConfigClearsALockedFlag() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.dir("/host/data").dir(ROOTFS + "/data");
        failFirst(kernel, "mount(null, \"/proc/self/fd/", Errno.EPERM);
        kernel.willReturn("statfs(\"/host/data\")", new Syscalls.Statfs(0xEF53, 4096, ST_NOSUID));
        JruncException e = assertThrows(JruncException.class,
                () -> install(kernel, new Mount("/data", "bind", "/host/data", List.of("rbind", "suid"))));
        assertEquals("error mounting \"/host/data\" to rootfs at \"/data\": mount dst=/data, dstFd=/proc/self/fd/5, "
                + "flags=MS_REMOUNT|MS_BIND|MS_REC: operation not permitted", e.getMessage());
        assertEquals(Errno.EPERM, e.errno());
        assertEquals(java.util.Set.of(), kernel.openFds(), "no fd left behind");
    }

    @Test
    void propagationOptionsAreAppliedToTheNewMountOneByOne() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.dir("/host/data").dir(ROOTFS + "/data");
        List<String> calls = install(kernel, new Mount("/data", "bind", "/host/data", List.of("rbind", "rshared", "private")));
        assertEquals(List.of(
                "mount(\"/host/data\", \"/proc/self/fd/4\", \"bind\", MS_BIND|MS_REC, null)",
                "close(4)",
                openPath("data"),
                "mount(null, \"/proc/self/fd/5\", null, MS_REC|MS_SHARED, null)",
                "mount(null, \"/proc/self/fd/5\", null, MS_PRIVATE, null)",
                "close(5)"), calls.subList(calls.size() - 6, calls.size()));
    }

    @Test
    void recursiveOptionsGoThroughMountSetattrOnTheWholeTree() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.dir("/host/data").dir(ROOTFS + "/data");
        List<String> calls = install(kernel, new Mount("/data", "bind", "/host/data", List.of("rbind", "rro", "rnosuid")));
        assertEquals(List.of(
                openPath("data"),
                "mountSetattr(5, \"\", AT_EMPTY_PATH|AT_RECURSIVE, MOUNT_ATTR_RDONLY|MOUNT_ATTR_NOSUID, 0, 0, 0)",
                "close(5)"), calls.subList(calls.size() - 3, calls.size()));
    }

    // ---- where a mount lands ---------------------------------------------------------------------

    @Test
    void aSymlinkInTheDestinationIsResolvedByTheKernelInsideTheRootfs() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.dir("/host/data");
        kernel.symlink(ROOTFS + "/x", "/etc");
        kernel.dir("/etc"); // the fake follows the link on the host; the kernel, told RESOLVE_IN_ROOT, does not
        kernel.willReturn(readlink(4), ROOTFS + "/etc");
        List<String> calls = install(kernel, new Mount("/x", "bind", "/host/data", List.of("rbind")));
        assertEquals(List.of(
                "statx(AT_FDCWD, \"/host/data\", 0)",
                openPath("x"),
                readlink(4),
                readlink(3),
                "mount(\"/host/data\", \"/proc/self/fd/4\", \"bind\", MS_BIND|MS_REC, null)",
                "close(4)"), calls);
        assertFalse(calls.stream().anyMatch(c -> c.contains("\"/etc") || c.contains(ROOTFS + "/x")),
                "the destination is never handed to the kernel as a host path");
    }

    @Test
    void procfsMustLandOnAnOrdinaryDirectory() {
        RootfsKernel kernel = new RootfsKernel();
        kernel.dir(ROOTFS + "/sys").symlink(ROOTFS + "/proc", "/sys");
        JruncException e = assertThrows(JruncException.class, () -> install(kernel, new Mount("/proc", "proc", "proc", List.of())));
        assertEquals("error mounting \"proc\" to rootfs at \"/proc\": filesystem \"proc\" must be mounted on ordinary directory",
                e.getMessage());
        assertEquals(List.of("openat2(3, \"proc\", O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC|O_PATH, 0, " + IN_ROOT + ")",
                "close(3)"), kernel.calls());
    }

    @Test
    void nothingButLxcfsFilesMayBeMountedInsideProc() {
        RootfsKernel kernel = RootfsKernel.withImage();
        JruncException e = assertThrows(JruncException.class,
                () -> install(kernel, new Mount("/proc/sys", "tmpfs", "tmpfs", List.of())));
        assertEquals("error mounting \"tmpfs\" to rootfs at \"/proc/sys\": \"/bundle/rootfs/proc/sys\" cannot be mounted "
                + "because it is inside /proc", e.getMessage());
        assertEquals(List.of("close(3)"), kernel.calls(), "refused before anything is created");

        RootfsKernel lxcfs = RootfsKernel.withImage();
        lxcfs.file("/var/lib/lxcfs/proc/meminfo", "").file(ROOTFS + "/proc/meminfo", "");
        List<String> calls = install(lxcfs, new Mount("/proc/meminfo", "bind", "/var/lib/lxcfs/proc/meminfo", List.of("bind")));
        assertTrue(calls.contains("mount(\"/var/lib/lxcfs/proc/meminfo\", \"/proc/self/fd/4\", \"bind\", MS_BIND, null)"));
    }

    @Test
    void aSymlinkLeadingIntoProcIsRefusedWhereItReallyLands() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.dir(ROOTFS + "/proc/sys");
        kernel.dir(ROOTFS + "/foo");
        kernel.willReturn(readlink(4), ROOTFS + "/proc/sys");
        JruncException e = assertThrows(JruncException.class, () -> install(kernel, new Mount("/foo", "tmpfs", "tmpfs", List.of())));
        assertEquals("error mounting \"tmpfs\" to rootfs at \"/foo\": \"/bundle/rootfs/proc/sys\" cannot be mounted "
                + "because it is inside /proc", e.getMessage());
        assertTrue(kernel.calls("mount(").isEmpty());
        assertEquals(java.util.Set.of(), kernel.openFds());
    }

    @Test
    void onlyAProcfsMayBeBoundOverProc() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.dir("/host/fakeproc");
        JruncException e = assertThrows(JruncException.class,
                () -> install(kernel, new Mount("/proc", "bind", "/host/fakeproc", List.of("rbind"))));
        assertEquals("error mounting \"/host/fakeproc\" to rootfs at \"/proc\": \"/bundle/rootfs/proc\" cannot be mounted "
                + "because it is not of type proc", e.getMessage());
    }

    // ---- tmpfs ---------------------------------------------------------------------------------

    @Test
    void aTmpfsOverAnExistingDirectoryStartsWithItsMode() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.fchmodat(AT_FDCWD, ROOTFS + "/tmp", 01777);
        List<String> calls = install(kernel, new Mount("/tmp", "tmpfs", "tmpfs", List.of("nosuid", "size=1m", "ro")));
        assertEquals(List.of(
                openPath("tmp"),
                "statx(4, \"\", AT_EMPTY_PATH)",
                readlink(4),
                readlink(3),
                "mount(\"tmpfs\", \"/proc/self/fd/4\", \"tmpfs\", MS_NOSUID, \"mode=1777,size=1m\")",
                "close(4)"), calls, "read-only comes later, when the tmpfs is filled");
    }

    @Test
    void aTmpfsOnAMissingDirectoryCreatesIt() {
        RootfsKernel kernel = RootfsKernel.withImage();
        List<String> calls = install(kernel, new Mount("/run/lock", "tmpfs", "tmpfs", List.of("mode=755")));
        assertEquals(List.of(
                openPath("run/lock"),
                openDir("run"),
                "mkdirat(3, \"run\", 0755)",
                openDir("run"),
                "mkdirat(4, \"lock\", 0755)",
                openDir("run/lock"),
                "close(4)",
                readlink(5),
                readlink(3),
                "mount(\"tmpfs\", \"/proc/self/fd/5\", \"tmpfs\", 0, \"mode=755\")",
                "close(5)"), calls);
    }

    // ---- cgroup --------------------------------------------------------------------------------

    @Test
    void cgroupFallsBackToABindOfTheHostsTreeWhenCgroup2IsRefused() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.dir("/sys/fs/cgroup").dir(ROOTFS + "/sys/fs/cgroup");
        kernel.failWhen("mount(\"cgroup\"", Errno.EPERM);
        List<String> calls = install(kernel, new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "ro")));
        assertEquals(List.of(
                openDir("sys/fs/cgroup"),
                readlink(4),
                readlink(3),
                "mount(\"cgroup\", \"/proc/self/fd/4\", \"cgroup2\", MS_RDONLY|MS_NOSUID, null)",
                "close(4)",
                "statx(AT_FDCWD, \"/sys/fs/cgroup\", 0)",
                openPath("sys/fs/cgroup"),
                readlink(5),
                "mount(\"/sys/fs/cgroup\", \"/proc/self/fd/5\", \"bind\", MS_RDONLY|MS_NOSUID|MS_BIND, null)",
                "close(5)",
                openPath("sys/fs/cgroup"),
                "mount(null, \"/proc/self/fd/6\", null, MS_RDONLY|MS_NOSUID|MS_REMOUNT|MS_BIND, null)",
                "close(6)"), calls);
    }

    @Test
    void cgroupV1IsATmpfsOfTheContainersHierarchies() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.dir(ROOTFS + "/sys/fs/cgroup");
        kernel.dir("/sys/fs/cgroup/cpu,cpuacct/user.slice").dir("/sys/fs/cgroup/memory/user.slice");
        CgroupHost v1 = Hosts.cgroupV1(List.of(
                new CgroupHost.V1Hierarchy("/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/cpu,cpuacct/user.slice"),
                new CgroupHost.V1Hierarchy("/sys/fs/cgroup/memory", "/sys/fs/cgroup/memory/user.slice")));
        List<String> calls = install(kernel, new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "ro")), v1, false);
        List<String> mounts = calls.stream().filter(c -> c.startsWith("mount(") || c.startsWith("symlinkat(")).toList();
        assertEquals(List.of(
                "mount(\"tmpfs\", \"/proc/self/fd/4\", \"tmpfs\", MS_NOSUID|MS_NODEV|MS_NOEXEC, \"mode=0755,mode=755\")",
                "mount(\"/sys/fs/cgroup/cpu,cpuacct/user.slice\", \"/proc/self/fd/8\", \"bind\", MS_RDONLY|MS_NOSUID|MS_BIND|MS_REC, null)",
                "mount(null, \"/proc/self/fd/9\", null, MS_RDONLY|MS_NOSUID|MS_REMOUNT|MS_BIND|MS_REC, null)",
                "mount(\"/sys/fs/cgroup/memory/user.slice\", \"/proc/self/fd/13\", \"bind\", MS_RDONLY|MS_NOSUID|MS_BIND|MS_REC, null)",
                "mount(null, \"/proc/self/fd/14\", null, MS_RDONLY|MS_NOSUID|MS_REMOUNT|MS_BIND|MS_REC, null)",
                "symlinkat(\"cpu,cpuacct\", 15, \"cpu\")",
                "symlinkat(\"cpu,cpuacct\", 15, \"cpuacct\")",
                "mount(null, \"/proc/self/fd/16\", null, MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_REMOUNT|MS_BIND, null)"),
                mounts);
        assertTrue(kernel.has(ROOTFS + "/sys/fs/cgroup/cpu,cpuacct"));
        assertTrue(kernel.has(ROOTFS + "/sys/fs/cgroup/memory"));
    }

    @Test
    void cgroupV1InItsOwnCgroupNamespaceMountsEachHierarchyAfresh() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.dir(ROOTFS + "/sys/fs/cgroup");
        CgroupHost v1 = Hosts.cgroupV1(List.of(
                new CgroupHost.V1Hierarchy("/sys/fs/cgroup/systemd", "/sys/fs/cgroup/systemd/x"),
                new CgroupHost.V1Hierarchy("/sys/fs/cgroup/pids", "/sys/fs/cgroup/pids/x")));
        List<String> calls = install(kernel, new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of()), v1, true);
        assertEquals(List.of(
                "mount(\"tmpfs\", \"/proc/self/fd/4\", \"tmpfs\", MS_NOSUID|MS_NODEV|MS_NOEXEC, \"mode=0755,mode=755\")",
                "mount(\"systemd\", \"/proc/self/fd/8\", \"cgroup\", MS_NOSUID|MS_NODEV|MS_NOEXEC, \"name=systemd\")",
                "mount(\"cgroup\", \"/proc/self/fd/12\", \"cgroup\", MS_NOSUID|MS_NODEV|MS_NOEXEC, \"pids\")"),
                kernel.calls("mount("));
    }

    // ---- ids -----------------------------------------------------------------------------------

    @Test
    void idMappedMountsAreRefusedClearly() {
        JruncException e = assertThrows(JruncException.class,
                () -> ConfigMount.of(new Mount("/data", "bind", "/host/data", List.of("rbind", "idmap")), "/b"));
        assertEquals("invalid mount destination /data: id-mapped mounts (idmap, ridmap, uidMappings, gidMappings) "
                + "are not supported by jrunc yet", e.getMessage());
    }

    /** The first call starting with {@code prefix} fails with {@code errno}, later ones succeed. */
    static void failFirst(RootfsKernel kernel, String prefix, int errno) {
        AtomicInteger seen = new AtomicInteger();
        kernel.failWhen(c -> c.startsWith(prefix) && seen.getAndIncrement() == 0, errno);
    }
}

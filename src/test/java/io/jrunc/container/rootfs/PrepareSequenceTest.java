package io.jrunc.container.rootfs;

import io.jrunc.spec.DefaultSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole of {@link ContainerRootfs#prepare()} for `runc spec`'s config, call by call. */
class PrepareSequenceTest {

    @Test
    void runcDefaultSpecMountsInRuncOrderOnACgroupV2Host() {
        RootfsKernel kernel = RootfsKernel.withImage();
        RootfsConfig config = Hosts.config(DefaultSpec.example(true));

        Hosts.rootfs(kernel, config).prepare();

        String expected = """
                mount(null, "/", null, MS_REC|MS_SLAVE, null)
                mount(null, "/bundle/rootfs", null, MS_PRIVATE, null)
                mount("/bundle/rootfs", "/bundle/rootfs", "bind", MS_BIND|MS_REC, null)
                openat(AT_FDCWD, "/bundle/rootfs", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0)
                openat2(3, "proc", O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                mount("proc", "/proc/self/fd/4", "proc", 0, null)
                close(4)
                openat2(3, "dev", O_RDONLY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                statx(5, "", AT_EMPTY_PATH)
                readlinkat(AT_FDCWD, "/proc/self/fd/5")
                readlinkat(AT_FDCWD, "/proc/self/fd/3")
                mount("tmpfs", "/proc/self/fd/5", "tmpfs", MS_NOSUID|MS_STRICTATIME, "mode=0755,mode=755,size=65536k")
                close(5)
                openat2(3, "dev/pts", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                openat2(3, "dev", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                mkdirat(6, "pts", 0755)
                openat2(3, "dev/pts", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                close(6)
                readlinkat(AT_FDCWD, "/proc/self/fd/7")
                mount("devpts", "/proc/self/fd/7", "devpts", MS_NOSUID|MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620,gid=5")
                close(7)
                openat2(3, "dev/shm", O_RDONLY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                openat2(3, "dev", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                mkdirat(8, "shm", 0755)
                openat2(3, "dev/shm", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                close(8)
                readlinkat(AT_FDCWD, "/proc/self/fd/9")
                mount("shm", "/proc/self/fd/9", "tmpfs", MS_NOSUID|MS_NODEV|MS_NOEXEC, "mode=1777,size=65536k")
                close(9)
                openat2(3, "dev/mqueue", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                openat2(3, "dev", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                mkdirat(10, "mqueue", 0755)
                openat2(3, "dev/mqueue", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                close(10)
                readlinkat(AT_FDCWD, "/proc/self/fd/11")
                mount("mqueue", "/proc/self/fd/11", "mqueue", MS_NOSUID|MS_NODEV|MS_NOEXEC, null)
                close(11)
                openat2(3, "sys", O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                mount("sysfs", "/proc/self/fd/12", "sysfs", MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC, null)
                close(12)
                openat2(3, "sys/fs/cgroup", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                openat2(3, "sys", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                openat2(3, "sys/fs", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                mkdirat(13, "fs", 0755)
                openat2(3, "sys/fs", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                close(13)
                mkdirat(14, "cgroup", 0755)
                openat2(3, "sys/fs/cgroup", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                close(14)
                readlinkat(AT_FDCWD, "/proc/self/fd/15")
                mount("cgroup", "/proc/self/fd/15", "cgroup2", MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_RELATIME, null)
                close(15)
                openat2(3, "dev", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                mknodat(16, "null", S_IFCHR|0666, makedev(1, 3))
                fchmodat(16, "null", 0666)
                fchownat(16, "null", 0, 0, 0)
                close(16)
                openat2(3, "dev", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                mknodat(17, "random", S_IFCHR|0666, makedev(1, 8))
                fchmodat(17, "random", 0666)
                fchownat(17, "random", 0, 0, 0)
                close(17)
                openat2(3, "dev", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                mknodat(18, "full", S_IFCHR|0666, makedev(1, 7))
                fchmodat(18, "full", 0666)
                fchownat(18, "full", 0, 0, 0)
                close(18)
                openat2(3, "dev", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                mknodat(19, "tty", S_IFCHR|0666, makedev(5, 0))
                fchmodat(19, "tty", 0666)
                fchownat(19, "tty", 0, 0, 0)
                close(19)
                openat2(3, "dev", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                mknodat(20, "zero", S_IFCHR|0666, makedev(1, 5))
                fchmodat(20, "zero", 0666)
                fchownat(20, "zero", 0, 0, 0)
                close(20)
                openat2(3, "dev", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                mknodat(21, "urandom", S_IFCHR|0666, makedev(1, 9))
                fchmodat(21, "urandom", 0666)
                fchownat(21, "urandom", 0, 0, 0)
                close(21)
                openat2(3, "dev", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                unlinkat(22, "ptmx", 0)
                symlinkat("pts/ptmx", 22, "ptmx")
                close(22)
                statx(AT_FDCWD, "/proc/kcore", 0)
                openat2(3, "dev", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)
                symlinkat("/proc/self/fd", 23, "fd")
                symlinkat("/proc/self/fd/0", 23, "stdin")
                symlinkat("/proc/self/fd/1", 23, "stdout")
                symlinkat("/proc/self/fd/2", 23, "stderr")
                close(23)
                close(3)
                """;
        assertEquals(expected.strip(), String.join("\n", kernel.calls()));
    }

    @Test
    void leavesNoFileDescriptorOpen() {
        RootfsKernel kernel = RootfsKernel.withImage();
        Hosts.rootfs(kernel, Hosts.config(DefaultSpec.example(true))).prepare();
        assertEquals(java.util.Set.of(), kernel.openFds());
    }

    @Test
    void createsTheMissingMountPointsAndDeviceNodesInTheRootfs() {
        RootfsKernel kernel = RootfsKernel.withImage();
        Hosts.rootfs(kernel, Hosts.config(DefaultSpec.example(true))).prepare();
        for (String path : List.of("dev/pts", "dev/shm", "dev/mqueue", "sys/fs/cgroup", "dev/null", "dev/urandom",
                "dev/ptmx", "dev/fd", "dev/stdin", "dev/stdout", "dev/stderr")) {
            assertTrue(kernel.has(RootfsKernel.ROOTFS + "/" + path), path);
        }
        assertEquals(0666, kernel.modeOf(RootfsKernel.ROOTFS + "/dev/tty"));
    }

    @Test
    void linksDevCoreWhenTheKernelHasProcKcore() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.file("/proc/kcore", "");
        Hosts.rootfs(kernel, Hosts.config(DefaultSpec.example(true))).prepare();
        assertTrue(kernel.calls().contains("symlinkat(\"/proc/kcore\", 23, \"core\")"), String.join("\n", kernel.calls()));
    }
}

package io.jrunc.container.rootfs;

import io.jrunc.spec.DefaultSpec;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Mount;
import io.jrunc.spec.Spec;
import io.jrunc.sys.Errno;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jrunc.container.rootfs.RootfsKernel.ROOTFS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /dev content: device nodes, the host-node fallback, ptmx and the fd links. */
class DeviceSetupTest {

    private static List<String> createDevices(RootfsKernel kernel, List<DeviceNode> nodes, boolean userns) {
        try (RootfsPaths paths = RootfsPaths.open(kernel, ROOTFS)) {
            kernel.clearCalls();
            new DeviceSetup(kernel, paths).createDevices(nodes, userns);
            return kernel.calls();
        }
    }

    @Test
    void configuredDevicesComeAfterTheDefaultsTheyDoNotReplace() {
        List<Linux.Device> configured = List.of(
                new Linux.Device("/dev/null", "c", 1, 3, 0600L, null, null),
                new Linux.Device("/dev/net/tun", "c", 10, 200, 020666L, 0L, 0L),
                new Linux.Device("/dev/sda", "b", 8, 0, null, 1000L, 6L),
                new Linux.Device("/dev/fifo", "p", 0, 0, 0640L, null, null),
                new Linux.Device("/dev/kmsg-u", "u", 1, 11, null, null, null));
        List<String> paths = DeviceNode.forContainer(configured).stream().map(DeviceNode::path).toList();
        assertEquals(List.of("/dev/random", "/dev/full", "/dev/tty", "/dev/zero", "/dev/urandom",
                "/dev/null", "/dev/net/tun", "/dev/sda", "/dev/fifo", "/dev/kmsg-u"), paths);
        List<DeviceNode> nodes = DeviceNode.forContainer(configured);
        assertEquals(new DeviceNode("/dev/null", io.jrunc.sys.Linux.S_IFCHR, 1, 3, 0600, 0, 0), nodes.get(5));
        assertEquals(0666, nodes.get(6).mode(), "the type bits of fileMode are dropped");
        assertEquals(new DeviceNode("/dev/sda", io.jrunc.sys.Linux.S_IFBLK, 8, 0, 0666, 1000, 6), nodes.get(7));
        assertEquals(io.jrunc.sys.Linux.S_IFIFO, nodes.get(8).fileType());
        assertEquals(io.jrunc.sys.Linux.S_IFCHR, nodes.get(9).fileType(), "u is an unbuffered character device");
    }

    @Test
    void aNodeInASubdirectoryGetsItsDirectoryAndItsOwner() {
        RootfsKernel kernel = RootfsKernel.withImage();
        List<String> calls = createDevices(kernel, List.of(
                new DeviceNode("/dev/net/tun", io.jrunc.sys.Linux.S_IFCHR, 10, 200, 0620, 7, 8)), false);
        assertEquals(List.of(
                "openat2(3, \"dev/net\", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)",
                "openat2(3, \"dev\", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)",
                "mkdirat(4, \"net\", 0755)",
                "openat2(3, \"dev/net\", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)",
                "close(4)",
                "mknodat(5, \"tun\", S_IFCHR|0620, makedev(10, 200))",
                "fchmodat(5, \"tun\", 0620)",
                "fchownat(5, \"tun\", 7, 8, 0)",
                "close(5)"), calls);
    }

    @Test
    void anExistingNodeIsLeftAlone() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.file(ROOTFS + "/dev/null", "");
        List<String> calls = createDevices(kernel, List.of(DeviceNode.DEFAULTS.getFirst()), false);
        assertEquals(List.of(
                "openat2(3, \"dev\", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)",
                "mknodat(4, \"null\", S_IFCHR|0666, makedev(1, 3))",
                "close(4)"), calls);
    }

    @Test
    void inAUserNamespaceTheHostsNodeIsBindMounted() {
        RootfsKernel kernel = RootfsKernel.withImage();
        List<String> calls = createDevices(kernel, List.of(DeviceNode.DEFAULTS.getFirst()), true);
        assertEquals(List.of(
                "openat2(3, \"dev\", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)",
                "openat(4, \"null\", O_WRONLY|O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC, 0666)",
                "close(5)",
                "openat2(3, \"dev/null\", O_RDONLY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)",
                "mount(\"/dev/null\", \"/proc/self/fd/6\", \"bind\", MS_BIND, null)",
                "close(6)",
                "close(4)"), calls);
    }

    @Test
    void whenMknodIsRefusedTheHostsNodeIsBindMounted() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.failWhen("mknodat(", Errno.EPERM);
        List<String> calls = createDevices(kernel, List.of(DeviceNode.DEFAULTS.getFirst()), false);
        assertTrue(calls.contains("mount(\"/dev/null\", \"/proc/self/fd/6\", \"bind\", MS_BIND, null)"), String.join("\n", calls));
        assertEquals(java.util.Set.of(), kernel.openFds());
    }

    @Test
    void aBindMountedDevMeansNoDeviceSetup() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.dir("/dev");
        List<Mount> mounts = new ArrayList<>(DefaultSpec.example(true).mounts());
        mounts.set(1, new Mount("/dev/", "bind", "/dev", List.of("rbind")));
        Spec spec = Hosts.defaultSpecWith(mounts);
        RootfsConfig config = Hosts.config(spec);
        Hosts.rootfs(kernel, config).prepare();
        assertEquals(List.of(), kernel.calls("mknodat("));
        assertEquals(List.of(), kernel.calls("symlinkat("));
    }
}

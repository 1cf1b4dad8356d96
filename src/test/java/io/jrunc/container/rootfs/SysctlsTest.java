package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.spec.DefaultSpec;
import io.jrunc.spec.Linux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** runc's sysctl validation: only what the container's own namespaces isolate. */
class SysctlsTest {

    /** runc spec's namespaces (pid, network, ipc, uts, mount, cgroup) minus {@code without}, with one sysctl. */
    private static Linux linux(String key, String... without) {
        Linux l = DefaultSpec.example(true).linux();
        List<Linux.Namespace> namespaces = new ArrayList<>(l.namespaces());
        namespaces.removeIf(ns -> List.of(without).contains(ns.type()));
        return new Linux(l.uidMappings(), l.gidMappings(), Map.of(key, "1"), l.resources(), l.cgroupsPath(), namespaces,
                l.devices(), l.netDevices(), l.seccomp(), l.rootfsPropagation(), l.maskedPaths(), l.readonlyPaths(),
                l.mountLabel(), l.intelRdt(), l.personality(), l.timeOffsets(), l.memoryPolicy());
    }

    private static final java.util.function.Predicate<String> NEVER_HOST = path -> false;

    @ParameterizedTest
    @CsvSource({
        "net.ipv4.ip_forward", "net/ipv4/conf/eno2.100/rp_filter", "kernel.msgmax", "kernel.shm_rmid_forced",
        "fs.mqueue.msg_max", "kernel.domainname", "kernel.sem",
    })
    void namespacedKeysAreAllowed(String key) {
        assertDoesNotThrow(() -> Sysctls.validate(linux(key), NEVER_HOST));
    }

    @ParameterizedTest(name = "{0} without {1}")
    @CsvSource(delimiter = '|', value = {
        "kernel.msgmax|ipc|sysctl \"kernel.msgmax\" is not allowed in the hosts ipc namespace",
        "fs.mqueue.queues_max|ipc|sysctl \"fs.mqueue.queues_max\" is not allowed in the hosts ipc namespace",
        "net.core.somaxconn|network|sysctl \"net.core.somaxconn\" not allowed in host network namespace",
        "net/ipv4/conf/eno2.100/rp_filter|network|sysctl \"net.ipv4.conf.eno2/100.rp_filter\" not allowed in host network namespace",
        "kernel.domainname|uts|sysctl \"kernel.domainname\" is not in a separate kernel namespace",
        "kernel.hostname|-|sysctl \"kernel.hostname\" is not allowed as it conflicts with the OCI \"hostname\" field",
        "vm.max_map_count|-|sysctl \"vm.max_map_count\" is not in a separate kernel namespace",
        "kernel.pid_max|-|sysctl \"kernel.pid_max\" is not in a separate kernel namespace",
    })
    void othersAreRefusedWithRuncsMessage(String key, String missingNamespace, String message) {
        JruncException e = assertThrows(JruncException.class,
                () -> Sysctls.validate(linux(key, missingNamespace), NEVER_HOST));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aJoinedNetworkNamespaceThatIsTheHostsCountsAsTheHosts() {
        Linux l = linux("net.ipv4.ip_forward");
        List<Linux.Namespace> namespaces = new ArrayList<>(l.namespaces());
        namespaces.replaceAll(ns -> ns.type().equals("network") ? new Linux.Namespace("network", "/proc/1/ns/net") : ns);
        Linux joined = l.withNamespaces(namespaces);
        JruncException e = assertThrows(JruncException.class,
                () -> Sysctls.validate(joined, "/proc/1/ns/net"::equals));
        assertEquals("sysctl \"net.ipv4.ip_forward\" not allowed in host network namespace", e.getMessage());
        assertDoesNotThrow(() -> Sysctls.validate(joined, NEVER_HOST));
    }

    @Test
    void theHostNetworkNamespaceIsRecognisedByDeviceAndInode() {
        RootfsKernel kernel = new RootfsKernel();
        io.jrunc.sys.Syscalls.FileStat ns = new io.jrunc.sys.Syscalls.FileStat(0100444, 0, 0, 0, 4026531840L, 1, 0, 4, 0, 0, 1);
        io.jrunc.sys.Syscalls.FileStat other = new io.jrunc.sys.Syscalls.FileStat(0100444, 0, 0, 0, 4026532999L, 1, 0, 4, 0, 0, 1);
        kernel.willReturn("statx(", ns, ns, ns, other);
        assertEquals(true, Sysctls.isHostNetns(kernel, "/run/netns/host"));
        assertEquals(false, Sysctls.isHostNetns(kernel, "/run/netns/other"));
    }

    @Test
    void keysMapToFilesUnderProcSys() {
        assertEquals("/proc/sys/net/ipv4/ip_forward", Sysctls.procPath("net.ipv4.ip_forward"));
        assertEquals("/proc/sys/net/ipv4/conf/eno2.100/rp_filter", Sysctls.procPath("net/ipv4/conf/eno2.100/rp_filter"));
    }
}

package io.jrunc.nativetests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Namespaces as the container's process sees them ({@code readlink /proc/self/ns/X} inside) compared with the
 * host's ({@code /proc/self/ns/X} of this JVM, which runs in the host's namespaces).
 */
@Tag("root")
@DisplayName("Namespaces: new ones, shared ones, joined by path")
class NamespaceTest extends NativeTest {
    /** The OCI namespace types and their /proc/PID/ns names. */
    private static final Map<String, String> NS = new LinkedHashMap<>();

    static {
        NS.put("pid", "pid");
        NS.put("mount", "mnt");
        NS.put("uts", "uts");
        NS.put("ipc", "ipc");
        NS.put("network", "net");
        NS.put("cgroup", "cgroup");
    }

    private static final String PRINT_NS =
            "for n in pid mnt uts ipc net cgroup; do echo \"$n $(readlink /proc/self/ns/$n)\"; done; echo \"self $$\"";

    static String hostNs(String name) {
        return nsOf("self", name);
    }

    static String nsOf(Object pid, String name) {
        Path link = Path.of("/proc/" + pid + "/ns/" + name);
        assumeTrue(Files.exists(link), "kernel has no " + name + " namespace");
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("each of pid, mount, uts, ipc, network, cgroup requested in config.json is new; the process is pid 1")
    void newNamespaces() {
        Bundle b = bundle().sh(PRINT_NS);
        NS.keySet().forEach(b::namespace);
        Jrunc.Result r = container(b).run().assertSuccess();
        Map<String, String> inside = namedLines(r.stdout());
        assertAll(NS.values().stream().map(name -> (Executable) () -> {
            String in = inside.get(name);
            assertEquals(true, in != null && in.startsWith(name + ":["), "readlink of " + name + " inside: " + r.stdout());
            assertNotEquals(hostNs(name), in, name + " namespace should be new");
        }));
        assertEquals("1", inside.get("self"), "the container's process is pid 1 of its pid namespace");
    }

    @Test
    @DisplayName("a namespace type left out of config.json is the host's (network and uts here)")
    void omittedNamespacesAreShared() {
        Bundle b = bundle().sh(PRINT_NS).withoutNamespace("network").withoutNamespace("uts");
        b.config().remove("hostname"); // a hostname needs a uts namespace of its own
        Map<String, String> inside = namedLines(container(b).run().assertSuccess().stdout());
        assertEquals(hostNs("net"), inside.get("net"));
        assertEquals(hostNs("uts"), inside.get("uts"));
        assertNotEquals(hostNs("mnt"), inside.get("mnt"), "mount namespace still new");
    }

    @Test
    @DisplayName("joined by path: B with {type: network, path: /proc/<A's pid>/ns/net} is in A's network namespace")
    void joinNetworkNamespaceByPath() {
        Bundle a = bundle("sleep", "60");
        try (Container ca = container(a)) {
            ca.create().assertSuccess();
            long pidA = ca.pid();
            String netA = nsOf(pidA, "net");
            assertNotEquals(hostNs("net"), netA, "A has a network namespace of its own");

            Bundle b = bundle().sh("readlink /proc/self/ns/net").namespace("network", "/proc/" + pidA + "/ns/net");
            Jrunc.Result r = container(b).run().assertSuccess();
            assertEquals(netA, r.stdout().strip());
        }
    }

    @Test
    @DisplayName("joined by path: B in A's uts namespace sees A's hostname")
    void joinUtsNamespaceByPath() {
        Bundle a = bundle("sleep", "60").hostname("alpha-host");
        try (Container ca = container(a)) {
            ca.create().assertSuccess();
            long pidA = ca.pid();
            Bundle b = bundle().sh("hostname; readlink /proc/self/ns/uts").namespace("uts", "/proc/" + pidA + "/ns/uts");
            b.config().remove("hostname");
            List<String> out = container(b).run().assertSuccess().stdout().lines().toList();
            assertEquals(List.of("alpha-host", nsOf(pidA, "uts")), out);
        }
    }
}

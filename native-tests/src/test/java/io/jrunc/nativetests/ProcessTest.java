package io.jrunc.nativetests;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** config.json's process section as the container's process sees it: hostname, rlimits, capabilities, user, env, cwd. */
@Tag("root")
@DisplayName("Process: hostname, rlimits, capabilities, user, env, cwd")
class ProcessTest extends NativeTest {

    @Test
    @DisplayName("hostname from config.json (hostname and /proc/sys/kernel/hostname inside)")
    void hostname() {
        Bundle b = bundle().sh("hostname; cat /proc/sys/kernel/hostname").hostname("nt-box");
        assertEquals("nt-box\nnt-box\n", container(b).run().assertSuccess().stdout());
    }

    @Test
    @DisplayName("rlimits: ulimit -n / -Hn and /proc/self/limits equal RLIMIT_NOFILE's soft/hard; RLIMIT_CORE too")
    void rlimits() {
        Bundle b = bundle().sh("ulimit -n; ulimit -Hn; grep -E '^Max (open files|core file size)' /proc/self/limits");
        b.process().put("rlimits", Json.list(
                Json.object("type", "RLIMIT_NOFILE", "hard", 2000L, "soft", 1000L),
                Json.object("type", "RLIMIT_CORE", "hard", 4096L, "soft", 0L)));
        List<String> out = container(b).run().assertSuccess().stdout().lines().toList();
        assertEquals("1000", out.get(0), "ulimit -n");
        assertEquals("2000", out.get(1), "ulimit -Hn");
        assertTrue(out.stream().anyMatch(l -> l.matches("Max core file size\\s+0\\s+4096\\s+bytes\\s*")), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.matches("Max open files\\s+1000\\s+2000\\s+files\\s*")), out.toString());
    }

    @Test
    @DisplayName("capabilities of the default spec: CapBnd/CapPrm/CapEff are the mask of its cap numbers; NoNewPrivs 1")
    @SuppressWarnings("unchecked")
    void defaultCapabilities() {
        Bundle b = bundle("cat", "/proc/self/status");
        Map<String, Object> caps = (Map<String, Object>) b.process().get("capabilities");
        long bounding = Caps.mask((List<Object>) caps.get("bounding"));
        // the default spec's three caps: CAP_AUDIT_WRITE (29) | CAP_KILL (5) | CAP_NET_BIND_SERVICE (10)
        assertEquals(0x20000420L, bounding, "mask of the default spec's bounding set");
        String status = container(b).run().assertSuccess().stdout();
        assertEquals(Caps.hex(bounding), Caps.hex(Caps.fromStatus(status, "CapBnd")));
        assertEquals(Caps.hex(Caps.mask((List<Object>) caps.get("permitted"))), Caps.hex(Caps.fromStatus(status, "CapPrm")));
        assertEquals(Caps.hex(Caps.mask((List<Object>) caps.get("effective"))), Caps.hex(Caps.fromStatus(status, "CapEff")));
        assertTrue(status.lines().anyMatch(l -> l.matches("NoNewPrivs:\\s+1")), "noNewPrivileges: true");
    }

    @Test
    @DisplayName("capabilities of a non-root process: bounding, inheritable and ambient sets; ambient becomes permitted/effective")
    void nonRootCapabilities() {
        Bundle b = bundle("cat", "/proc/self/status");
        List<Object> bounding = Json.list("CAP_CHOWN", "CAP_KILL", "CAP_SYS_ADMIN", "CAP_NET_RAW");
        List<Object> inheritableAndAmbient = Json.list("CAP_KILL", "CAP_NET_RAW");
        b.process().put("capabilities", Json.object(
                "bounding", bounding,
                "effective", Json.list("CAP_KILL", "CAP_NET_RAW"),
                "permitted", Json.list("CAP_CHOWN", "CAP_KILL", "CAP_NET_RAW"),
                "inheritable", inheritableAndAmbient,
                "ambient", inheritableAndAmbient));
        b.process().put("user", Json.object("uid", 1000L, "gid", 1000L));
        b.process().put("noNewPrivileges", false);
        String status = container(b).run().assertSuccess().stdout();
        long ambient = Caps.mask(inheritableAndAmbient);
        assertEquals(Caps.hex(Caps.mask(bounding)), Caps.hex(Caps.fromStatus(status, "CapBnd")), "CapBnd");
        assertEquals(Caps.hex(ambient), Caps.hex(Caps.fromStatus(status, "CapInh")), "CapInh");
        assertEquals(Caps.hex(ambient), Caps.hex(Caps.fromStatus(status, "CapAmb")), "CapAmb");
        // execve by a non-root uid keeps exactly the ambient set as permitted and effective (capabilities(7))
        assertEquals(Caps.hex(ambient), Caps.hex(Caps.fromStatus(status, "CapPrm")), "CapPrm");
        assertEquals(Caps.hex(ambient), Caps.hex(Caps.fromStatus(status, "CapEff")), "CapEff");
        assertTrue(status.lines().anyMatch(l -> l.matches("NoNewPrivs:\\s+0")), "noNewPrivileges: false");
    }

    @Test
    @DisplayName("user: uid, gid and additionalGids (id, and Uid/Gid/Groups in /proc/self/status)")
    void userAndGroups() {
        Bundle b = bundle().sh("id -u; id -g; grep -E '^(Uid|Gid|Groups):' /proc/self/status");
        b.process().put("user", Json.object("uid", 1000L, "gid", 1001L, "additionalGids", Json.list(5L, 100L)));
        List<String> out = container(b).run().assertSuccess().stdout().lines().toList();
        assertEquals("1000", out.get(0), "id -u");
        assertEquals("1001", out.get(1), "id -g");
        assertEquals(List.of("1000", "1000", "1000", "1000"), List.of(out.get(2).split("\\s+")).subList(1, 5), "Uid: real effective saved fs");
        assertEquals(List.of("1001", "1001", "1001", "1001"), List.of(out.get(3).split("\\s+")).subList(1, 5), "Gid: real effective saved fs");
        assertEquals(List.of("5", "100"), List.of(out.get(4).substring("Groups:".length()).strip().split("\\s+")), "Groups");
    }

    @Test
    @DisplayName("env: exactly the configured variables (plus HOME from /etc/passwd when unset), cwd from config")
    void envAndCwd() {
        Bundle b = bundle().sh("env; pwd");
        b.process().put("env", Json.list("PATH=/bin:/usr/bin", "FOO=bar baz", "EMPTY=", "WITH_EQUALS=a=b"));
        b.process().put("cwd", "/tmp");
        List<String> out = container(b).run().assertSuccess().stdout().lines().toList();
        assertEquals("/tmp", out.get(out.size() - 1), "pwd");
        List<String> env = out.subList(0, out.size() - 1).stream()
                .filter(l -> !l.startsWith("PWD=") && !l.startsWith("SHLVL=")) // set by sh itself
                .sorted().toList();
        assertEquals(List.of("EMPTY=", "FOO=bar baz", "HOME=/root", "PATH=/bin:/usr/bin", "WITH_EQUALS=a=b"), env);
    }
}

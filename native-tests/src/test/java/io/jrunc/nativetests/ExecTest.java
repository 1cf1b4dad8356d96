package io.jrunc.nativetests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code exec} into a running container: the new process is in every namespace and cgroup of the container's init,
 * runs with the identity, environment and capabilities asked for, gets none of the caller's fds but the preserved
 * ones, and its exit code is exec's. Failures exit 255 with "exec failed: ...", as runc's.
 */
@Tag("root")
@DisplayName("exec: namespaces, cgroups, identity, fds, exit codes, terminal, -d and --pid-file")
class ExecTest extends NativeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> NAMESPACES = List.of("pid", "mnt", "uts", "ipc", "net", "cgroup", "user", "time");

    /** A started container running {@code sleep 60}. */
    private Container running() {
        Container c = container(bundle("sleep", "60"));
        c.create().assertSuccess();
        c.start().assertSuccess();
        return c;
    }

    /** {@code exec [flags...] ID command...}: flags end at the id. */
    private static Jrunc.Result exec(Container c, List<String> flags, String... command) {
        List<String> a = new ArrayList<>();
        a.add("exec");
        a.addAll(flags);
        a.add(c.id());
        a.addAll(List.of(command));
        return c.cmd(a.toArray(String[]::new));
    }

    private static Jrunc.Result exec(Container c, String... command) {
        return exec(c, List.of(), command);
    }

    private static String link(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("the exec'd process is in every namespace of the init (pid, mnt, uts, ipc, net, cgroup, user, time)")
    void everyNamespaceOfTheInit() {
        try (Container c = running()) {
            long init = c.pid();
            Jrunc.Result r = exec(c, "sh", "-c",
                    "for n in " + String.join(" ", NAMESPACES) + "; do [ -e /proc/self/ns/$n ] && "
                            + "echo \"$n $(readlink /proc/self/ns/$n)\"; done; echo \"self $$\"").assertSuccess();
            Map<String, String> inside = namedLines(r.stdout());
            int compared = 0;
            for (String ns : NAMESPACES) {
                Path initNs = Path.of("/proc/" + init + "/ns/" + ns);
                if (!Files.exists(initNs)) continue; // the kernel lacks it
                assertEquals(link(initNs), inside.get(ns), ns + " namespace of the exec'd process: " + r.stdout());
                compared++;
            }
            assertTrue(compared >= 6, "compared " + compared + " namespaces");
            assertNotEquals(link(Path.of("/proc/self/ns/mnt")), inside.get("mnt"), "not the host's mount namespace");
            assertNotEquals("1", inside.get("self"), "pid 1 is the init; the exec'd process is another member");
        }
    }

    @Test
    @DisplayName("the exec'd process sees the container's rootfs and is in the init's cgroups")
    void rootfsAndCgroups() {
        try (Container c = running()) {
            long init = c.pid();
            assertEquals("root:x:0:0:root:/root:/bin/sh", exec(c, "head", "-n", "1", "/etc/passwd").assertSuccess()
                    .stdout().strip(), "the bundle's /etc/passwd, not the host's");
            Path pidFile = tmp.resolve("exec.pid");
            exec(c, List.of("-d", "--pid-file", pidFile.toString()), "sleep", "30").assertSuccess();
            long pid = Long.parseLong(read(pidFile));
            assertEquals(read(Path.of("/proc/" + init + "/cgroup")), read(Path.of("/proc/" + pid + "/cgroup")),
                    "cgroups of the exec'd process (host view)");
            assertEquals(link(Path.of("/proc/" + init + "/root")), link(Path.of("/proc/" + pid + "/root")));
        }
    }

    @Test
    @DisplayName("-e, --cwd, -u uid:gid and -g from the command line; HOME from the container's /etc/passwd")
    void environmentCwdAndUser() {
        try (Container c = running()) {
            Jrunc.Result r = exec(c, List.of("-e", "FOO=bar", "--cwd", "/tmp", "-u", "1:100", "-g", "5", "-g", "65534"),
                    "sh", "-c", "echo \"$FOO\"; pwd; id; echo \"$HOME\"").assertSuccess();
            List<String> out = r.stdout().lines().toList();
            assertEquals("bar", out.get(0));
            assertEquals("/tmp", out.get(1));
            assertTrue(out.get(2).matches("uid=1(\\(daemon\\))? gid=100(\\(users\\))? groups=5(\\(tty\\))?,65534(\\(nogroup\\))?"),
                    out.get(2));
            assertEquals("/usr/sbin", out.get(3), "daemon's home in the bundle's /etc/passwd");
        }
    }

    @Test
    @DisplayName("--cap adds to the bounding, permitted and effective sets; --no-new-privs sets NoNewPrivs")
    void capabilitiesAndNoNewPrivs() {
        Bundle b = bundle("sleep", "60");
        b.process().put("noNewPrivileges", false);
        try (Container c = container(b)) {
            c.create().assertSuccess();
            c.start().assertSuccess();
            String plain = exec(c, "cat", "/proc/self/status").assertSuccess().stdout();
            long defaults = 0x20000420L; // the default spec's CAP_AUDIT_WRITE, CAP_KILL, CAP_NET_BIND_SERVICE
            assertEquals(Caps.hex(defaults), Caps.hex(Caps.fromStatus(plain, "CapBnd")));
            assertTrue(plain.lines().anyMatch(l -> l.matches("NoNewPrivs:\\s+0")), plain);

            String more = exec(c, List.of("--cap", "CAP_SYS_ADMIN", "--no-new-privs"), "cat", "/proc/self/status")
                    .assertSuccess().stdout();
            long expected = defaults | 1L << Caps.number("CAP_SYS_ADMIN");
            assertEquals(Caps.hex(expected), Caps.hex(Caps.fromStatus(more, "CapBnd")), "CapBnd");
            assertEquals(Caps.hex(expected), Caps.hex(Caps.fromStatus(more, "CapPrm")), "CapPrm");
            assertEquals(Caps.hex(expected), Caps.hex(Caps.fromStatus(more, "CapEff")), "CapEff");
            assertEquals(Caps.hex(0), Caps.hex(Caps.fromStatus(more, "CapInh")), "--cap does not make it inheritable");
            assertTrue(more.lines().anyMatch(l -> l.matches("NoNewPrivs:\\s+1")), more);
        }
    }

    @Test
    @DisplayName("exec exits with the process's exit code, 128+N after signal N; output reaches the caller")
    void exitCodes() {
        try (Container c = running()) {
            Jrunc.Result ok = exec(c, "sh", "-c", "echo out; echo err >&2").assertSuccess();
            assertEquals("out\n", ok.stdout());
            assertTrue(ok.stderr().contains("err"), ok.stderr());
            exec(c, "sh", "-c", "exit 3").assertExit(3);
            exec(c, "sh", "-c", "kill -9 $$").assertExit(128 + 9);
            assertEquals("running", c.status(), "the container outlives its exec'd processes");
        }
    }

    @Test
    @DisplayName("-d --pid-file: exec returns while the process runs; the file holds its host pid, no newline")
    void detachWithPidFile() {
        try (Container c = running()) {
            Path pidFile = tmp.resolve("exec.pid");
            Jrunc.Result r = exec(c, List.of("-d", "--pid-file", pidFile.toString()), "sleep", "30").assertSuccess();
            assertEquals("", r.stdout());
            String text = read(pidFile);
            assertFalse(text.endsWith("\n"), "no trailing newline");
            long pid = Long.parseLong(text);
            assertTrue(Files.exists(Path.of("/proc/" + pid)), "process " + pid + " runs after exec returned");
            assertEquals(link(Path.of("/proc/" + c.pid() + "/ns/pid")), link(Path.of("/proc/" + pid + "/ns/pid")));
            assertTrue(read(Path.of("/proc/" + pid + "/cmdline")).startsWith("sleep\0"), "it is the exec'd sleep");
        }
    }

    @Test
    @DisplayName("-p process.json replaces the config's process")
    void processJson() throws IOException {
        try (Container c = running()) {
            Path json = tmp.resolve("process.json");
            Files.writeString(json, """
                    {"args": ["sh", "-c", "echo $A; pwd; id -u"], "cwd": "/tmp", "env": ["A=from-json", "PATH=/bin"],
                     "user": {"uid": 1, "gid": 1}}""");
            Jrunc.Result r = exec(c, List.of("-p", json.toString())).assertSuccess();
            assertEquals(List.of("from-json", "/tmp", "1"), r.stdout().lines().toList());
        }
    }

    @Test
    @DisplayName("exec into a created (not yet started) container runs the process")
    void createdContainer() {
        try (Container c = container(bundle("sleep", "60"))) {
            c.create().assertSuccess();
            assertEquals("hi\n", exec(c, "echo", "hi").assertSuccess().stdout());
            assertEquals("created", c.status());
        }
    }

    @Test
    @DisplayName("a stopped container: exit 255, \"exec failed: cannot exec in a stopped container\"")
    void stoppedContainer() {
        try (Container c = container(bundle("true"))) {
            c.create().assertSuccess();
            c.start().assertSuccess();
            c.awaitStatus("stopped", TIMEOUT);
            Jrunc.Result r = exec(c, "echo", "hi");
            assertEquals(255, r.exitCode(), r.toString());
            assertTrue(r.stderr().contains("exec failed: cannot exec in a stopped container"), r.stderr());
            assertEquals("", r.stdout());
        }
    }

    @Test
    @DisplayName("a container that does not exist, or no command: exit 255 with runc's message")
    void failuresExit255() {
        Container missing = new Container(root, null, Container.newId("missing"));
        Jrunc.Result r = exec(missing, "true");
        assertEquals(255, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("exec failed: container does not exist"), r.stderr());
        try (Container c = running()) {
            Jrunc.Result noArgs = exec(c);
            assertEquals(255, noArgs.exitCode(), noArgs.toString());
            assertTrue(noArgs.stderr().contains("exec failed: process args cannot be empty"), noArgs.stderr());
            Jrunc.Result notFound = exec(c, "no-such-binary");
            assertEquals(255, notFound.exitCode(), notFound.toString());
            assertTrue(notFound.stderr().contains("executable file not found in $PATH"), notFound.stderr());
        }
    }

    @Test
    @DisplayName("-t in the foreground: the process runs on a pty of the container, relayed to the caller's terminal")
    void foregroundTerminal() {
        Path script = Path.of("/usr/bin/script");
        assumeTrue(Files.isExecutable(script), "util-linux's script gives exec a terminal to run on");
        try (Container c = running()) {
            String cmd = "'" + Jrunc.binary() + "' --root '" + root + "' exec -t " + c.id()
                    + " sh -c 'tty; [ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo all-tty; exit 7'";
            Jrunc.Result r = Jrunc.exec(List.of(script.toString(), "-qec", cmd, "/dev/null"), null);
            assertEquals(7, r.exitCode(), r.toString());
            assertTrue(r.stdout().contains("/dev/pts/"), "tty inside: " + r.stdout());
            assertTrue(r.stdout().contains("all-tty"), "stdin, stdout and stderr are the pty: " + r.stdout());
        }
    }

    /** Runs exec from a shell that opened fds 3 and 4 first (/dev/null), as an engine passing fds would. */
    private Jrunc.Result execWithFds3And4(Container c, List<String> flags, String... command) {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "exec 3</dev/null 4</dev/null; b=$1; shift; exec \"$b\" \"$@\"",
                "sh", Jrunc.binary().toString(), "--root", root.toString(), "exec"));
        cmd.addAll(flags);
        cmd.add(c.id());
        cmd.addAll(List.of(command));
        return Jrunc.exec(cmd, null);
    }

    @Test
    @DisplayName("fds: the caller's fds 3 and 4 are not inherited; --preserve-fds 2 passes exactly them")
    void onlyPreservedFdsAreInherited() {
        try (Container c = running()) {
            // ls lists its own fd for /proc/self/fd too: 3 when nothing else is open
            Jrunc.Result none = execWithFds3And4(c, List.of(), "ls", "-1", "/proc/self/fd").assertSuccess();
            assertEquals(List.of("0", "1", "2", "3"), none.stdout().lines().toList(), "fds of the exec'd process");

            Jrunc.Result two = execWithFds3And4(c, List.of("--preserve-fds", "2"), "ls", "-1", "/proc/self/fd")
                    .assertSuccess();
            assertEquals(List.of("0", "1", "2", "3", "4", "5"), two.stdout().lines().toList());

            Jrunc.Result target = execWithFds3And4(c, List.of("--preserve-fds", "2"), "sh", "-c",
                    "readlink /proc/self/fd/3; readlink /proc/self/fd/4").assertSuccess();
            assertEquals(List.of("/dev/null", "/dev/null"), target.stdout().lines().toList());
        }
    }

    @Test
    @DisplayName("CVE-2024-21626: a --cwd through a host directory fd of the caller never puts the process in the host's tree")
    void noHostDirectoryThroughALeakedFd() throws IOException {
        Path hostDir = Files.createDirectories(tmp.resolve("host-dir"));
        Files.writeString(hostDir.resolve("HOST-MARKER"), "host");
        try (Container c = running()) {
            // the caller holds a host directory open as fd 7, the way runc once leaked one into the container
            List<String> cmd = new ArrayList<>(List.of("sh", "-c", "exec 7<\"$1\"; shift; exec \"$@\"", "sh", hostDir.toString(),
                    Jrunc.binary().toString(), "--root", root.toString(), "exec", "--cwd", "/proc/self/fd/7", c.id(), "ls", "-1"));
            Jrunc.Result r = Jrunc.exec(cmd, null);
            assertFalse(r.stdout().contains("HOST-MARKER"), "the process ran in the host directory: " + r);
            assertNotEquals(0, r.exitCode(), "exec with a cwd outside the container must fail: " + r);
        }
    }
}

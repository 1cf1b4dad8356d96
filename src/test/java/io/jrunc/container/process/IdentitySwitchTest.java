package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.spec.Process;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.RecordingSyscalls;
import io.jrunc.sys.SyscallFormat;
import io.jrunc.sys.Syscalls.CapabilitySets;
import io.jrunc.sys.Syscalls.FileStat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jrunc.container.process.TestSpecs.*;
import static org.junit.jupiter.api.Assertions.*;

/** runc's finalizeNamespace through {@link ProcessSetup#switchIdentity()}: the exact kernel calls and their order. */
class IdentitySwitchTest {

    private static final String KEEP = "CAP_NET_BIND_SERVICE";
    private static final FileStat DEV_NULL = new FileStat(Linux.S_IFCHR | 0666, 0, 0, 0, 5, 1, 0, 6, 1, 3, 1);

    /** A stdio fd: a pty slave (136, 0) owned by {@code uid}. */
    private static FileStat pty(int uid) {
        return new FileStat(Linux.S_IFCHR | 0620, uid, 5, 0, 3, 1, 0, 20, 136, 0, 1);
    }

    private final RecordingSyscalls sys = new RecordingSyscalls();

    private RecordingSyscalls kernel(FileStat stdin, FileStat stdout, FileStat stderr) {
        sys.file("/proc/sys/kernel/cap_last_cap", "40\n");
        sys.file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nfoo:x:1000:1000::/home/foo:/bin/sh\n");
        sys.willReturn("statx(AT_FDCWD, \"/dev/null\"", DEV_NULL);
        sys.willReturn("statx(0, ", stdin);
        sys.willReturn("statx(1, ", stdout);
        sys.willReturn("statx(2, ", stderr);
        return sys;
    }

    /** The PR_CAPBSET_DROP calls for every capability 0..lastCap but {@code kept}, ascending. */
    private static List<String> drops(int lastCap, String... kept) {
        List<String> out = new ArrayList<>();
        for (int cap = 0; cap <= lastCap; cap++) {
            String name = Linux.capabilityName(cap);
            if (!List.of(kept).contains(name)) {
                out.add("prctl(PR_CAPBSET_DROP, " + name + ", 0, 0, 0)");
            }
        }
        return out;
    }

    /** The fake's line for opening {@code path} read-only (its formatting of the mode argument). */
    private static String openForReading(String path) {
        return SyscallFormat.call("openat", "AT_FDCWD", SyscallFormat.str(path), "O_RDONLY", SyscallFormat.mode(0));
    }

    private static List<String> lastCapRead() {
        return List.of(
                openForReading("/proc/sys/kernel/cap_last_cap"),
                "read(3, 4096)", "read(3, 4093)", "close(3)");
    }

    private static List<String> stdioStats() {
        return List.of(
                "statx(AT_FDCWD, \"/dev/null\", 0)",
                "statx(0, \"\", AT_EMPTY_PATH)",
                "statx(1, \"\", AT_EMPTY_PATH)",
                "statx(2, \"\", AT_EMPTY_PATH)");
    }

    @Test
    void rootWithoutCapabilitiesDropsEverythingInRuncOrder() {
        kernel(pty(0), pty(0), pty(0));
        Process p = withArgsEnvCwd(process(), List.of("sh"), List.of("PATH=/bin", "HOME=/root"), "/");

        List<String> warnings = new ProcessSetup(sys, spec(p), false).switchIdentity();

        List<String> expected = new ArrayList<>(lastCapRead());
        expected.add("chdir(\"/\")");
        expected.add("capget(0)");
        expected.addAll(drops(40));
        expected.add("prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0)");
        expected.addAll(stdioStats()); // all owned by uid 0 already: no fchown
        expected.addAll(List.of(
                openForReading("/proc/self/setgroups"), "read(4, 4096)", "close(4)",
                "setgroups([])",
                "setresgid(0, 0, 0)",
                "setresuid(0, 0, 0)",
                "prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0)",
                "capset(0x0, 0x0, 0x0)",
                // the fake prints argument 3 as a capability name; CLEAR_ALL passes 0
                "prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, CAP_CHOWN, 0, 0)"));
        assertEquals(expected, sys.calls());
        assertEquals(List.of(), warnings);
    }

    @Test
    void nonRootUserKeepsOnlyItsCapabilitiesAndGetsItsGroupsAndHome() {
        kernel(DEV_NULL, pty(0), pty(0));
        Process p = withUser(process(), 1000, 100, List.of(10L, 20L));
        p = withArgsEnvCwd(p, List.of("sh"), List.of("PATH=/bin"), "/home/foo");
        p = withCaps(p, caps(List.of("CAP_KILL", KEEP), List.of(KEEP), List.of(KEEP), List.of(KEEP), List.of(KEEP)));
        ProcessSetup setup = new ProcessSetup(sys, spec(p), false);

        setup.switchIdentity();

        List<String> expected = new ArrayList<>(lastCapRead());
        expected.add("chdir(\"/home/foo\")");
        expected.add("capget(0)");
        expected.addAll(drops(40, "CAP_KILL", KEEP));
        expected.add("prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0)");
        expected.addAll(List.of(
                openForReading("/etc/passwd"), "read(4, 4096)", "read(4, 4031)", "close(4)"));
        expected.addAll(List.of(
                "statx(AT_FDCWD, \"/dev/null\", 0)",
                "statx(0, \"\", AT_EMPTY_PATH)", // /dev/null: left alone
                "statx(1, \"\", AT_EMPTY_PATH)",
                "fchown(1, 1000, 5)", // the pty goes to the user and keeps its group
                "statx(2, \"\", AT_EMPTY_PATH)",
                "fchown(2, 1000, 5)",
                openForReading("/proc/self/setgroups"), "read(5, 4096)", "close(5)",
                "setgroups([10, 20])",
                "setresgid(100, 100, 100)",
                "setresuid(1000, 1000, 1000)",
                "prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0)",
                "capset(0x400, 0x400, 0x400)",
                "prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, CAP_CHOWN, 0, 0)",
                "prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_BIND_SERVICE, 0, 0)"));
        assertEquals(expected, sys.calls());
        assertEquals(List.of("PATH=/bin", "HOME=/home/foo"), setup.environment());
    }

    @Test
    void boundingSetIsLeftAloneWithoutSetpcap() {
        kernel(pty(0), pty(0), pty(0));
        long noSetpcap = ((1L << 41) - 1) & ~(1L << Linux.CAP_SETPCAP);
        sys.willReturn("capget(", new CapabilitySets(noSetpcap, noSetpcap, 0));

        new ProcessSetup(sys, spec(process()), false).switchIdentity();

        assertEquals(List.of(), sys.calls("prctl(PR_CAPBSET_DROP"));
        assertEquals(1, sys.calls("capset(").size());
    }

    @Test
    void capabilitiesTheKernelLacksAreIgnoredWithRuncsWarning() {
        sys.file("/proc/sys/kernel/cap_last_cap", "37\n");
        sys.willReturn("statx(", DEV_NULL, DEV_NULL, DEV_NULL, DEV_NULL);
        List<String> both = List.of("CAP_KILL", "CAP_PERFMON", "CAP_BPF");
        Process p = withCaps(process(), caps(both, both, both, both, List.of()));

        List<String> warnings = new ProcessSetup(sys, spec(p), false).switchIdentity();

        assertEquals(List.of("ignoring unknown or unavailable capabilities: [CAP_BPF CAP_PERFMON]"), warnings);
        assertEquals(drops(37, "CAP_KILL"), sys.calls("prctl(PR_CAPBSET_DROP"));
        assertEquals(List.of("capset(0x20, 0x20, 0x20)"), sys.calls("capset("));
    }

    @Test
    void unknownCapabilityFailsBeforeAnySyscall() {
        kernel(pty(0), pty(0), pty(0));
        Process p = withCaps(process(), caps(List.of("CAP_KILL", "CAP_FOO"), List.of(), List.of(), List.of(), List.of()));

        JruncException e = assertThrows(JruncException.class,
                () -> new ProcessSetup(sys, spec(p), false).switchIdentity());

        assertEquals("process.capabilities.bounding[1]: unknown capability \"CAP_FOO\"", e.getMessage());
        assertEquals(List.of(), sys.calls());
    }

    @Test
    void cwdRootCannotEnterIsRetriedAsTheUser() {
        kernel(pty(1000), pty(1000), pty(1000));
        sys.failAt(4, Errno.EACCES); // the first chdir, right after reading cap_last_cap
        Process p = withArgsEnvCwd(withUser(process(), 1000, 1000, List.of()), List.of("sh"),
                List.of("HOME=/home/foo"), "/home/foo/private");

        new ProcessSetup(sys, spec(p), false).switchIdentity();

        List<String> calls = sys.calls();
        assertEquals(List.of("chdir(\"/home/foo/private\")", "chdir(\"/home/foo/private\")"), sys.calls("chdir("));
        int retry = calls.lastIndexOf("chdir(\"/home/foo/private\")");
        assertEquals("setresuid(1000, 1000, 1000)", calls.get(retry - 1));
        assertEquals("prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0)", calls.get(retry + 1));
    }

    @Test
    void missingCwdFailsWithRuncsMessageBeforeTouchingCapabilities() {
        kernel(pty(0), pty(0), pty(0));
        sys.failWhen("chdir(", Errno.ENOENT);
        Process p = withArgsEnvCwd(process(), List.of("sh"), List.of(), "/nope");

        JruncException e = assertThrows(JruncException.class,
                () -> new ProcessSetup(sys, spec(p), false).switchIdentity());

        assertEquals("chdir to cwd (\"/nope\") set in config.json failed: no such file or directory", e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals(List.of(), sys.calls("capget("));
    }

    @Test
    void setgroupsIsSkippedWhenTheUserNamespaceDeniesIt() {
        kernel(pty(0), pty(0), pty(0));
        sys.file("/proc/self/setgroups", "deny\n");

        new ProcessSetup(sys, spec(process()), false).switchIdentity();

        assertEquals(List.of(), sys.calls("setgroups("));
        assertEquals(List.of("setresgid(0, 0, 0)"), sys.calls("setresgid("));
    }

    @Test
    void rootlessSkipsSetgroupsAndRefusesAdditionalGroups() {
        kernel(pty(0), pty(0), pty(0));
        new ProcessSetup(sys, spec(process()), true).switchIdentity();
        assertEquals(List.of(), sys.calls("setgroups("));

        RecordingSyscalls other = new RecordingSyscalls();
        other.file("/proc/sys/kernel/cap_last_cap", "40\n");
        Process withGroups = withUser(process(), 0, 0, List.of(5L));
        JruncException e = assertThrows(JruncException.class,
                () -> new ProcessSetup(other, spec(withGroups), true).switchIdentity());
        assertEquals("unable to setup user: cannot set any additional groups in a rootless container", e.getMessage());
        assertEquals(List.of(), other.calls("setresuid("));
    }

    @Test
    void failuresCarryRuncsContext() {
        kernel(pty(0), pty(0), pty(0));
        sys.failWhen("setresuid(", Errno.EPERM);
        JruncException setuid = assertThrows(JruncException.class,
                () -> new ProcessSetup(sys, spec(withUser(process(), 1000, 1000, List.of())), false).switchIdentity());
        assertEquals("unable to setup user: operation not permitted", setuid.getMessage());

        RecordingSyscalls s2 = new RecordingSyscalls();
        s2.file("/proc/sys/kernel/cap_last_cap", "40\n");
        s2.failWhen("prctl(PR_CAPBSET_DROP, CAP_DAC_OVERRIDE", Errno.EINVAL); // unknown to this kernel: skipped
        s2.failWhen("prctl(PR_CAPBSET_DROP, CAP_FOWNER", Errno.EPERM);
        JruncException drop = assertThrows(JruncException.class,
                () -> new ProcessSetup(s2, spec(process()), false).switchIdentity());
        assertEquals("unable to apply bounding set: operation not permitted", drop.getMessage());
        assertEquals(4, s2.calls("prctl(PR_CAPBSET_DROP").size()); // CHOWN, DAC_OVERRIDE (skipped), DAC_READ_SEARCH, FOWNER

        RecordingSyscalls s3 = kernelWith(new RecordingSyscalls());
        s3.failWhen("capset(", Errno.EPERM);
        JruncException capset = assertThrows(JruncException.class,
                () -> new ProcessSetup(s3, spec(process()), false).switchIdentity());
        assertEquals("unable to apply caps: operation not permitted", capset.getMessage());

        // an ambient capability that is not inheritable cannot be raised (EPERM): runc warns and goes on
        RecordingSyscalls s5 = kernelWith(new RecordingSyscalls());
        s5.failWhen("prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE", Errno.EPERM);
        Process ambient = withCaps(process(), caps(List.of(KEEP), List.of(KEEP), List.of(), List.of(KEEP), List.of(KEEP)));
        List<String> warnings = new ProcessSetup(s5, spec(ambient), false).switchIdentity();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("can't raise ambient capability CAP_"), warnings.toString());
        assertTrue(warnings.get(0).endsWith(": operation not permitted"), warnings.toString());

        RecordingSyscalls s4 = kernelWith(new RecordingSyscalls());
        s4.failWhen("setgroups(", Errno.EPERM);
        JruncException groups = assertThrows(JruncException.class,
                () -> new ProcessSetup(s4, spec(process()), false).switchIdentity());
        assertEquals("unable to setup user: setgroups: operation not permitted", groups.getMessage());
    }

    private static RecordingSyscalls kernelWith(RecordingSyscalls s) {
        s.file("/proc/sys/kernel/cap_last_cap", "40\n");
        s.willReturn("statx(", DEV_NULL, DEV_NULL, DEV_NULL, DEV_NULL);
        return s;
    }
}

package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Process;
import io.jrunc.spec.Spec;
import io.jrunc.sys.Errno;
import io.jrunc.sys.RecordingSyscalls;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jrunc.container.process.TestSpecs.*;
import static org.junit.jupiter.api.Assertions.*;

/** The smaller steps of {@link ProcessSetup}: names, umask, no_new_privs, rlimits, oom score, personality, exec. */
class ProcessSetupTest {
    private final RecordingSyscalls sys = new RecordingSyscalls();

    @Test
    void setsHostAndDomainNameOnlyWhenGiven() {
        new ProcessSetup(sys, withNames(spec(process()), "box", "example.org"), false).setHostAndDomainName();
        new ProcessSetup(sys, spec(process()), false).setHostAndDomainName();
        assertEquals(List.of("sethostname(\"box\")", "setdomainname(\"example.org\")"), sys.calls());
    }

    @Test
    void hostnameFailureIsWordedLikeGosSyscallError() {
        sys.failWhen("sethostname(", Errno.EPERM);
        JruncException e = assertThrows(JruncException.class,
                () -> new ProcessSetup(sys, withNames(spec(process()), "box", null), false).setHostAndDomainName());
        assertEquals("sethostname: operation not permitted", e.getMessage());
    }

    @Test
    void umaskIsTheConfiguredOneOr022() {
        new ProcessSetup(sys, spec(process()), false).applyUmask();
        new ProcessSetup(sys, spec(withUmask(process(), 077L)), false).applyUmask();
        assertEquals(List.of("umask(022)", "umask(077)"), sys.calls());
    }

    @Test
    void noNewPrivilegesOnlyWhenAsked() {
        new ProcessSetup(sys, spec(process()), false).setNoNewPrivileges();
        assertEquals(List.of(), sys.calls());
        new ProcessSetup(sys, spec(withNoNewPrivsAndOom(process(), true, null)), false).setNoNewPrivileges();
        assertEquals(List.of("prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)"), sys.calls());

        sys.failWhen("prctl(PR_SET_NO_NEW_PRIVS", Errno.EINVAL);
        JruncException e = assertThrows(JruncException.class,
                () -> new ProcessSetup(sys, spec(withNoNewPrivsAndOom(process(), true, null)), false).setNoNewPrivileges());
        assertEquals("prctl(SET_NO_NEW_PRIVS): invalid argument", e.getMessage());
    }

    @Test
    void oomScoreAdjIsWrittenToProcSelf() {
        sys.file("/proc/self/oom_score_adj", "0");
        new ProcessSetup(sys, spec(withNoNewPrivsAndOom(process(), false, -500)), false).writeOomScoreAdj();
        assertEquals("-500", sys.text("/proc/self/oom_score_adj"));

        RecordingSyscalls untouched = new RecordingSyscalls();
        new ProcessSetup(untouched, spec(process()), false).writeOomScoreAdj();
        assertEquals(List.of(), untouched.calls());

        RecordingSyscalls parent = new RecordingSyscalls();
        parent.file("/proc/4242/oom_score_adj", "0");
        ProcessSetup.writeOomScoreAdj(parent, withNoNewPrivsAndOom(process(), false, 999), 4242);
        assertEquals("999", parent.text("/proc/4242/oom_score_adj"));

        RecordingSyscalls refused = new RecordingSyscalls();
        refused.failWhen("openat(", Errno.EACCES);
        JruncException e = assertThrows(JruncException.class,
                () -> new ProcessSetup(refused, spec(withNoNewPrivsAndOom(process(), false, -1000)), false).writeOomScoreAdj());
        assertEquals("failed to update /proc/self/oom_score_adj: permission denied", e.getMessage());
    }

    @Test
    void rlimitsGoToThisProcess() {
        Process p = withRlimits(process(), List.of(new Process.Rlimit("RLIMIT_NOFILE", 4096, 1024),
                new Process.Rlimit("RLIMIT_CORE", -1L, -1L)));
        new ProcessSetup(sys, spec(p), false).applyRlimits();
        assertEquals(List.of("setrlimit(0, RLIMIT_NOFILE, 1024, 4096)", "setrlimit(0, RLIMIT_CORE, RLIM_INFINITY, RLIM_INFINITY)"),
                sys.calls());
    }

    @Test
    void personalitySetsTheDomain() {
        Linux linux = linux(List.of(), List.of(), List.of(), new Linux.Personality("LINUX32", List.of()));
        Spec s = spec(process()).withLinux(linux);
        new ProcessSetup(sys, s, false).setPersonality();
        new ProcessSetup(sys, spec(process()), false).setPersonality();
        assertEquals(List.of("personality(0x8)"), sys.calls());
    }

    @Test
    void execRunsTheResolvedPathWithTheOriginalArgvAndFinalEnvironment() {
        sys.file("/proc/sys/kernel/cap_last_cap", "40\n");
        sys.file("/usr/bin/env", "");
        sys.willReturn("statx(", devNull(), devNull(), devNull(), devNull());
        Process p = withArgsEnvCwd(process(), List.of("env", "-0"), List.of("PATH=/usr/bin"), "/");
        ProcessSetup setup = new ProcessSetup(sys, spec(p), false);
        setup.switchIdentity();

        String path = setup.resolveExecutable();
        RecordingSyscalls.Exec exec = assertThrows(RecordingSyscalls.Exec.class, () -> setup.exec(path));

        assertEquals("/usr/bin/env", exec.path);
        assertEquals(List.of("env", "-0"), exec.argv);
        assertEquals(List.of("PATH=/usr/bin", "HOME=/"), exec.envp);
    }

    private static io.jrunc.sys.Syscalls.FileStat devNull() {
        return new io.jrunc.sys.Syscalls.FileStat(io.jrunc.sys.Linux.S_IFCHR | 0666, 0, 0, 0, 5, 1, 0, 6, 1, 3, 1);
    }
}

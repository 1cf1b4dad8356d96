package io.jrunc.container.exec;

import io.jrunc.JruncException;
import io.jrunc.spec.Process;
import io.jrunc.spec.Spec;
import io.jrunc.sys.Errno;
import io.jrunc.sys.RecordingSyscalls;
import io.jrunc.sys.Syscalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exec process from the command line or -p, as runc's getProcess builds it, and its checks. */
class ExecProcessTest {
    private static final Spec CONFIG = ExecKernel.defaultSpec();
    private static final List<String> DEFAULT_CAPS = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
    private final RecordingSyscalls sys = new RecordingSyscalls();

    private Process build(Opts o) {
        return ExecProcess.build(sys, o.build(), CONFIG);
    }

    private JruncException failure(Opts o) {
        return assertThrows(JruncException.class, () -> {
            Process p = build(o);
            ExecProcess.validate(sys, CONFIG.withProcess(p));
        });
    }

    @Test
    void withoutFlagsItIsTheConfigsProcessRunningTheGivenArgs() {
        Process p = build(Opts.of("sh", "-c", "echo hi"));
        Process config = CONFIG.process();
        assertEquals(List.of("sh", "-c", "echo hi"), p.args());
        assertEquals(config.env(), p.env());
        assertEquals("/", p.cwd());
        assertEquals(config.user(), p.user());
        assertEquals(config.capabilities(), p.capabilities());
        assertEquals(config.rlimits(), p.rlimits());
        assertTrue(p.noNewPrivileges());
        assertFalse(p.terminal(), "exec's terminal is off unless -t, whatever the config says");
        assertNull(p.apparmorProfile());
        assertNull(p.selinuxLabel());
    }

    @Test
    void envIsAppendedCwdAppArmorAndLabelReplace() {
        Opts o = Opts.of("env");
        o.env = List.of("FOO=bar", "TERM=dumb");
        o.cwd = "/tmp";
        o.apparmor = "my-profile";
        o.label = "system_u:system_r:container_t:s0";
        Process p = build(o);
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm",
                "FOO=bar", "TERM=dumb"), p.env());
        assertEquals("/tmp", p.cwd());
        assertEquals("my-profile", p.apparmorProfile());
        assertEquals("system_u:system_r:container_t:s0", p.selinuxLabel());
    }

    @Test
    void ttyAndNoNewPrivsOnlyWhenGiven() {
        Opts o = Opts.of("true");
        o.tty = true;
        o.noNewPrivs = false;
        Process p = build(o);
        assertTrue(p.terminal());
        assertFalse(p.noNewPrivileges(), "--no-new-privs=false overrides the config's true");
        o.noNewPrivs = null;
        assertTrue(build(o).noNewPrivileges(), "not given: the config's");
    }

    @ParameterizedTest(name = "-u {0}")
    @CsvSource(delimiter = '|', value = {
            "1000|1000|0",
            "1000:2000|1000|2000",
            "+7:-0|7|0",
            "4294967296:1|0|1", // Go's uint32() keeps the low 32 bits
    })
    void userIsUidOrUidColonGid(String user, long uid, long gid) {
        Opts o = Opts.of("id");
        o.user = user;
        Process.User u = build(o).user();
        assertEquals(uid, u.uid());
        assertEquals(gid, u.gid());
    }

    @ParameterizedTest(name = "-u {0}")
    @CsvSource(delimiter = '|', value = {
            "abc|parsing abc as int for uid failed: strconv.Atoi: parsing \"abc\": invalid syntax",
            "abc:def|parsing def as int for gid failed: strconv.Atoi: parsing \"def\": invalid syntax",
            "5:|parsing  as int for gid failed: strconv.Atoi: parsing \"\": invalid syntax",
            ":5|parsing  as int for uid failed: strconv.Atoi: parsing \"\": invalid syntax",
            "1:2:3|parsing 2:3 as int for gid failed: strconv.Atoi: parsing \"2:3\": invalid syntax",
            "99999999999999999999|parsing 99999999999999999999 as int for uid failed: strconv.Atoi: parsing "
                    + "\"99999999999999999999\": value out of range",
            "-1|unable to start container process: unable to setup user: uids and gids must be in range 0-2147483647",
            "0:2147483648|unable to start container process: unable to setup user: uids and gids must be in range 0-2147483647",
    })
    void badUsersFailWithRuncsMessages(String user, String message) {
        Opts o = Opts.of("id");
        o.user = user;
        assertEquals(message, failure(o).getMessage());
    }

    @Test
    void additionalGidsAreAppendedAndMustNotBeNegative() {
        Spec config = CONFIG.withProcess(withUser(CONFIG.process(), new Process.User(0, 0, null, List.of(7L), null)));
        Opts o = Opts.of("id");
        o.gids = List.of(5L, 0L);
        assertEquals(List.of(7L, 5L, 0L), ExecProcess.build(sys, o.build(), config).user().additionalGids());

        o.gids = List.of(5L, -5L);
        assertEquals("additional-gids must be a positive number -5", failure(o).getMessage());
        o.gids = List.of(1L << 31);
        assertEquals("unable to start container process: unable to setup user: uids and gids must be in range 0-2147483647",
                failure(o).getMessage());
    }

    @Test
    void capGoesToBoundingEffectiveAndPermittedAndToAmbientOnlyWhereInheritable() {
        Opts o = Opts.of("true");
        o.caps = List.of("CAP_SYS_ADMIN", "CAP_NET_RAW");
        Process.Capabilities c = build(o).capabilities();
        List<String> expected = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_SYS_ADMIN", "CAP_NET_RAW");
        assertEquals(expected, c.bounding());
        assertEquals(expected, c.effective());
        assertEquals(expected, c.permitted());
        assertEquals(List.of(), c.inheritable(), "runc stopped adding --cap to inheritable (CVE-2022-29162)");
        assertEquals(List.of(), c.ambient(), "an ambient capability that is not inheritable cannot be raised");

        Process.Capabilities withInheritable = new Process.Capabilities(DEFAULT_CAPS, DEFAULT_CAPS, List.of("CAP_NET_RAW"),
                DEFAULT_CAPS, List.of());
        Spec config = CONFIG.withProcess(withCaps(CONFIG.process(), withInheritable));
        assertEquals(List.of("CAP_NET_RAW"), ExecProcess.build(sys, o.build(), config).capabilities().ambient());
    }

    @Test
    void capOnAConfigWithoutCapabilitiesStartsFromNone() {
        Spec config = CONFIG.withProcess(withCaps(CONFIG.process(), null));
        Opts o = Opts.of("true");
        assertNull(ExecProcess.build(sys, o.build(), config).capabilities());
        o.caps = List.of("CAP_CHOWN");
        Process.Capabilities c = ExecProcess.build(sys, o.build(), config).capabilities();
        assertEquals(List.of("CAP_CHOWN"), c.bounding());
        assertEquals(List.of("CAP_CHOWN"), c.permitted());
        assertEquals(List.of(), c.ambient());
    }

    @Test
    void unknownCapabilityFailsLikeCreate() {
        Opts o = Opts.of("true");
        o.caps = List.of("CAP_FOO");
        assertEquals("process.capabilities.bounding[3]: unknown capability \"CAP_FOO\"", failure(o).getMessage());
    }

    @Test
    void runcsProcessChecksKeepRuncsWording() {
        Opts o = Opts.of("true");
        o.cwd = "tmp";
        assertEquals("Cwd must be an absolute path", failure(o).getMessage());
        o.cwd = null;
        o.env = List.of("NOEQUALS");
        assertEquals("process.env[2]: invalid environment variable: missing '='", failure(o).getMessage());
    }

    @Test
    void aSelinuxLabelNeedsSelinux() {
        Opts o = Opts.of("true");
        o.label = "system_u:system_r:container_t:s0";
        assertEquals("selinux label is specified in config, but selinux is disabled or not supported",
                failure(o).getMessage());

        sys.willReturn("statfs(\"/sys/fs/selinux\")", new Syscalls.Statfs(ExecProcess.SELINUX_MAGIC, 4096, 0));
        Process p = build(o);
        ExecProcess.validate(sys, CONFIG.withProcess(p));
        assertEquals("system_u:system_r:container_t:s0", p.selinuxLabel());
    }

    @Test
    void processJsonReplacesTheConfigsProcessAndIgnoresTheProcessFlags() {
        sys.file("/p.json", """
                {"args": ["/bin/echo", "hi"], "cwd": "/tmp", "env": ["A=1"], "user": {"uid": 5, "gid": 6},
                 "terminal": true, "capabilities": {"bounding": ["CAP_KILL"]},
                 "rlimits": [{"type": "RLIMIT_CORE", "hard": 0, "soft": 0}]}""");
        Opts o = Opts.of();
        o.process = "/p.json";
        o.cwd = "/ignored";
        o.env = List.of("IGNORED=1");
        o.user = "1:1";
        o.caps = List.of("CAP_SYS_ADMIN");
        Process p = build(o);
        assertEquals(List.of("/bin/echo", "hi"), p.args());
        assertEquals("/tmp", p.cwd());
        assertEquals(List.of("A=1"), p.env());
        assertEquals(5, p.user().uid());
        assertEquals(6, p.user().gid());
        assertTrue(p.terminal(), "-p's terminal stands");
        assertEquals(List.of("CAP_KILL"), p.capabilities().bounding());
        assertEquals(List.of(new Process.Rlimit("RLIMIT_CORE", 0, 0)), p.rlimits());
        assertFalse(p.noNewPrivileges());
    }

    @Test
    void processJsonWithoutCapabilitiesOrRlimitsGetsTheContainers() {
        sys.file("/p.json", "{\"args\": [\"/bin/true\"], \"cwd\": \"/\"}");
        Opts o = Opts.of();
        o.process = "/p.json";
        Process p = build(o);
        assertSame(CONFIG.process().capabilities(), p.capabilities());
        assertEquals(CONFIG.process().rlimits(), p.rlimits());
        assertEquals(List.of(), p.env());
    }

    @Test
    void processJsonProblems() {
        sys.strictPaths();
        Opts o = Opts.of();
        o.process = "/missing.json";
        JruncException e = failure(o);
        assertEquals("open /missing.json: no such file or directory", e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());

        sys.file("/rel.json", "{\"args\": [\"/bin/true\"], \"cwd\": \"tmp\"}");
        o.process = "/rel.json";
        assertEquals("Cwd must be an absolute path", failure(o).getMessage());

        sys.file("/noargs.json", "{\"cwd\": \"/\"}");
        o.process = "/noargs.json";
        assertEquals("args must not be empty", failure(o).getMessage());

        sys.file("/broken.json", "[1");
        o.process = "/broken.json";
        failure(o); // the JSON parser's message
    }

    @Test
    void withContainerDefaultsKeepsWhatTheProcessHas() {
        Process own = withCaps(CONFIG.process(), new Process.Capabilities(List.of("CAP_KILL"), List.of(), List.of(),
                List.of(), List.of()));
        assertSame(own.capabilities(), ExecProcess.withContainerDefaults(own, CONFIG.process()).capabilities());
    }

    static Process withUser(Process p, Process.User user) {
        return new Process(p.terminal(), p.consoleSize(), user, p.args(), p.commandLine(), p.env(), p.cwd(),
                p.capabilities(), p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(),
                p.scheduler(), p.selinuxLabel(), p.ioPriority(), p.execCPUAffinity());
    }

    static Process withCaps(Process p, Process.Capabilities caps) {
        return new Process(p.terminal(), p.consoleSize(), p.user(), p.args(), p.commandLine(), p.env(), p.cwd(),
                caps, p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(), p.scheduler(),
                p.selinuxLabel(), p.ioPriority(), p.execCPUAffinity());
    }
}

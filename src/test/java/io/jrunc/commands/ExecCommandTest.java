package io.jrunc.commands;

import io.jrunc.cli.CliHarness;
import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.Invocation;
import io.jrunc.container.SyncChannel;
import io.jrunc.container.exec.ExecKernel;
import io.jrunc.container.exec.ExecOptions;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Syscalls;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jrunc exec} through the CLI: runc's exit codes (1 for usage, 255 for exec failures) and messages. */
class ExecCommandTest {

    private static CliHarness.Outcome exec(ExecKernel k, String... args) {
        k.failWhen("tcgetattr", Errno.ENOTTY);
        List<String> argv = new java.util.ArrayList<>(List.of("--root", ExecKernel.ROOT, "exec"));
        argv.addAll(List.of(args));
        return new CliHarness(List.of(new ExecCommand()), k).run(argv.toArray(String[]::new));
    }

    private static void assertExecFailed(CliHarness.Outcome o, String message) {
        assertEquals(255, o.status(), o.err());
        assertTrue(o.err().contains("exec failed: " + message), o.err());
    }

    @Test
    void usageErrorsExit1() {
        CliHarness.Outcome o = exec(ExecKernel.running());
        assertEquals(1, o.status());
        assertTrue(o.err().contains("jrunc: \\\"exec\\\" requires a minimum of 1 argument(s)"), o.err());
    }

    @Test
    void everythingElseIsExecFailedWithStatus255() {
        assertExecFailed(exec(ExecKernel.running(), "nope", "true"), "container does not exist");
        assertExecFailed(exec(ExecKernel.running(), "a/b", "true"), "invalid container ID format");
        assertExecFailed(exec(ExecKernel.running(), "c1"), "process args cannot be empty");
        assertExecFailed(exec(ExecKernel.running(), "-u", "abc", "c1", "true"),
                "parsing abc as int for uid failed: strconv.Atoi: parsing \\\"abc\\\": invalid syntax");
        assertExecFailed(exec(ExecKernel.running(), "--cgroup", "a:b:c", "c1", "true"), "invalid --cgroup argument: a:b:c");
        assertExecFailed(exec(ExecKernel.running(), "-t", "-d", "c1", "sh"),
                "cannot allocate tty if jrunc will detach without setting console socket");

        ExecKernel stopped = ExecKernel.running();
        stopped.file("/proc/100/stat", ExecKernel.stat(100, 'Z', ExecKernel.START_TIME));
        assertExecFailed(exec(stopped, "c1", "true"), "cannot exec in a stopped container");

        ExecKernel notFound = ExecKernel.running().childFails("exec: \"nosuch\": executable file not found in $PATH", 0);
        assertExecFailed(exec(notFound, "c1", "nosuch"),
                "unable to start container process: exec: \\\"nosuch\\\": executable file not found in $PATH");
    }

    @Test
    void theForegroundExitCodeIsTheProcesss() {
        ExecKernel k = ExecKernel.running().childSays(SyncChannel.READY);
        k.willReturn("wait4(-1, WNOHANG)", new Syscalls.WaitStatus(4242, 42 << 8));
        CliHarness.Outcome o = exec(k, "c1", "sh", "-c", "exit 42");
        assertEquals(42, o.status(), o.err());
        assertEquals("", o.err());
    }

    @Test
    void detachWritesTheHostPidToARelativePidFileMadeAbsolute() {
        ExecKernel k = ExecKernel.running().childSays(SyncChannel.READY);
        k.dir("/work");
        k.willReturn("getcwd()", "/work");
        CliHarness.Outcome o = exec(k, "-d", "--pid-file", "exec.pid", "c1", "/bin/true");
        assertEquals(0, o.status(), o.err());
        assertEquals("4242", k.text("/work/exec.pid"));
        assertEquals(List.of(), k.calls("wait4"));
    }

    @Test
    void optionsCarryEveryFlagAndLeaveUnsetOnesUnset() {
        ExecOptions[] seen = new ExecOptions[2];
        Command probe = new Command() {
            @Override
            public CommandSpec spec() {
                return ExecCommand.SPEC;
            }

            @Override
            public int run(Invocation inv) {
                seen[seen[0] == null ? 0 : 1] = ExecCommand.options(inv, "/abs.pid");
                return 0;
            }
        };
        CliHarness h = new CliHarness(List.of(probe));
        CliHarness.Outcome all = h.run("exec", "-p", "/p.json", "-d", "-e", "A=1", "-e", "B=2", "--cwd", "/tmp", "-u", "1:2",
                "-g", "5", "-g", "6", "--cap", "CAP_KILL", "--cap", "CAP_CHOWN", "--no-new-privs", "-t",
                "--apparmor", "prof", "--process-label", "label", "--preserve-fds", "2", "--cgroup", "cpu:a",
                "--ignore-paused", "--console-socket", "/c.sock", "--pidfd-socket", "/p.sock", "c1", "x", "y");
        assertEquals(0, all.status(), all.out() + all.err());
        ExecOptions o = seen[0];
        assertEquals("c1", o.id());
        assertEquals(List.of("x", "y"), o.args());
        assertEquals("/p.json", o.processPath());
        assertTrue(o.detach());
        assertEquals("/abs.pid", o.pidFile());
        assertEquals(List.of("A=1", "B=2"), o.env());
        assertEquals("/tmp", o.cwd());
        assertEquals("1:2", o.user());
        assertEquals(List.of(5L, 6L), o.additionalGids());
        assertEquals(List.of("CAP_KILL", "CAP_CHOWN"), o.caps());
        assertEquals(Boolean.TRUE, o.noNewPrivs());
        assertEquals(Boolean.TRUE, o.tty());
        assertEquals("prof", o.apparmor());
        assertEquals("label", o.processLabel());
        assertEquals(2, o.preserveFds());
        assertEquals(List.of("cpu:a"), o.cgroups());
        assertTrue(o.ignorePaused());
        assertEquals("/c.sock", o.consoleSocket());
        assertEquals("/p.sock", o.pidfdSocket());

        assertEquals(0, h.run("exec", "c1", "true").status());
        ExecOptions bare = seen[1];
        assertNull(bare.noNewPrivs(), "not given: the config decides");
        assertNull(bare.tty());
        assertNull(bare.processPath());
        assertNull(bare.cwd());
        assertNull(bare.user());
        assertFalse(bare.detach());
        assertEquals(0, bare.preserveFds());
    }
}

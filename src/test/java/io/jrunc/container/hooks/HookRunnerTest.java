package io.jrunc.container.hooks;

import io.jrunc.JruncException;
import io.jrunc.spec.Hook;
import io.jrunc.spec.State;
import io.jrunc.sys.Errno;
import io.jrunc.sys.RecordingSyscalls;
import io.jrunc.sys.Syscalls.WaitStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The hook runner against the recording fake. Its fds count up from 3, so one hook run uses:
 * stdin pipe 3 (read) / 4 (write), stdout 5/6, stderr 7/8, exec-error report 9/10.
 */
class HookRunnerTest {
    private static final State STATE = new State("1.3.0", "c1", State.CREATING, 4000, "/bundle", "/bundle/rootfs",
            Instant.EPOCH, Map.of(), "");
    private static final String STATE_JSON =
            "{\"ociVersion\":\"1.3.0\",\"id\":\"c1\",\"status\":\"creating\",\"pid\":4000,\"bundle\":\"/bundle\"}";

    private final RecordingSyscalls sys = new RecordingSyscalls();

    private HookRunner runner(LongSupplier clock) {
        return new HookRunner(sys, sys::environment, clock);
    }

    private HookRunner runner() {
        return runner(() -> 0L);
    }

    private static Hook hook(String path, Integer timeout) {
        return new Hook(path, List.of("hook", "--flag"), List.of("A=1"), timeout);
    }

    /** What the fake prints for a write of {@code text} (a Java string literal). */
    private static String written(int fd, String text) {
        return "write(" + fd + ", \"" + text.replace("\"", "\\\"") + "\")";
    }

    @Test
    void theParentGivesTheStateOnStdinAndWaitsForTheHook() {
        runner().run(HookPhase.PRESTART, List.of(hook("/hooks/one", null)), STATE);

        assertEquals(List.of(
                "pipe2(O_CLOEXEC)",
                written(4, STATE_JSON), // the whole state is in the pipe before the hook exists
                "close(4)",
                "pipe2(O_CLOEXEC)",
                "pipe2(O_CLOEXEC)",
                "pipe2(O_CLOEXEC)",
                "clone3(0, SIGCHLD, -1)",
                "close(3)", "close(6)", "close(8)", "close(10)", // the child's ends
                "read(9, 4)", // empty: execve succeeded and closed the report pipe
                "close(9)",
                "poll([5, 7], [POLLIN, POLLIN], -1)",
                "read(5, 4096)", "close(5)",
                "read(7, 4096)", "close(7)",
                "wait4(4242, 0)"), sys.calls());
        assertEquals(List.of(), List.copyOf(sys.openFds()), "every fd of the run is closed");
    }

    @Test
    void theChildWiresStdioHidesOtherFdsAndExecs() {
        sys.willReturn("clone3(", 0);
        Hook hook = new Hook("/hooks/one", List.of("one", "x"), List.of("K=v"), null);

        RecordingSyscalls.Exit exit = assertThrows(RecordingSyscalls.Exit.class,
                () -> runner().run(HookPhase.CREATE_RUNTIME, List.of(hook), STATE));

        List<String> calls = sys.calls();
        int fork = calls.indexOf("clone3(0, SIGCHLD, -1)");
        assertEquals(List.of(
                "sigprocmask(SIG_SETMASK, 0x0)",
                "dup3(3, 0, 0)", "dup3(6, 1, 0)", "dup3(8, 2, 0)",
                "closeRange(3, -1, CLOSE_RANGE_CLOEXEC)",
                "execve(\"/hooks/one\", [\"one\", \"x\"], [\"K=v\"])",
                "exitGroup(127)"), // only reached in the fake, where execve "returns"
                calls.subList(fork + 1, fork + 8));
        assertEquals(127, exit.status);
    }

    @Test
    void aHookWithoutArgsOrEnvGetsItsPathAsArgv0AndTheRuntimesEnvironment() {
        sys.willReturn("clone3(", 0);
        sys.environment(List.of("PATH=/bin", "XDG_RUNTIME_DIR=/run/user/0"));

        assertThrows(RecordingSyscalls.Exit.class, () -> runner().run(HookPhase.POSTSTART,
                List.of(new Hook("/hooks/bare", List.of(), List.of(), null)), STATE));

        assertEquals(List.of("execve(\"/hooks/bare\", [\"/hooks/bare\"], [\"PATH=/bin\", \"XDG_RUNTIME_DIR=/run/user/0\"])"),
                sys.calls("execve("));
    }

    @Test
    void aFailedExecIsReportedAsGosForkExecError() {
        sys.willReturn("read(9,", new byte[] {(byte) Errno.ENOENT, 0, 0, 0});

        JruncException e = assertThrows(JruncException.class,
                () -> runner().run(HookPhase.PRESTART, List.of(hook("/hooks/missing", null)), STATE));

        assertEquals("error running prestart hook #0: fork/exec /hooks/missing: no such file or directory", e.getMessage());
        assertEquals(List.of("wait4(4242, 0)"), sys.calls("wait4("), "the dead child is reaped");
        assertEquals(List.of(), sys.calls("poll("));
    }

    @Test
    void aNonZeroExitFailsThePhaseWithTheHooksOutput() {
        sys.willReturn("read(5,", "partial ".getBytes(StandardCharsets.UTF_8), "out".getBytes(StandardCharsets.UTF_8), 0);
        sys.willReturn("read(7,", "oops\n".getBytes(StandardCharsets.UTF_8), 0);
        sys.willReturn("wait4(", new WaitStatus(4242, 1 << 8));
        List<Hook> hooks = List.of(hook("/hooks/bad", null), hook("/hooks/never", null));

        JruncException e = assertThrows(JruncException.class,
                () -> runner().run(HookPhase.CREATE_RUNTIME, hooks, STATE));

        assertEquals("error running createRuntime hook #0: error running hook: exit status 1, "
                + "stdout: partial out, stderr: oops\n", e.getMessage());
        assertEquals(1, sys.calls("clone3(").size(), "the hooks after a failure do not run");
    }

    @Test
    void aSignalledHookIsDescribedAsGoDoes() {
        sys.willReturn("wait4(", new WaitStatus(4242, 11 | 0x80), new WaitStatus(4242, 0), new WaitStatus(4242, 9));
        List<Hook> hooks = List.of(hook("/hooks/ok", null), hook("/hooks/ok", null), hook("/hooks/killed", null));

        JruncException core = assertThrows(JruncException.class,
                () -> runner().run(HookPhase.START_CONTAINER, hooks, STATE));
        assertEquals("error running startContainer hook #0: error running hook: signal: segmentation fault "
                + "(core dumped), stdout: , stderr: ", core.getMessage());

        JruncException killed = assertThrows(JruncException.class,
                () -> runner().run(HookPhase.CREATE_CONTAINER, hooks, STATE));
        assertEquals("error running createContainer hook #1: error running hook: signal: killed, stdout: , stderr: ",
                killed.getMessage());
    }

    @Test
    void aHookStillSilentAtItsTimeoutIsKilled() {
        sys.willReturn("poll(", (Object) new short[0]); // poll's timeout passes

        JruncException e = assertThrows(JruncException.class,
                () -> runner().run(HookPhase.PRESTART, List.of(hook("/hooks/slow", 2)), STATE));

        assertEquals("error running prestart hook #0: hook ran past specified timeout of 2.0s", e.getMessage());
        List<String> calls = sys.calls();
        assertEquals(List.of("poll([5, 7], [POLLIN, POLLIN], 2000)", "kill(4242, SIGKILL)", "wait4(4242, 0)"),
                calls.subList(calls.size() - 5, calls.size() - 2));
        assertEquals(List.of(), List.copyOf(sys.openFds()));
    }

    @Test
    void aHookThatKeepsWritingIsKilledAtItsDeadlineToo() {
        long[] now = {0, 0, 1_500_000_000L, 3_000_000_000L}; // started, 1st poll, 2nd poll, 3rd check
        int[] tick = {0};
        sys.willReturn("read(5,", "tick".getBytes(StandardCharsets.UTF_8), "tick".getBytes(StandardCharsets.UTF_8));
        sys.willReturn("read(7,", "x".getBytes(StandardCharsets.UTF_8), "x".getBytes(StandardCharsets.UTF_8));

        JruncException e = assertThrows(JruncException.class, () -> runner(() -> now[Math.min(tick[0]++, 3)])
                .run(HookPhase.POSTSTART, List.of(hook("/hooks/chatty", 2)), STATE));

        assertEquals("error running poststart hook #0: hook ran past specified timeout of 2.0s", e.getMessage());
        assertEquals(List.of("poll([5, 7], [POLLIN, POLLIN], 2000)", "poll([5, 7], [POLLIN, POLLIN], 500)"),
                sys.calls("poll("));
        assertEquals(List.of("kill(4242, SIGKILL)"), sys.calls("kill("));
    }

    @Test
    void aFailingReadStillKillsAndReapsTheHook() {
        sys.failWhen("read(5,", Errno.EIO);

        JruncException e = assertThrows(JruncException.class,
                () -> runner().run(HookPhase.PRESTART, List.of(hook("/hooks/h", null)), STATE));

        assertEquals("error running prestart hook #0: read fd 5: input/output error", e.getMessage());
        assertEquals(List.of("kill(4242, SIGKILL)"), sys.calls("kill("));
        assertEquals(List.of("wait4(4242, 0)"), sys.calls("wait4("));
        assertEquals(List.of(), List.copyOf(sys.openFds()));
    }

    @Test
    void poststopFailuresAreWarningsAndEveryHookRuns() {
        sys.willReturn("wait4(", new WaitStatus(4242, 3 << 8), new WaitStatus(4242, 0), new WaitStatus(4242, 2 << 8));
        List<Hook> hooks = List.of(hook("/hooks/a", null), hook("/hooks/b", null), hook("/hooks/c", null));

        List<String> warnings = runner().runPoststop(hooks, STATE);

        assertEquals(List.of(
                "error running poststop hook #0: error running hook: exit status 3, stdout: , stderr: ",
                "error running poststop hook #2: error running hook: exit status 2, stdout: , stderr: "), warnings);
        assertEquals(3, sys.calls("clone3(").size());
    }

    @Test
    void aStateTooBigForAPagePipeGetsABiggerPipeOrAMemfd() {
        String big = "x".repeat(10_000);
        State state = new State("1.3.0", "c1", State.CREATED, 1, "/b", "/r", Instant.EPOCH, Map.of("a", big), "");
        sys.willReturn("fcntl(4, F_SETPIPE_SZ", 16384);
        runner().run(HookPhase.START_CONTAINER, List.of(hook("/hooks/h", null)), state);
        assertEquals(1, sys.calls("write(4, ").size());

        RecordingSyscalls quota = new RecordingSyscalls().failWhen("fcntl(4, F_SETPIPE_SZ", Errno.EPERM);
        new HookRunner(quota, quota::environment, () -> 0L)
                .run(HookPhase.START_CONTAINER, List.of(hook("/hooks/h", null)), state);
        List<String> calls = quota.calls();
        int size = HookRunner.stateJson(state).length;
        assertEquals(List.of("pipe2(O_CLOEXEC)", "fcntl(4, F_SETPIPE_SZ, " + size + ")", "close(3)", "close(4)",
                "memfdCreate(\"hook-state\", 0)"), calls.subList(0, 5));
        assertTrue(calls.get(5).startsWith("write(5, \"{"), calls.get(5));
        assertEquals("lseek(5, 0, 0)", calls.get(6)); // SEEK_SET
    }
}

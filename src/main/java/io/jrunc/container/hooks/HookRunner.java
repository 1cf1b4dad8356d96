package io.jrunc.container.hooks;

import io.jrunc.JruncException;
import io.jrunc.json.Json;
import io.jrunc.spec.Hook;
import io.jrunc.spec.State;
import io.jrunc.sys.Syscalls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs OCI hooks the way runc does: in order, each with the container's OCI state JSON on stdin,
 * the first failure ending the phase with runc's message, e.g.
 * {@code error running createRuntime hook #0: error running hook: exit status 1, stdout: , stderr: oops}
 * or {@code error running prestart hook #1: hook ran past specified timeout of 2.0s}.
 * Poststop hooks only warn: every one runs, and the failures come back as warnings.
 *
 * <p>A hook with no "env" gets the environment of the process running it, as Go's exec.Cmd does
 * with a nil Env (runc passes the config's list through, nil when absent). The config model cannot
 * tell an absent env from an empty one, so both inherit.
 */
public final class HookRunner {
    private final HookExecution execution;
    private final Supplier<List<String>> inheritedEnv;

    /** Hooks without env inherit jrunc's own environment; timeouts measured with System.nanoTime. */
    public HookRunner(Syscalls sys) {
        this(sys, sys::environment);
    }

    /**
     * @param inheritedEnv the environment of a hook with no env of its own: in the container's init
     *                     (startContainer), runc's is already the container process's environment
     */
    public HookRunner(Syscalls sys, Supplier<List<String>> inheritedEnv) {
        this(sys, inheritedEnv, System::nanoTime);
    }

    HookRunner(Syscalls sys, Supplier<List<String>> inheritedEnv, LongSupplier nanoClock) {
        this.inheritedEnv = inheritedEnv;
        this.execution = new HookExecution(sys, nanoClock);
    }

    /** Runs {@code hooks} of {@code phase} in order; throws at the first failure. */
    public void run(HookPhase phase, List<Hook> hooks, State state) {
        byte[] stdin = stateJson(state);
        for (int i = 0; i < hooks.size(); i++) {
            try {
                runOne(hooks.get(i), stdin);
            } catch (JruncException e) {
                throw e.withContext("error running " + phase.configName() + " hook #" + i);
            }
        }
    }

    /**
     * Runs every poststop hook (the runtime-spec: a failure is logged and the rest still run).
     * Returns one warning per failed hook, in runc's wording.
     */
    public List<String> runPoststop(List<Hook> hooks, State state) {
        byte[] stdin = stateJson(state);
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < hooks.size(); i++) {
            try {
                runOne(hooks.get(i), stdin);
            } catch (JruncException e) {
                warnings.add("error running " + HookPhase.POSTSTOP.configName() + " hook #" + i + ": " + e.getMessage());
            }
        }
        return warnings;
    }

    /** One hook: fine, or {@code error running hook: exit status 1, stdout: ..., stderr: ...}. */
    void runOne(Hook hook, byte[] stdin) {
        List<String> argv = hook.args().isEmpty() ? List.of(hook.path()) : hook.args();
        List<String> env = hook.env().isEmpty() ? inheritedEnv.get() : hook.env();
        HookExecution.Outcome outcome = execution.run(hook.path(), argv, env, stdin, hook.timeout());
        if (!GoProcessState.success(outcome.status())) {
            throw new JruncException("error running hook: " + GoProcessState.describe(outcome.status())
                    + ", stdout: " + new String(outcome.stdout(), StandardCharsets.UTF_8)
                    + ", stderr: " + new String(outcome.stderr(), StandardCharsets.UTF_8));
        }
    }

    /** What the hooks read on stdin: the OCI state, as Go's json.Marshal writes it. */
    static byte[] stateJson(State state) {
        return Json.writeUtf8(state.toOciJson());
    }
}

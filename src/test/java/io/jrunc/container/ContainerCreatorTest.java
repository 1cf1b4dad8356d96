package io.jrunc.container;

import io.jrunc.JruncException;
import io.jrunc.json.Json;
import io.jrunc.json.JsonNode;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Process;
import io.jrunc.spec.Root;
import io.jrunc.spec.Spec;
import io.jrunc.sys.Errno;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static io.jrunc.container.CreateKernel.BUNDLE;
import static io.jrunc.container.CreateKernel.CGROUP_ROOT;
import static io.jrunc.container.CreateKernel.ID;
import static io.jrunc.container.CreateKernel.ROOT;
import static io.jrunc.container.CreateKernel.ROOTFS;
import static io.jrunc.container.CreateKernel.START_TIME;
import static io.jrunc.container.CreateKernel.STATE_DIR;
import static io.jrunc.sys.RecordingSyscalls.CHILD_PID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The parent side of create against the recording fake: what plan() refuses before anything
 * exists, the order of create's steps, and that a kernel error at any step after the state
 * directory exists leaves nothing behind (no state dir, no cgroup, no init, no open fd).
 * clone3 answers 4242: the init is not run here (see {@link ContainerInitTest}); its messages
 * are scripted on the parent's end of the sync socketpair.
 */
class ContainerCreatorTest {
    private static final String CGROUP_DIR = CGROUP_ROOT + "/" + ID;
    private static final String PID_FILE = "/run/c1.pid";

    private static ContainerCreator creator(CreateKernel k) {
        return new ContainerCreator(k, new StateStore(k, ROOT));
    }

    /** plan() of the bundle in {@code k}; the calls recorded so far are forgotten when it succeeds. */
    private static ContainerCreator.Plan plan(CreateKernel k, CreateOptions options) {
        ContainerCreator.Plan plan = creator(k).plan(options);
        k.clearCalls();
        return plan;
    }

    /** A plan and create of the default bundle, failing the call at {@code failAt} (-1: none). */
    private static RuntimeException create(CreateKernel k, CreateOptions options, int failAt) {
        ContainerCreator.Plan plan = plan(k, options);
        if (failAt >= 0) {
            k.failAt(failAt, Errno.EACCES);
        }
        try {
            creator(k).create(plan);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static CreateKernel ready() {
        return CreateKernel.withBundle().initSays(SyncChannel.READY);
    }

    // ---- plan: broken configs are refused before any side effect ------------------------------

    /** Calls that change something outside the process: plan must make none of them. */
    private static boolean hasSideEffect(String call) {
        for (String prefix : List.of("mkdirat(", "mknodat(", "socketpair(", "clone3(", "cloneLegacy(", "mount(",
                "umount2(", "unlinkat(", "renameat2(", "symlinkat(", "fchmodat(", "fchmod(", "fchownat(", "write(",
                "unshare(", "setns(", "kill(", "pidfd", "bpf", "setrlimit(", "connect(")) {
            if (call.startsWith(prefix)) {
                return true;
            }
        }
        return call.startsWith("openat") && (call.contains("O_CREAT") || call.contains("O_WRONLY") || call.contains("O_RDWR"));
    }

    private static void assertRefusedWithoutSideEffects(CreateKernel k, CreateOptions options, String message) {
        Set<String> before = k.paths();
        JruncException e = assertThrows(JruncException.class, () -> creator(k).plan(options));
        assertEquals(message, e.getMessage());
        List<String> effects = k.calls().stream().filter(ContainerCreatorTest::hasSideEffect).toList();
        assertEquals(List.of(), effects, "plan() must only look");
        assertEquals(before, k.paths());
        assertEquals(Set.of(), k.openFds());
    }

    private static void assertRefused(UnaryOperator<Spec> change, String message) {
        assertRefusedWithoutSideEffects(CreateKernel.withBundle(change), CreateKernel.options(), message);
    }

    private static Spec withNamespaces(Spec spec, Linux.Namespace extra) {
        List<Linux.Namespace> namespaces = new ArrayList<>(spec.linux().namespaces());
        namespaces.add(extra);
        return spec.withLinux(spec.linux().withNamespaces(namespaces));
    }

    @Test
    void planRefusesMalformedJson() {
        assertRefusedWithoutSideEffects(CreateKernel.withConfig("{\"ociVersion\": \"1.3.0\","), CreateKernel.options(),
                "invalid config.json: invalid JSON at line 1, column 24: expected '\"' to start an object member name after ',', found end of input");
    }

    @Test
    void planRefusesAConfigTheSchemaRejects() {
        String config = CreateKernel.defaultConfigJson().replace("\"args\":[\"/bin/true\"]", "\"args\":\"/bin/true\"");
        assertTrue(config.contains("\"args\":\"/bin/true\""), config);
        assertRefusedWithoutSideEffects(CreateKernel.withConfig(config), CreateKernel.options(),
                "invalid config.json: process.args: expected array, got string");
    }

    @Test
    void planRefusesADuplicateNamespace() {
        assertRefused(s -> withNamespaces(s, new Linux.Namespace("network")),
                "linux.namespaces[6]: duplicate namespace type \"network\"");
    }

    @Test
    void planRefusesAUserNamespace() {
        assertRefused(s -> withNamespaces(s, new Linux.Namespace("user")),
                "linux.namespaces[6]: user namespaces are not supported by jrunc yet");
    }

    @Test
    void planRefusesAnUnknownCapability() {
        assertRefused(s -> {
            Process.Capabilities c = s.process().capabilities();
            List<String> bounding = new ArrayList<>(c.bounding());
            bounding.add("CAP_NOPE");
            return s.withProcess(CreateKernel.process(s.process(), false,
                    new Process.Capabilities(bounding, c.effective(), c.inheritable(), c.permitted(), c.ambient())));
        }, "process.capabilities.bounding[3]: unknown capability \"CAP_NOPE\"");
    }

    @Test
    void planRefusesAMissingRootfs() {
        assertRefused(s -> new Spec(s.ociVersion(), s.process(), new Root("nope", true), s.hostname(), s.domainname(),
                        s.mounts(), s.hooks(), s.annotations(), s.linux()),
                "invalid rootfs: statx /bundle/nope: no such file or directory");
    }

    @Test
    void planRefusesATerminalWithoutAConsoleSocket() {
        assertRefused(s -> s.withProcess(CreateKernel.process(s.process(), true, s.process().capabilities())),
                "cannot allocate tty if jrunc will detach without setting console socket");
    }

    @Test
    void planRefusesAMissingConfig() {
        CreateKernel k = CreateKernel.withBundle();
        CreateOptions elsewhere = new CreateOptions(ID, "/elsewhere", null, false, false, 0, 0, null, false);
        assertRefusedWithoutSideEffects(k, elsewhere,
                "cannot read config.json: openat /elsewhere/config.json: no such file or directory");
    }

    // ---- create: the order of the steps -----------------------------------------------------

    private record Step(String name, Predicate<String> call) {}

    /** Each step's first call, in order; fails naming the first step out of place. */
    private static void assertInOrder(List<String> calls, List<Step> steps) {
        int previous = -1;
        for (Step step : steps) {
            int found = -1;
            for (int i = previous + 1; i < calls.size(); i++) {
                if (step.call().test(calls.get(i))) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                fail("no " + step.name() + " after call " + previous + " in:\n" + numbered(calls));
            }
            previous = found;
        }
    }

    private static String numbered(List<String> calls) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < calls.size(); i++) {
            out.append(i).append(": ").append(calls.get(i)).append('\n');
        }
        return out.toString();
    }

    private static Predicate<String> is(String line) {
        return line::equals;
    }

    private static Predicate<String> startsWith(String prefix) {
        return c -> c.startsWith(prefix);
    }

    @Test
    void createMakesTheStateDirThenTheCgroupFifoSocketpairAndInitThenRecordsIt() {
        CreateKernel k = ready();
        ContainerCreator.Plan plan = plan(k, CreateKernel.optionsWithPidFile(PID_FILE));
        ContainerRecord record = creator(k).create(plan);

        int[] pair = k.pair();
        List<String> calls = k.calls();
        assertInOrder(calls, List.of(
                new Step("state dir", is("mkdirat(AT_FDCWD, \"" + STATE_DIR + "\", 0711)")),
                new Step("cgroup", is("mkdirat(AT_FDCWD, \"" + CGROUP_DIR + "\", 0755)")),
                new Step("exec fifo", is("mknodat(AT_FDCWD, \"" + STATE_DIR + "/exec.fifo\", S_IFIFO|0622, makedev(0, 0))")),
                new Step("socketpair", is("socketpair(AF_UNIX, SOCK_SEQPACKET|SOCK_CLOEXEC, 0)")),
                new Step("state dir fd for the init", is("openat(AT_FDCWD, \"" + STATE_DIR + "\", O_RDONLY|O_DIRECTORY|O_CLOEXEC, 0)")),
                new Step("clone3", startsWith("clone3(")),
                new Step("the init's end closed", is("close(" + pair[1] + ")")),
                new Step("go sent", is("write(" + pair[0] + ", \"{\\\"type\\\":\\\"go\\\"}\")")),
                new Step("the init's start time read", is("openat(AT_FDCWD, \"/proc/" + CHILD_PID + "/stat\", O_RDONLY, 0)")),
                // written while the init builds the container, in place only once it is ready
                new Step("state.json in a temporary file",
                        startsWith("openat(AT_FDCWD, \"" + STATE_DIR + "/.state.json.tmp-").and(c -> c.endsWith(", O_WRONLY|O_CREAT|O_EXCL, 0600)"))),
                new Step("ready awaited", startsWith("read(" + pair[0] + ", ")),
                new Step("channel closed", is("close(" + pair[0] + ")")),
                new Step("state.json renamed into place",
                        startsWith("renameat2(AT_FDCWD, \"" + STATE_DIR + "/.state.json.tmp-").and(c -> c.endsWith("AT_FDCWD, \"" + STATE_DIR + "/state.json\", 0)"))),
                new Step("pid file renamed into place", startsWith("renameat2(").and(c -> c.endsWith("AT_FDCWD, \"" + PID_FILE + "\", 0)")))));

        // the init is born in its namespaces and straight in its cgroup (CLONE_INTO_CGROUP through the cgroup's fd)
        String clone = k.calls("clone3(").getFirst();
        // (the cgroup namespace comes later: the init unshares it once it is in its cgroup)
        assertTrue(clone.startsWith("clone3(CLONE_NEWNS|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWPID|CLONE_NEWNET, SIGCHLD, "), clone);
        int cgroupFd = Integer.parseInt(clone.substring(clone.lastIndexOf(", ") + 2, clone.length() - 1));
        assertEquals(CGROUP_DIR, k.pathOf(cgroupFd));
        assertEquals(List.of(), k.calls("cloneLegacy("));

        // state.json is only ever written through its temporary file
        assertEquals(List.of(), k.calls("openat(AT_FDCWD, \"" + STATE_DIR + "/state.json\""));
        JsonNode state = JsonNode.root(Json.parse(k.text(STATE_DIR + "/state.json")));
        assertEquals(ID, state.reqString("id"));
        assertEquals(CHILD_PID, state.required("initPid").asInt());
        assertEquals(START_TIME, state.required("initStartTime").asInt64());
        assertEquals(BUNDLE, state.reqString("bundle"));
        assertEquals(ROOTFS, state.reqString("rootfs"));
        assertEquals(Json.parse(k.text(BUNDLE + "/config.json")), state.required("config").value());
        assertEquals(0600, k.modeOf(STATE_DIR + "/state.json"));
        assertEquals(CHILD_PID, record.initPid());
        assertEquals(START_TIME, record.initStartTime());

        assertEquals("4242", k.text(PID_FILE), "runc's pid file: the pid, no newline");
        assertTrue(k.has(STATE_DIR + "/exec.fifo"), "the init waits on the fifo until start");
        assertEquals(List.of(), k.calls("mount("), "mounts are the init's, in its own mount namespace");
        assertEquals(List.of(), k.calls("kill("));
        assertEquals(Set.of(), k.openFds());
    }

    @Test
    void theCreatedContainerIsSeenAsCreated() {
        CreateKernel k = ready();
        creator(k).create(plan(k, CreateKernel.options()));
        Container c = Container.load(k, new StateStore(k, ROOT), ID);
        assertEquals("created", c.status());
    }

    // ---- create: a failure at any step after the state dir leaves nothing behind --------------

    /** Steps whose failure create survives by design: enabling the host's controllers is best effort, as in runc. */
    private static boolean tolerated(String call, CreateKernel run) {
        String subtreeControl = CGROUP_ROOT + "/cgroup.subtree_control";
        if (call.startsWith("close(")) {
            return true; // Linux releases an fd even when close(2) fails: create closes quietly and goes on
        }
        if (call.startsWith("write(")) {
            String fd = call.substring(call.indexOf('(') + 1, call.contains(",") ? call.indexOf(',') : call.indexOf(')'));
            return subtreeControl.equals(run.pathOf(Integer.parseInt(fd)));
        }
        return call.startsWith("openat(AT_FDCWD, \"" + subtreeControl + "\"")
                || call.startsWith("setrlimit(0, RLIMIT_MEMLOCK") // only old kernels charge BPF programs to memlock
                // refused CLONE_INTO_CGROUP: the init is born outside and joins itself (ForkIntoTest)
                || (call.startsWith("clone3(") && !call.endsWith(", -1)"));
    }

    /** A successful run, for the failure sweeps. */
    private static CreateKernel successfulRun(CreateOptions options) {
        CreateKernel k = ready();
        assertEquals(null, create(k, options, -1));
        return k;
    }

    private static List<String> successTrace(CreateOptions options) {
        return successfulRun(options).calls();
    }

    private static List<Integer> fallibleAfterStateDir(CreateOptions options) {
        CreateKernel k = ready();
        create(k, options, -1);
        int stateDir = k.indexOf("mkdirat(AT_FDCWD, \"" + STATE_DIR + "\"");
        return k.fallibleCallIndexes().stream().filter(i -> i > stateDir).toList();
    }

    @Test
    void aFailureAtAnyStepAfterTheStateDirIsReportedAndUndone() {
        CreateOptions options = CreateKernel.optionsWithPidFile(PID_FILE);
        CreateKernel base = successfulRun(options);
        List<String> trace = base.calls();
        int clone = base.indexOf("clone3(");
        int failures = 0;
        for (int i : fallibleAfterStateDir(options)) {
            String call = trace.get(i);
            if (i == clone + 1) {
                continue; // the cgroup fd's close: anInitClonedBeforeAFailureIsAlwaysKilled
            }
            CreateKernel k = ready();
            Set<String> before = k.paths();
            RuntimeException e = create(k, options, i);
            if (e == null) {
                assertTrue(tolerated(call, base), "a failing " + call + " went unnoticed");
                continue;
            }
            failures++;
            String what = "after a failing " + call + " (call " + i + ")";
            assertTrue(e instanceof JruncException, what + ": " + e);
            assertEquals(Errno.EACCES, ((JruncException) e).errno(), what + ": " + e.getMessage());
            assertTrue(e.getMessage().endsWith("permission denied"), what + ": " + e.getMessage());

            List<String> calls = k.calls();
            List<String> cleanup = calls.subList(i + 1, calls.size());
            assertFalse(k.has(STATE_DIR), what + " the state dir is left");
            assertTrue(cleanup.contains("unlinkat(AT_FDCWD, \"" + STATE_DIR + "\", AT_REMOVEDIR)"), what + ": " + cleanup);
            assertFalse(k.has(CGROUP_DIR), what + " the cgroup is left");
            assertEquals(before, k.paths(), what + " something is left");
            if (i > clone) {
                int kill = cleanup.indexOf("kill(" + CHILD_PID + ", SIGKILL)");
                int wait = cleanup.indexOf("wait4(" + CHILD_PID + ", 0)");
                assertTrue(kill >= 0 && wait > kill, what + " the init is not killed and reaped: " + cleanup);
                assertTrue(cleanup.indexOf("unlinkat(AT_FDCWD, \"" + CGROUP_DIR + "\", AT_REMOVEDIR)") > wait,
                        what + " the cgroup is removed before its init is gone: " + cleanup);
            } else {
                assertEquals(List.of(), k.calls("kill("), what);
                assertEquals(List.of(), k.calls("wait4("), what);
            }
        }
        assertTrue(failures > 30, "most steps must be able to fail: " + failures);
    }

    @Test
    void aFailureAtAnyStepAfterTheStateDirLeavesNoFdOpen() {
        CreateOptions options = CreateKernel.optionsWithPidFile(PID_FILE);
        List<String> trace = successTrace(options);
        List<String> leaks = new ArrayList<>();
        for (int i : fallibleAfterStateDir(options)) {
            CreateKernel k = ready();
            create(k, options, i);
            if (!k.leakedFds().isEmpty()) {
                leaks.add("a failing " + trace.get(i) + " leaves fds " + k.leakedFds() + " open");
            }
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void anInitClonedBeforeAFailureIsAlwaysKilled() {
        List<String> trace = successTrace(CreateKernel.options());
        int clone = trace.indexOf(trace.stream().filter(c -> c.startsWith("clone3(")).findFirst().orElseThrow());
        String cgroupFdClose = trace.get(clone + 1);
        assertTrue(cgroupFdClose.startsWith("close("), cgroupFdClose);
        CreateKernel k = ready();
        RuntimeException e = create(k, CreateKernel.options(), clone + 1);
        if (e == null) { // surviving a failed close is fine: then the container is there
            assertTrue(k.has(STATE_DIR + "/state.json"));
            return;
        }
        // failing the create for it is fine too, leaving its init behind is not
        assertEquals(List.of("kill(" + CHILD_PID + ", SIGKILL)"), k.calls("kill("));
        assertEquals(List.of("wait4(" + CHILD_PID + ", 0)"), k.calls("wait4("));
    }

    @Test
    void anErrorTheInitReportsBecomesCreatesErrorAndIsUndone() {
        CreateKernel k = CreateKernel.withBundle().initFails("error mounting \"proc\" to rootfs at \"/proc\": mount src=proc: "
                + "operation not permitted", Errno.EPERM);
        Set<String> before = k.paths();
        JruncException e = assertThrows(JruncException.class, () -> creator(k).create(plan(k, CreateKernel.options())));
        assertEquals("error mounting \"proc\" to rootfs at \"/proc\": mount src=proc: operation not permitted", e.getMessage());
        assertEquals(Errno.EPERM, e.errno());
        assertEquals(List.of("kill(" + CHILD_PID + ", SIGKILL)"), k.calls("kill("));
        assertEquals(List.of("wait4(" + CHILD_PID + ", 0)"), k.calls("wait4("));
        assertEquals(before, k.paths());
        assertEquals(List.of(), k.calls("renameat2("), "no state.json for a container that failed");
    }

    @Test
    void anInitThatDiesBeforeReadyFailsCreateAndIsReaped() {
        CreateKernel k = CreateKernel.withBundle(); // the init sends nothing: its end closes, read gives 0
        Set<String> before = k.paths();
        JruncException e = assertThrows(JruncException.class, () -> creator(k).create(plan(k, CreateKernel.options())));
        assertEquals("container init exited before it was ready", e.getMessage());
        assertEquals(List.of("wait4(" + CHILD_PID + ", 0)"), k.calls("wait4("));
        assertEquals(before, k.paths());
    }

    @Test
    void anUnexpectedMessageFromTheInitFailsCreate() {
        CreateKernel k = CreateKernel.withBundle().initSays("hello");
        JruncException e = assertThrows(JruncException.class, () -> creator(k).create(plan(k, CreateKernel.options())));
        assertEquals("unexpected message from container init: hello", e.getMessage());
        assertFalse(k.has(STATE_DIR));
    }

    @Test
    void anIdInUseIsRefusedAndTheOtherContainerIsLeftAlone() {
        CreateKernel k = ready();
        k.file(STATE_DIR + "/state.json", "{}");
        Set<String> before = k.paths();
        JruncException e = assertThrows(JruncException.class, () -> creator(k).create(plan(k, CreateKernel.options())));
        assertEquals("container with given ID already exists", e.getMessage());
        assertEquals(Errno.EEXIST, e.errno());
        assertEquals(before, k.paths());
        assertEquals("{}", k.text(STATE_DIR + "/state.json"));
        assertEquals(List.of(), k.calls("unlinkat("));
        assertEquals(List.of(), k.calls("clone3("));
    }

    @Test
    void aKernelWithoutClone3FallsBackToClone() {
        CreateKernel k = ready();
        k.failWhen("clone3(", Errno.ENOSYS);
        creator(k).create(plan(k, CreateKernel.options()));
        assertEquals(List.of("cloneLegacy(CLONE_NEWNS|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWPID|CLONE_NEWNET, SIGCHLD)"),
                k.calls("cloneLegacy("));
        // without CLONE_INTO_CGROUP the init joins its cgroup itself (ContainerInitTest); the parent writes no pid
        assertEquals(List.of(), k.calls("openat(AT_FDCWD, \"" + CGROUP_DIR + "/cgroup.procs\""));
        assertTrue(k.has(STATE_DIR + "/state.json"));
    }
}

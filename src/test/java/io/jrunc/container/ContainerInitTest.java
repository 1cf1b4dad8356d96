package io.jrunc.container;

import io.jrunc.json.JsonNode;
import io.jrunc.sys.Errno;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static io.jrunc.container.CreateKernel.CGROUP_ROOT;
import static io.jrunc.container.CreateKernel.ID;
import static io.jrunc.container.CreateKernel.ROOT;
import static io.jrunc.container.CreateKernel.STATE_DIR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The child side of create, run in-process: clone3 answers 0, so create goes on as the init would,
 * against the fake, until execve (success) or exit_group (failure). The parent's "go" is scripted
 * on the init's end of the sync socketpair; what the init sends on it is recorded.
 */
class ContainerInitTest {

    /** Runs create as the child; returns how it ended: ExecReached, Exited, or whatever escaped. */
    private static Throwable runInit(CreateKernel k, int failAt) {
        ContainerCreator creator = new ContainerCreator(k, new StateStore(k, ROOT));
        ContainerCreator.Plan plan = creator.plan(CreateKernel.options());
        k.clearCalls();
        k.willReturn("clone3(", 0);
        if (failAt >= 0) {
            k.failAt(failAt, Errno.EACCES);
        }
        try {
            creator.create(plan);
        } catch (Throwable t) {
            return t;
        }
        return fail("create returned in the child: the init must exec or exit");
    }

    private static CreateKernel withGo() {
        return CreateKernel.withBundle().parentSays(SyncChannel.GO);
    }

    /** What the init wrote on its end of the sync socket. */
    private static List<JsonNode> initMessages(CreateKernel k) {
        return k.sentOn(k.pair()[1]);
    }

    private record Step(String name, Predicate<String> call) {}

    private static Step is(String name, String line) {
        return new Step(name, line::equals);
    }

    private static Step startsWith(String name, String prefix) {
        return new Step(name, c -> c.startsWith(prefix));
    }

    /** The index of each step's first call after the previous step's. */
    private static List<Integer> assertInOrder(List<String> calls, List<Step> steps) {
        List<Integer> at = new ArrayList<>();
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
                StringBuilder trace = new StringBuilder();
                for (int i = 0; i < calls.size(); i++) {
                    trace.append(i).append(": ").append(calls.get(i)).append('\n');
                }
                fail("no " + step.name() + " after call " + previous + " in:\n" + trace);
            }
            at.add(found);
            previous = found;
        }
        return at;
    }

    // ---- the sequence -----------------------------------------------------------------------

    @Test
    void theInitBuildsTheContainerInRuncsOrderAndExecsAfterReady() {
        CreateKernel k = withGo();
        Throwable end = runInit(k, -1);
        CreateKernel.ExecReached exec = assertInstanceOf(CreateKernel.ExecReached.class, end);

        int parentEnd = k.pair()[0];
        int initEnd = k.pair()[1];
        List<String> calls = k.calls();
        List<String> init = calls.subList(k.indexOf("clone3("), calls.size());
        assertInOrder(init, List.of(
                is("the parent's end closed", "close(" + parentEnd + ")"),
                is("signals unblocked", "sigprocmask(SIG_SETMASK, 0x0)"),
                is("death signal armed", "prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)"),
                startsWith("go awaited", "read(" + initEnd + ", "),
                is("cgroup namespace, rooted at the cgroup clone3 placed the init in", "unshare(CLONE_NEWCGROUP)"),
                is("mounts prepared: / made rslave", "mount(null, \"/\", null, MS_REC|MS_SLAVE, null)"),
                is("rootfs bind", "mount(\"/bundle/rootfs\", \"/bundle/rootfs\", \"bind\", MS_BIND|MS_REC, null)"),
                startsWith("proc mounted", "mount(\"proc\", \"/proc/self/fd/"),
                startsWith("cgroup2 mounted", "mount(\"cgroup\", \"/proc/self/fd/"),
                is("chdir rootfs", "chdir(\"/bundle/rootfs\")"),
                is("pivot_root", "pivotRoot(\".\", \".\")"),
                is("old root unmounted", "umount2(\".\", MNT_DETACH)"),
                is("hostname", "sethostname(\"runc\")"),
                is("readonly path", "mount(\"/proc/sys\", \"/proc/sys\", null, MS_RDONLY|MS_REMOUNT|MS_BIND, null)"),
                new Step("masked path", c -> c.startsWith("mount(\"/proc/self/fd/") && c.contains(", \"/proc/kcore\", null, MS_BIND, null)")),
                is("umask", "umask(022)"),
                is("no_new_privs", "prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)"),
                is("rlimits", "setrlimit(0, RLIMIT_NOFILE, 1024, 1024)"),
                is("bounding set", "prctl(PR_CAPBSET_DROP, CAP_CHOWN, 0, 0, 0)"),
                is("groups", "setgroups([])"),
                is("gid", "setresgid(0, 0, 0)"),
                is("uid", "setresuid(0, 0, 0)"),
                is("capabilities", "capset(0x20000420, 0x20000420, 0x0)"),
                is("binary resolved", "statx(AT_FDCWD, \"/bin/true\", 0)"),
                is("death signal disarmed", "prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0)"),
                is("ready sent", "write(" + initEnd + ", \"{\\\"type\\\":\\\"ready\\\"}\")"),
                is("channel closed", "close(" + initEnd + ")"),
                startsWith("exec fifo opened for writing", "openat("),
                is("inherited fds closed on exec", "closeRange(3, 2147483647, CLOSE_RANGE_CLOEXEC)"),
                startsWith("execve", "execve(\"/bin/true\", ")));

        // the fifo is reached through the state dir fd opened before pivot_root, write-only
        String fifoOpen = init.stream().filter(c -> c.contains(", \"exec.fifo\", ")).findFirst().orElseThrow();
        int dirfd = Integer.parseInt(fifoOpen.substring("openat(".length(), fifoOpen.indexOf(',')));
        assertEquals("openat(" + dirfd + ", \"exec.fifo\", O_WRONLY|O_CLOEXEC, 0)", fifoOpen);
        assertEquals(STATE_DIR, k.pathOf(dirfd));
        assertEquals("0", k.text(STATE_DIR + "/exec.fifo"), "the byte start reads");
        int fifoAt = init.indexOf(fifoOpen);
        assertTrue(init.indexOf("close(" + dirfd + ")") > fifoAt, "the state dir fd is closed before exec: " + init);

        // nothing is mounted before the parent says go (the init must be in its cgroup first)
        int go = init.indexOf(init.stream().filter(c -> c.startsWith("read(" + initEnd)).findFirst().orElseThrow());
        assertEquals(List.of(), init.subList(0, go).stream().filter(c -> c.startsWith("mount(")).toList());

        assertEquals("/bin/true", exec.exec.path);
        assertEquals(List.of("/bin/true"), exec.exec.argv);
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm", "HOME=/"),
                exec.exec.envp, "the spec's env, HOME added as runc does without a passwd entry");
        assertTrue(calls.getLast().startsWith("execve("), "execve is the init's last call");
        assertEquals(List.of("ready"), initMessages(k).stream().map(m -> m.reqString("type")).toList());
        assertEquals(List.of(), k.calls("exitGroup("));
    }

    @Test
    void anInitCloneCouldNotPlaceJoinsItsCgroupItselfBeforeItsCgroupNamespaceIsMade() {
        CreateKernel k = withGo();
        k.failWhen("clone3(", Errno.ENOSYS);
        k.willReturn("cloneLegacy(", 0);
        ContainerCreator creator = new ContainerCreator(k, new StateStore(k, ROOT));
        ContainerCreator.Plan plan = creator.plan(CreateKernel.options());
        assertInstanceOf(CreateKernel.ExecReached.class, assertThrows(Throwable.class, () -> creator.create(plan)));

        List<String> calls = k.calls();
        List<String> init = calls.subList(k.indexOf("cloneLegacy("), calls.size());
        List<Integer> at = assertInOrder(init, List.of(
                startsWith("go awaited", "read(" + k.pair()[1] + ", "),
                new Step("cgroup.procs opened", c -> c.startsWith("openat(AT_FDCWD, \"" + CGROUP_ROOT + "/" + ID + "/cgroup.procs\"")),
                is("cgroup namespace", "unshare(CLONE_NEWCGROUP)")));
        String write = init.get(at.get(1) + 1);
        assertTrue(write.endsWith(", \"0\")"), "the init writes itself (0), not a pid: " + write);
        assertEquals(CGROUP_ROOT + "/" + ID + "/cgroup.procs", k.pathOf(Integer.parseInt(write.substring(6, write.indexOf(',')))));
    }

    // ---- failures before READY --------------------------------------------------------------

    /** The successful child run's calls. */
    private static CreateKernel successfulRun() {
        CreateKernel k = withGo();
        assertInstanceOf(CreateKernel.ExecReached.class, runInit(k, -1));
        return k;
    }

    @Test
    void aFailureAtAnyStepBeforeReadyIsReportedOnceWithItsErrnoAndTheInitExits() {
        CreateKernel base = successfulRun();
        List<String> trace = base.calls();
        int first = base.indexOf("sigprocmask(");
        int ready = base.indexOf("write(" + base.pair()[1] + ", \"{\\\"type\\\":\\\"ready");
        int capget = base.indexOf("capget(");
        int cwdChdir = -1;
        for (int i = 0; i < capget; i++) {
            if (trace.get(i).startsWith("chdir(")) {
                cwdChdir = i;
            }
        }
        int failures = 0;
        for (int i : base.fallibleCallIndexes()) {
            if (i < first || i >= ready) {
                continue;
            }
            String call = trace.get(i);
            CreateKernel k = withGo();
            Throwable end = runInit(k, i);
            String what = "a failing " + call + " (call " + i + ")";
            if (end instanceof CreateKernel.ExecReached) {
                assertTrue(toleratedByDesign(call) || i == cwdChdir, what + " went unnoticed");
                if (i == cwdChdir) { // as runc: a cwd root may not enter is tried again as the container's user
                    assertTrue(k.calls().subList(k.indexOf("setresuid("), k.calls().size()).contains(call), what);
                }
                continue;
            }
            failures++;
            CreateKernel.Exited exit = assertInstanceOf(CreateKernel.Exited.class, end, what);
            assertEquals(1, exit.status, what);
            assertEquals(List.of(), k.calls("execve("), what);
            List<JsonNode> sent = initMessages(k);
            assertEquals(1, sent.size(), what + " sent " + sent);
            JsonNode error = sent.getFirst();
            assertEquals(SyncChannel.ERROR, error.reqString("type"), what);
            boolean lookup = call.contains("(AT_FDCWD, \"/bin/true\"");
            if (!lookup) { // the lookup's errno: aBinaryThatCannotBeStatedIsReportedWithTheKernelsErrno
                assertEquals(Errno.EACCES, error.required("errno").asInt(), what + ": " + error.reqString("message"));
            }
            String message = error.reqString("message");
            assertTrue(message.matches(".+: .*permission denied"), what + " gave " + message);
            assertTrue(k.lastCall().equals("exitGroup(1)"), what + " ended with " + k.lastCall());
        }
        assertTrue(failures > 150, "most steps must be able to fail: " + failures);
    }

    /** Failures the init survives on purpose (each mirrors runc). */
    private static boolean toleratedByDesign(String call) {
        return call.startsWith("close(")                                  // the fd is released either way
                || call.startsWith("mknodat(")                             // the host's node is bind-mounted instead
                || call.startsWith("statx(AT_FDCWD, \"/proc/kcore\"")       // no /proc/kcore: no /dev/core link
                || call.startsWith("mount(null, \"/\", null, MS_RDONLY|MS_REMOUNT|MS_BIND") // retried with the mount's flags
                || call.startsWith("openat(AT_FDCWD, \"/etc/passwd\"");     // an unreadable passwd means no entries
    }

    /** The error the init reports when {@code prefix}'s call fails with EACCES. */
    private static String reportedError(String prefix) {
        CreateKernel base = successfulRun();
        int index = base.indexOf(prefix);
        assertTrue(index >= 0, prefix);
        CreateKernel k = withGo();
        assertInstanceOf(CreateKernel.Exited.class, runInit(k, index));
        return initMessages(k).getFirst().reqString("message");
    }

    @Test
    void theErrorNamesTheStepInRuncsWords() {
        assertEquals("error preparing rootfs: mount dst=/, flags=MS_REC|MS_SLAVE: permission denied",
                reportedError("mount(null, \"/\", null, MS_REC|MS_SLAVE"));
        assertEquals("chdir /bundle/rootfs: permission denied", reportedError("chdir(\"/bundle/rootfs\")"));
        assertEquals("error jailing process inside rootfs: pivot_root .: permission denied", reportedError("pivotRoot("));
        assertEquals("sethostname: permission denied", reportedError("sethostname("));
        assertEquals("prctl(SET_NO_NEW_PRIVS): permission denied", reportedError("prctl(PR_SET_NO_NEW_PRIVS"));
        assertEquals("unable to apply bounding set: permission denied", reportedError("prctl(PR_CAPBSET_DROP"));
        assertTrue(reportedError("mount(\"proc\"").startsWith("error mounting \"proc\" to rootfs at \"/proc\": "));
        assertTrue(reportedError("mount(\"/proc/self/fd/").startsWith("can't mask path /proc/kcore: "));
        assertTrue(reportedError("mount(\"tmpfs\", \"/proc/acpi\"").startsWith("can't mask path /proc/acpi: "));
    }

    @Test
    void anInitWhoseParentIsGoneBeforeGoBuildsNothing() {
        CreateKernel k = CreateKernel.withBundle(); // no "go": the parent's end closed, read gives 0
        CreateKernel.Exited exit = assertInstanceOf(CreateKernel.Exited.class, runInit(k, -1));
        assertEquals(1, exit.status);
        assertEquals(List.of(), k.calls("mount("));
        assertEquals(List.of(), k.calls("execve("));
    }

    // ---- failures after READY ---------------------------------------------------------------

    @Test
    void aFailedExecAfterReadyGoesToStderrAndExitsOne() {
        CreateKernel k = withGo();
        k.failWhen("execve(", Errno.EACCES);
        Throwable end = runInit(k, -1);
        assertEquals(1, assertInstanceOf(CreateKernel.Exited.class, end).status);
        // the parent stopped listening at ready: the only message on the socket is ready
        assertEquals(List.of("ready"), initMessages(k).stream().map(m -> m.reqString("type")).toList());
        List<String> stderr = k.calls("write(2, ");
        assertEquals(1, stderr.size(), k.calls().toString());
        assertTrue(stderr.getFirst().startsWith("write(2, \"jrunc init: ") && stderr.getFirst().contains("permission denied"),
                stderr.getFirst());
    }

    // ---- bugs -------------------------------------------------------------------------------

    @Test
    void theChildNeverRunsTheParentsCleanup() {
        CreateKernel base = successfulRun();
        int clone = base.indexOf("clone3(");
        int first = base.indexOf("sigprocmask(");
        for (int i = clone + 1; i < first; i++) {
            CreateKernel k = withGo();
            Throwable end = runInit(k, i);
            String what = "a failing " + base.calls().get(i) + " in the child";
            assertTrue(end instanceof CreateKernel.ExecReached || end instanceof CreateKernel.Exited, what + " escaped: " + end);
            assertTrue(k.has(STATE_DIR), what + ": the child removed the state dir");
            assertTrue(k.has(CGROUP_ROOT + "/" + ID), what + ": the child removed the cgroup");
        }
    }

    @Test
    void aBinaryThatCannotBeStatedIsReportedWithTheKernelsErrno() {
        CreateKernel base = successfulRun();
        CreateKernel k = withGo();
        assertInstanceOf(CreateKernel.Exited.class, runInit(k, base.indexOf("statx(AT_FDCWD, \"/bin/true\"")));
        JsonNode error = initMessages(k).getFirst();
        assertEquals("exec: \"/bin/true\": stat /bin/true: permission denied", error.reqString("message"));
        assertEquals(Errno.EACCES, error.required("errno").asInt());
    }
}

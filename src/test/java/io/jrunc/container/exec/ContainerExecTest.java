package io.jrunc.container.exec;

import io.jrunc.JruncException;
import io.jrunc.container.StateStore;
import io.jrunc.container.SyncChannel;
import io.jrunc.json.JsonNode;
import io.jrunc.spec.Process;
import io.jrunc.sys.Errno;
import io.jrunc.sys.RecordingSyscalls;
import io.jrunc.sys.Syscalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static io.jrunc.sys.RecordingSyscalls.CHILD_PID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * exec against the recording fake: the state checks, the parent's steps (namespaces, dumpable,
 * fork, cgroups, rlimits, sync, pid file, waiting) and the child's (namespaces, identity, fds,
 * execve), each failure reported as the one line the user sees.
 */
class ContainerExecTest {
    private static final String START = "unable to start container process: ";

    private static ContainerExec exec(ExecKernel k) {
        return new ContainerExec(k, new StateStore(k, ExecKernel.ROOT));
    }

    private static int run(ExecKernel k, Opts o) {
        ContainerExec e = exec(k);
        return e.run(e.plan(o.build()));
    }

    private static JruncException failure(ExecKernel k, Opts o) {
        return assertThrows(JruncException.class, () -> run(k, o));
    }

    /** Runs the child's side in-process (clone3 returns 0) up to its execve. */
    private static RecordingSyscalls.Exec runChild(ExecKernel k, Opts o) {
        k.willReturn("clone3(", 0);
        k.parentSays(SyncChannel.GO);
        return assertThrows(RecordingSyscalls.Exec.class, () -> run(k, o));
    }

    /** Runs the child's side in-process up to its exit_group after a failure; returns the error it sent. */
    private static JsonNode childFailure(ExecKernel k, Opts o) {
        k.willReturn("clone3(", 0);
        k.parentSays(SyncChannel.GO);
        RecordingSyscalls.Exit exit = assertThrows(RecordingSyscalls.Exit.class, () -> run(k, o));
        assertEquals(1, exit.status);
        List<JsonNode> sent = k.sentMessages();
        JsonNode last = sent.get(sent.size() - 1);
        assertEquals(SyncChannel.ERROR, last.reqString("type"));
        return last;
    }

    private static void assertInOrder(ExecKernel k, String... prefixes) {
        int previous = -1;
        for (String prefix : prefixes) {
            int i = indexAfter(k.calls(), prefix, previous);
            if (i < 0) {
                fail("no call " + prefix + " after call " + previous + " in\n" + String.join("\n", k.calls()));
            }
            previous = i;
        }
    }

    private static int indexAfter(List<String> calls, String prefix, int after) {
        for (int i = after + 1; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    // ---- state checks ---------------------------------------------------------------------------

    @Test
    void aContainerThatDoesNotExist() {
        ExecKernel k = ExecKernel.running();
        Opts o = Opts.of("/bin/true");
        o.id = "nope";
        JruncException e = failure(k, o);
        assertEquals("container does not exist", e.getMessage());
    }

    @Test
    void aStoppedContainerIsRefusedBeforeAnythingHappens() {
        ExecKernel k = ExecKernel.running();
        k.file("/proc/100/stat", ExecKernel.stat(100, 'Z', ExecKernel.START_TIME));
        assertEquals("cannot exec in a stopped container", failure(k, Opts.of("/bin/true")).getMessage());

        ExecKernel reused = ExecKernel.running();
        reused.file("/proc/100/stat", ExecKernel.stat(100, 'S', 1)); // the pid belongs to another process now
        assertEquals("cannot exec in a stopped container", failure(reused, Opts.of("/bin/true")).getMessage());
        assertEquals(List.of(), reused.calls("clone3"));
        assertEquals(List.of(), reused.calls("socketpair"));
    }

    @Test
    void aCreatedContainerTakesExec() {
        ExecKernel k = ExecKernel.running().childSays(SyncChannel.READY);
        k.file(ExecKernel.ROOT + "/c1/exec.fifo", "");
        assertEquals(0, run(k, Opts.of("/bin/true")));
        assertEquals(1, k.calls("clone3").size());
    }

    @Test
    void theInitDyingAfterTheStatusCheckIsCaughtOnceTheNamespacesArePinned() {
        ExecKernel k = ExecKernel.running();
        ContainerExec e = exec(k);
        ContainerExec.Plan plan = e.plan(Opts.of("/bin/true").build());
        k.file("/proc/100/stat", ExecKernel.stat(100, 'S', 1));
        JruncException error = assertThrows(JruncException.class, () -> e.run(plan));
        assertEquals("cannot exec in a stopped container", error.getMessage());
        assertTrue(k.indexOf("openat(AT_FDCWD, \"/proc/100/ns/cgroup\"") >= 0, "checked after opening the namespaces");
        assertEquals(List.of(), k.calls("clone3"));
        assertEquals(List.of(), k.calls("setns"));
        assertEquals(java.util.Set.of(), k.openFds(), "the namespace fds are closed again");
    }

    @Test
    void argsAreNeededWithoutProcessJson() {
        assertEquals("process args cannot be empty", failure(ExecKernel.running(), Opts.of()).getMessage());
    }

    @ParameterizedTest(name = "tty={0} detach={1} socket={2}")
    @CsvSource(delimiter = '|', value = {
            "true|true||cannot allocate tty if jrunc will detach without setting console socket",
            "false|true|/s.sock|cannot use console socket if jrunc will not detach or allocate tty",
            "true|false|/s.sock|cannot use console socket if jrunc will not detach or allocate tty",
    })
    void terminalFlagsAreCheckedWithRuncsRules(boolean tty, boolean detach, String socket, String message) {
        ExecKernel k = ExecKernel.running();
        Opts o = Opts.of("sh");
        o.tty = tty;
        o.detach = detach;
        o.consoleSocket = socket;
        assertEquals(message, failure(k, o).getMessage());
        assertEquals(List.of(), k.calls("socketpair"));
    }

    @Test
    void detachedTerminalConnectsTheConsoleSocketBeforeForkingAndHandsItToTheChild() {
        ExecKernel k = ExecKernel.running().childSays(SyncChannel.READY);
        Opts o = Opts.of("sh");
        o.tty = true;
        o.detach = true;
        o.consoleSocket = "/run/console.sock";
        assertEquals(0, run(k, o));
        assertInOrder(k, "socket(AF_UNIX, SOCK_STREAM, 0)", "connect(", "socketpair(AF_UNIX, SOCK_SEQPACKET", "clone3(");
        int socket = Integer.parseInt(k.calls("connect(").get(0).replaceAll("connect\\((\\d+),.*", "$1"));
        assertInOrder(k, "clone3(", "close(" + socket + ")", "sendFd(");
        assertEquals(java.util.Set.of(), k.openFds());

        ExecKernel refused = ExecKernel.running();
        refused.failWhen("connect(", Errno.ENOENT);
        assertEquals("dial unix /run/console.sock: connect: no such file or directory", failure(refused, o).getMessage());
        assertEquals(List.of(), refused.calls("clone3"));
    }

    @Test
    void theChildMakesItsPtyInTheContainerOnceAllowedToProceed() {
        ExecKernel k = ExecKernel.running(); // no /dev/pts/ptmx in the fake: the pty cannot be had
        Opts o = Opts.of("sh");
        o.tty = true;
        o.detach = true;
        o.consoleSocket = "/run/console.sock";
        JsonNode error = childFailure(k, o);
        assertTrue(error.reqString("message").contains("/dev/pts/ptmx"), error.toString());
        assertInOrder(k, "clone3(", "setns(11, CLONE_NEWNS)", "read(", "openat(AT_FDCWD, \"/dev/pts/ptmx\"");
        assertEquals(List.of(), k.calls("prctl(PR_SET_NO_NEW_PRIVS"));
        assertEquals(List.of(), k.calls("execve"));
    }

    @Test
    void aForegroundTerminalIsRelayedWhileTheProcessRuns() {
        ExecKernel k = ExecKernel.running().childSays(SyncChannel.READY);
        k.willReturn("recvFd(", new Syscalls.ReceivedFd("/dev/pts/0".getBytes(java.nio.charset.StandardCharsets.UTF_8), 40));
        k.willReturn("wait4(-1, WNOHANG)", new Syscalls.WaitStatus(CHILD_PID, 5 << 8));
        Opts o = Opts.of("sh");
        o.tty = true;
        assertEquals(5, run(k, o));
        assertInOrder(k,
                "tcgetattr(2)", // jrunc's own terminal
                "socketpair(AF_UNIX, SOCK_STREAM, 0)",
                "socketpair(AF_UNIX, SOCK_SEQPACKET|SOCK_CLOEXEC, 0)",
                "clone3(",
                "sendFd(", // proceed
                "read(",
                "read(",
                "recvFd(", // the master, once the process runs
                "tcsetattr(40", // ONLCR off on the master
                "tcsetattr(2", // raw host terminal
                "setWinsize(40",
                "wait4(-1, WNOHANG)",
                "tcsetattr(2", // restored
                "close(40)");
        assertEquals(java.util.Set.of(), k.openFds());

        ExecKernel noTerminal = ExecKernel.running();
        noTerminal.failWhen("tcgetattr(", Errno.ENOTTY);
        noTerminal.failWhen("openat(AT_FDCWD, \"/dev/tty\"", Errno.ENXIO);
        assertEquals("open /dev/tty: no such device or address", failure(noTerminal, o).getMessage());
        assertEquals(List.of(), noTerminal.calls("clone3"));
    }

    @Test
    void aMasterThatNeverComesKillsTheProcess() {
        ExecKernel k = ExecKernel.running().childSays(SyncChannel.READY);
        Opts o = Opts.of("sh");
        o.tty = true;
        JruncException e = failure(k, o);
        assertTrue(e.getMessage().startsWith("recvfile: incorrect number of bytes read"), e.getMessage());
        assertInOrder(k, "recvFd(", "kill(4242, SIGKILL)", "wait4(4242, 0)");
        assertEquals(List.of(), k.calls("tcsetattr(2"), "the host terminal was never made raw");
        assertEquals(java.util.Set.of(), k.openFds());
    }

    @Test
    void preservedFdsMustBeOpen() {
        ExecKernel k = ExecKernel.running();
        Opts o = Opts.of("/bin/true");
        o.preserveFds = 2;
        JruncException e = failure(k, o);
        assertEquals("unable to stat preserved-fd 0 (of 2): stat /proc/self/fd/3: no such file or directory", e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());
        o.preserveFds = -1;
        assertEquals("--preserve-fds must be a non-negative number", failure(ExecKernel.running(), o).getMessage());
    }

    @Test
    void planningChangesNothing() {
        ExecKernel k = ExecKernel.running();
        Opts o = Opts.of("/bin/true");
        o.user = "1000:1000";
        o.caps = List.of("CAP_NET_RAW");
        o.cgroups = List.of("cpu:sub");
        exec(k).plan(o.build());
        for (String call : k.calls()) {
            assertTrue(call.startsWith("openat(AT_FDCWD, ") && call.contains("O_RDONLY") || call.startsWith("read(")
                    || call.startsWith("close(") || call.startsWith("statx(") || call.startsWith("statfs("), call);
        }
    }

    // ---- the parent -----------------------------------------------------------------------------

    @Test
    void theParentJoinsOnlyThePidNamespaceAndOnlyOnceNonDumpableThenForksAndSetsUpTheChild() {
        ExecKernel k = ExecKernel.running().childSays(SyncChannel.READY);
        assertEquals(0, run(k, Opts.of("/bin/true")));
        assertInOrder(k,
                "openat(AT_FDCWD, \"/proc/100/ns/user\"",
                "openat(AT_FDCWD, \"/proc/100/ns/time\"",
                "openat(AT_FDCWD, \"/proc/100/stat\"", // the init is still the recorded one
                "socketpair(AF_UNIX, SOCK_SEQPACKET|SOCK_CLOEXEC, 0)",
                "signalfd(",
                "prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)",
                "setns(",
                "openat(AT_FDCWD, \"/sys/fs/cgroup/unified/c1\", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0)",
                "clone3(0, SIGCHLD, ",
                "setrlimit(4242, RLIMIT_NOFILE, 1024, 1024)",
                "sendFd(",
                "read(",
                "read(",
                "wait4(-1, WNOHANG)");
        List<String> setns = k.calls("setns");
        assertEquals(1, setns.size(), "the parent joins the pid namespace only: " + setns);
        assertTrue(setns.get(0).endsWith(", CLONE_NEWPID)"), setns.get(0));
        // born in the cgroup2 directory; the child joins the v1 ones itself (childJoinsItsV1CgroupsBeforeItsNamespaces)
        String clone = k.calls("clone3(").getFirst();
        assertFalse(clone.endsWith(", -1)"), "CLONE_INTO_CGROUP with the fd opened just before: " + clone);
        for (String dir : ExecKernel.CGROUP_DIRS) {
            assertEquals("", k.text(dir + "/cgroup.procs"), "the parent writes no pid: " + dir);
        }
        assertEquals(List.of(SyncChannel.GO), k.sentMessages().stream().map(m -> m.reqString("type")).toList());
        assertEquals(List.of(), k.calls("prctl(PR_SET_CHILD_SUBREAPER"), "exec waits for its own child");
        assertEquals(java.util.Set.of(), k.openFds(), "namespaces, sockets and the signalfd are closed");
    }

    @Test
    void namespacesSharedWithJruncAreNotJoined() {
        ExecKernel k = ExecKernel.running().childSays(SyncChannel.READY);
        k.symlink("/proc/self/ns/pid", "/proc/100/ns/pid"); // the container uses the host's pid namespace
        assertEquals(0, run(k, Opts.of("/bin/true")));
        assertEquals(List.of(), k.calls("setns"));
        assertInOrder(k, "prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)", "clone3(");
    }

    @ParameterizedTest(name = "wait status {0} -> exit {1}")
    @CsvSource({"0, 0", "768, 3", "9, 137", "15, 143"})
    void theForegroundExitCodeIsTheProcesss(int waitStatus, int exitCode) {
        ExecKernel k = ExecKernel.running().childSays(SyncChannel.READY);
        k.willReturn("wait4(-1, WNOHANG)", new Syscalls.WaitStatus(CHILD_PID, waitStatus));
        assertEquals(exitCode, run(k, Opts.of("/bin/true")));
    }

    @Test
    void detachReturnsOnceTheProcessRunsWithItsPidInThePidFile() {
        ExecKernel k = ExecKernel.running().childSays(SyncChannel.READY);
        k.dir("/run");
        Opts o = Opts.of("/bin/true");
        o.detach = true;
        o.pidFile = "/run/exec.pid";
        assertEquals(0, run(k, o));
        assertEquals(Integer.toString(CHILD_PID), k.text("/run/exec.pid"), "the host pid, no newline");
        assertEquals(List.of(), k.calls("signalfd"));
        assertEquals(List.of(), k.calls("wait4"));
        assertEquals(List.of(), k.calls("kill"));
        assertInOrder(k, "clone3(", "sendFd(", "read(", "read(", "renameat2(");
        assertEquals(java.util.Set.of(), k.openFds());
    }

    @Test
    void aChildErrorIsPrintedAndTheChildKilledAndReaped() {
        ExecKernel k = ExecKernel.running().childFails("exec: \"nosuch\": executable file not found in $PATH", 0);
        Opts o = Opts.of("nosuch");
        o.pidFile = "/run/exec.pid";
        JruncException e = failure(k, o);
        assertEquals(START + "exec: \"nosuch\": executable file not found in $PATH", e.getMessage());
        assertInOrder(k, "read(", "kill(4242, SIGKILL)", "wait4(4242, 0)", "sigprocmask(SIG_SETMASK");
        assertFalse(k.has("/run/exec.pid"));
        assertEquals(java.util.Set.of(), k.openFds());
    }

    @Test
    void anExecveFailureAfterReadyIsAFailureToo() {
        ExecKernel k = ExecKernel.running().childSays(SyncChannel.READY).childFails("exec /bin/true: permission denied",
                Errno.EACCES);
        JruncException e = failure(k, Opts.of("/bin/true"));
        assertEquals(START + "exec /bin/true: permission denied", e.getMessage());
        assertEquals(Errno.EACCES, e.errno());
        assertInOrder(k, "kill(4242, SIGKILL)", "wait4(4242, 0)");
        assertEquals(List.of(), k.calls("wait4(-1"));
    }

    @Test
    void aChildThatVanishesBeforeReady() {
        ExecKernel k = ExecKernel.running();
        assertEquals(START + "exec process exited before it was ready", failure(k, Opts.of("/bin/true")).getMessage());
        assertInOrder(k, "kill(4242, SIGKILL)", "wait4(4242, 0)");
    }

    @Test
    void aChildThatFailedBeforeProceedIsReportedNotTheBrokenPipe() {
        ExecKernel k = ExecKernel.running().childFails("failed to join net namespace /proc/100/ns/net: invalid argument",
                Errno.EINVAL);
        k.failWhen("sendFd(", Errno.EPIPE);
        JruncException e = failure(k, Opts.of("/bin/true"));
        assertEquals(START + "failed to join net namespace /proc/100/ns/net: invalid argument", e.getMessage());
    }

    @Test
    void childJoinsItsV1CgroupsBeforeItsNamespaces() {
        ExecKernel k = ExecKernel.running();
        runChild(k, Opts.of("/bin/true"));
        assertInOrder(k,
                "openat(AT_FDCWD, \"/sys/fs/cgroup/cpu,cpuacct/c1/tasks\", O_WRONLY|O_CLOEXEC, 0)",
                "openat(AT_FDCWD, \"/sys/fs/cgroup/systemd/c1/tasks\", O_WRONLY|O_CLOEXEC, 0)",
                "setns(");
        assertEquals("0", k.text("/sys/fs/cgroup/cpu,cpuacct/c1/tasks"), "the child writes itself, 0");
        assertEquals("0", k.text("/sys/fs/cgroup/systemd/c1/tasks"));
        assertEquals("", k.text("/sys/fs/cgroup/unified/c1/cgroup.procs"), "clone3 placed it there");
    }

    @Test
    void withoutClone3TheChildJoinsTheCgroup2DirectoryToo() {
        ExecKernel k = ExecKernel.running();
        k.failWhen("clone3(", Errno.ENOSYS);
        k.willReturn("cloneLegacy(", 0);
        k.parentSays(SyncChannel.GO);
        assertThrows(RecordingSyscalls.Exec.class, () -> run(k, Opts.of("/bin/true")));
        assertEquals("0", k.text("/sys/fs/cgroup/unified/c1/cgroup.procs"));
        assertEquals("0", k.text("/sys/fs/cgroup/systemd/c1/tasks"));
    }

    @Test
    void cgroupAndRlimitFailuresStopTheStart() {
        ExecKernel k = ExecKernel.running();
        k.failWhen("openat(AT_FDCWD, \"/sys/fs/cgroup/systemd/c1/tasks\"", Errno.EACCES);
        assertEquals("error adding the process to the container's cgroups: openat /sys/fs/cgroup/systemd/c1/tasks: "
                + "permission denied", childFailure(k, Opts.of("/bin/true")).reqString("message"));
        assertEquals(List.of("setns(10, CLONE_NEWPID)"), k.calls("setns("), "the child goes no further than the parent did");

        ExecKernel r = ExecKernel.running().childSays(SyncChannel.READY);
        r.failWhen("setrlimit(", Errno.EPERM);
        assertEquals(START + "error setting rlimits for process: error setting rlimit type 7: operation not permitted",
                failure(r, Opts.of("/bin/true")).getMessage());
        assertInOrder(r, "kill(4242, SIGKILL)", "wait4(4242, 0)");
    }

    @Test
    void subCgroupsAreJoinedInsteadOfTheInits() {
        ExecKernel k = ExecKernel.running();
        k.file("/sys/fs/cgroup/systemd/c1/sub/cgroup.procs", "").file("/sys/fs/cgroup/systemd/c1/sub/tasks", "");
        Opts o = Opts.of("/bin/true");
        o.cgroups = List.of("name=systemd:sub");
        runChild(k, o);
        assertEquals("0", k.text("/sys/fs/cgroup/systemd/c1/sub/tasks"));
        assertEquals("", k.text("/sys/fs/cgroup/systemd/c1/tasks"));
        assertEquals("0", k.text("/sys/fs/cgroup/cpu,cpuacct/c1/tasks"));
    }

    @Test
    void aPidFileThatCannotBeWrittenKillsTheProcess() {
        ExecKernel k = ExecKernel.running().childSays(SyncChannel.READY);
        Opts o = Opts.of("/bin/true");
        o.detach = true;
        o.pidFile = "/missing/dir/exec.pid";
        JruncException e = failure(k, o);
        assertTrue(e.getMessage().startsWith("openat /missing/dir/.exec.pid.tmp-"), e.getMessage());
        assertInOrder(k, "kill(4242, SIGKILL)", "wait4(4242, 0)");
    }

    @Test
    void cloneFallsBackToPlainCloneWhereClone3IsRefused() {
        ExecKernel k = ExecKernel.running().childSays(SyncChannel.READY);
        k.failWhen("clone3(", Errno.ENOSYS);
        assertEquals(0, run(k, Opts.of("/bin/true")));
        assertInOrder(k, "setns(", "clone3(", "cloneLegacy(0, SIGCHLD)", "sendFd(");
    }

    @Test
    void pidfdSocketGetsAPidfdOfTheStartedProcess() {
        ExecKernel k = ExecKernel.running().childSays(SyncChannel.READY);
        Opts o = Opts.of("/bin/true");
        o.pidfdSocket = "/run/pidfd.sock";
        assertEquals(0, run(k, o));
        assertInOrder(k, "socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0)", "connect(", "clone3(", "read(", "read(",
                "pidfdOpen(4242, 0)", "sendFd(");
        String send = k.calls("sendFd(").get(1);
        assertTrue(send.contains("\"setns\""), send);
        assertEquals(java.util.Set.of(), k.openFds());

        ExecKernel refused = ExecKernel.running();
        refused.failWhen("connect(", Errno.ECONNREFUSED);
        assertEquals("failed to dail /run/pidfd.sock: dial unix /run/pidfd.sock: connect: connection refused",
                failure(refused, o).getMessage());
        assertEquals(List.of(), refused.calls("clone3"));
    }

    @Test
    void aFailureAtAnyStepOfTheParentLeavesNoChildAndNoFdBehind() {
        ExecKernel probe = ExecKernel.running().childSays(SyncChannel.READY);
        ContainerExec.Plan probePlan = exec(probe).plan(Opts.of("/bin/true").build());
        probe.clearCalls();
        exec(probe).run(probePlan);
        List<Integer> steps = probe.fallibleCallIndexes();
        int clone = probe.indexOf("clone3(");
        int reaped = probe.indexOf("wait4(-1, WNOHANG)");
        assertTrue(steps.size() > 30, "the parent makes " + steps.size() + " fallible calls");
        for (int step : steps) {
            String call = probe.calls().get(step);
            ExecKernel k = ExecKernel.running().childSays(SyncChannel.READY);
            ContainerExec e = exec(k);
            ContainerExec.Plan plan = e.plan(Opts.of("/bin/true").build());
            k.clearCalls();
            k.failAt(step, Errno.EIO);
            try {
                e.run(plan);
            } catch (JruncException error) {
                assertFalse(error.getMessage().isEmpty(), call);
                boolean forked = step > clone && step <= reaped; // a child exists and is not reaped yet
                if (forked) {
                    assertTrue(k.calls().contains("kill(4242, SIGKILL)"), "no kill after failing " + call);
                    assertTrue(k.calls().contains("wait4(4242, 0)"), "no reap after failing " + call);
                }
            }
            List<Integer> open = new ArrayList<>(k.openFds());
            if (!call.startsWith("close(")) { // the fake keeps an fd whose close failed; Linux does not
                assertEquals(List.of(), open, "fds left open after failing " + call);
            }
        }
    }

    // ---- the child ------------------------------------------------------------------------------

    @Test
    void theChildJoinsTheRestInRuncsOrderThenSetsUpAndExecs() {
        ExecKernel k = ExecKernel.running();
        RecordingSyscalls.Exec exec = runChild(k, Opts.of("/bin/true", "x"));
        assertEquals("/bin/true", exec.path);
        assertEquals(List.of("/bin/true", "x"), exec.argv);
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm", "HOME=/"),
                exec.envp);
        int[] pair = k.pair();
        assertInOrder(k,
                "prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)",
                "setns(10, CLONE_NEWPID)",
                "clone3(0, SIGCHLD, ",
                "close(" + pair[0] + ")",
                "sigprocmask(SIG_SETMASK, 0x0)",
                "prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)",
                "openat(AT_FDCWD, \"/sys/fs/cgroup/cpu,cpuacct/c1/tasks\"", // its cgroups, while the host's cgroupfs is in reach
                "setns(7, CLONE_NEWIPC)",
                "setns(8, CLONE_NEWUTS)",
                "setns(9, CLONE_NEWNET)",
                "setns(11, CLONE_NEWNS)",
                "chdir(\"/\")",
                "setns(12, CLONE_NEWCGROUP)",
                "read(" + pair[1] + ", ", // the parent's go-ahead: rlimits are in place
                "prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)",
                "closeRange(3, 2147483647, CLOSE_RANGE_CLOEXEC)",
                "chdir(\"/\")", // the cwd, after the namespace's root
                "capget(0)",
                "setresgid(0, 0, 0)",
                "setresuid(0, 0, 0)",
                "capset(0x20000420, 0x20000420, 0x0)",
                "getcwd()",
                "statx(AT_FDCWD, \"/bin/true\", 0)",
                "prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)",
                "prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0)",
                "write(" + pair[1] + ", \"{\\\"type\\\":\\\"ready\\\"}\")",
                "execve(\"/bin/true\"");
        List<String> setns = k.calls("setns");
        assertEquals(6, setns.size(), "user and time are jrunc's own: " + setns);
        assertEquals(List.of(), k.calls("umask"), "the config has no umask: the caller's stays");
    }

    @Test
    void preservedFdsAreInheritedAndEverythingAboveClosesOnExec() {
        ExecKernel k = ExecKernel.running();
        k.file("/a", "");
        k.file("/b", "");
        assertEquals(3, k.openat(io.jrunc.sys.Linux.AT_FDCWD, "/a", 0, 0)); // the caller's fds 3 and 4
        assertEquals(4, k.openat(io.jrunc.sys.Linux.AT_FDCWD, "/b", 0, 0));
        Opts o = Opts.of("/bin/true");
        o.preserveFds = 2;
        runChild(k, o);
        assertInOrder(k, "clone3(", "fcntl(3, F_SETFD, 0)", "fcntl(4, F_SETFD, 0)",
                "closeRange(5, 2147483647, CLOSE_RANGE_CLOEXEC)", "execve(");
    }

    @Test
    void userGroupsCwdAndEnvFromTheCommandLine() {
        ExecKernel k = ExecKernel.running();
        k.file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000::/home/user:/bin/sh\n");
        k.dir("/tmp");
        Opts o = Opts.of("/bin/true");
        o.user = "1000:1001";
        o.gids = List.of(5L, 7L);
        o.cwd = "/tmp";
        o.env = List.of("FOO=bar");
        RecordingSyscalls.Exec exec = runChild(k, o);
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm", "FOO=bar",
                "HOME=/home/user"), exec.envp);
        assertInOrder(k, "clone3(", "chdir(\"/\")", "read(", "chdir(\"/tmp\")", "setgroups([5, 7])",
                "setresgid(1001, 1001, 1001)", "setresuid(1000, 1000, 1000)", "execve(");
    }

    @Test
    void theContainersUmaskAppliesToExecToo() {
        ExecKernel k = ExecKernel.running(spec -> spec.withProcess(ExecProcessTest.withUser(spec.process(),
                new Process.User(0, 0, 077L, List.of(), null))));
        runChild(k, Opts.of("/bin/true"));
        assertEquals(List.of("umask(077)"), k.calls("umask"));
    }

    @Test
    void aWorkingDirectoryOutsideTheContainersRootIsABreakout() {
        String message = "current working directory is outside of container mount namespace root -- possible container"
                + " breakout detected";
        ExecKernel k = ExecKernel.running();
        k.willReturn("getcwd()", "(unreachable)/run/jrunc");
        assertEquals(message, childFailure(k, Opts.of("/bin/true")).reqString("message"));
        assertEquals(List.of(), k.calls("execve"));

        ExecKernel deleted = ExecKernel.running();
        deleted.failWhen("getcwd()", Errno.ENOENT);
        assertEquals(message, childFailure(deleted, Opts.of("/bin/true")).reqString("message"));
    }

    @Test
    void anAppArmorProfileIsSetForTheExec() {
        ExecKernel k = ExecKernel.running();
        k.file("/proc/thread-self/attr/exec", "");
        Opts o = Opts.of("/bin/true");
        o.apparmor = "jrunc-test";
        runChild(k, o);
        assertEquals("exec jrunc-test", k.text("/proc/thread-self/attr/exec"));
        assertInOrder(k, "setresuid(", "openat(AT_FDCWD, \"/proc/thread-self/attr/exec\", O_WRONLY|O_CLOEXEC, 0)",
                "write(", "execve(");

        ExecKernel refused = ExecKernel.running();
        refused.file("/proc/thread-self/attr/exec", "");
        refused.failWhen(c -> c.startsWith("write(") && c.contains("exec jrunc-test"), Errno.EINVAL);
        assertEquals("apparmor failed to apply profile: write /proc/thread-self/attr/exec: invalid argument",
                childFailure(refused, o).reqString("message"));
    }

    @Test
    void aSelinuxLabelIsSetBeforeTheIdentityChanges() {
        ExecKernel k = ExecKernel.running();
        k.willReturn("statfs(\"/sys/fs/selinux\")", new Syscalls.Statfs(ExecProcess.SELINUX_MAGIC, 4096, 0));
        k.file("/proc/thread-self/attr/exec", "");
        Opts o = Opts.of("/bin/true");
        o.label = "system_u:system_r:container_t:s0";
        runChild(k, o);
        assertEquals("system_u:system_r:container_t:s0", k.text("/proc/thread-self/attr/exec"));
        assertInOrder(k, "openat(AT_FDCWD, \"/proc/thread-self/attr/exec\"", "setresuid(", "execve(");
    }

    @Test
    void withoutTheParentsGoAheadTheChildGivesUp() {
        ExecKernel k = ExecKernel.running();
        k.willReturn("clone3(", 0);
        RecordingSyscalls.Exit exit = assertThrows(RecordingSyscalls.Exit.class, () -> run(k, Opts.of("/bin/true")));
        assertEquals(1, exit.status);
        assertEquals("jrunc exited before the process could start",
                k.sentMessages().get(k.sentMessages().size() - 1).reqString("message"));
        assertEquals(List.of(), k.calls("prctl(PR_SET_NO_NEW_PRIVS"));
    }

    @Test
    void aSetnsFailureIsReportedWithTheNamespace() {
        ExecKernel k = ExecKernel.running();
        k.failWhen("setns(9, ", Errno.EINVAL);
        JsonNode error = childFailure(k, Opts.of("/bin/true"));
        assertEquals("failed to join net namespace /proc/100/ns/net: invalid argument", error.reqString("message"));
        assertEquals(Errno.EINVAL, error.required("errno").asInt());
        assertEquals(List.of(), k.calls("setns(11"), "nothing is joined after a failure");
    }

    @Test
    void aFailureAtAnyStepOfTheChildIsSentToTheParentAndNothingIsExecuted() {
        ExecKernel probe = ExecKernel.running();
        runChild(probe, Opts.of("/bin/true"));
        List<String> calls = probe.calls();
        int clone = probe.indexOf("clone3(");
        int execve = probe.indexOf("execve(");
        int reported = 0;
        List<String> tolerated = new ArrayList<>();
        for (int step : probe.fallibleCallIndexes()) {
            if (step <= clone || step > execve) {
                continue;
            }
            String call = calls.get(step);
            ExecKernel k = ExecKernel.running();
            k.willReturn("clone3(", 0);
            k.parentSays(SyncChannel.GO);
            k.failAt(step, Errno.EPERM);
            try {
                run(k, Opts.of("/bin/true"));
                fail("the child returned after failing " + call);
            } catch (RecordingSyscalls.Exec exec) {
                tolerated.add(call);
            } catch (RecordingSyscalls.Exit exit) {
                assertEquals(1, exit.status, call);
                List<JsonNode> sent = k.sentMessages();
                JsonNode last = sent.get(sent.size() - 1);
                assertEquals(SyncChannel.ERROR, last.reqString("type"), call);
                assertFalse(last.reqString("message").isEmpty(), call);
                boolean readyFirst = sent.stream().anyMatch(m -> m.reqString("type").equals(SyncChannel.READY));
                assertEquals(call.startsWith("execve("), readyFirst, "ready before the error of " + call);
                reported++;
            }
        }
        assertTrue(reported > 50, reported + " failures reported");
        // what the process setup tolerates on purpose: a refused chdir as root is retried as the user, the
        // passwd file is optional, faccessat2 falls back to the mode bits, and closing fds cannot fail usefully
        for (String call : tolerated) {
            assertTrue(call.startsWith("chdir(\"/\")") || call.startsWith("openat(AT_FDCWD, \"/etc/passwd\"")
                    || call.startsWith("faccessat(") || call.startsWith("close("), "tolerated: " + call);
        }
    }
}

package io.jrunc.container;

import io.jrunc.JruncException;
import io.jrunc.json.Json;
import io.jrunc.spec.SpecWriter;
import io.jrunc.spec.State;
import io.jrunc.sys.Errno;
import io.jrunc.sys.RecordingSyscalls;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.jrunc.container.CreateKernel.ID;
import static io.jrunc.container.CreateKernel.ROOT;
import static io.jrunc.container.CreateKernel.START_TIME;
import static io.jrunc.container.CreateKernel.STATE_DIR;
import static io.jrunc.sys.RecordingSyscalls.CHILD_PID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * start, kill and delete of a container that create left in the state store, against the fake:
 * its status comes from /proc/PID/stat (alive, same start time, not a zombie) and the exec fifo,
 * and its init is only ever signalled through a pidfd.
 */
class ContainerLifecycleTest {
    private static final String STAT = "/proc/" + CHILD_PID + "/stat";
    private static final String FIFO = STATE_DIR + "/" + StateStore.EXEC_FIFO;

    /** A state dir as create leaves it (state.json, and the fifo while not started); no /proc entry yet. */
    private static RecordingSyscalls kernel(boolean fifo) {
        RecordingSyscalls k = new RecordingSyscalls().strictPaths();
        String state = Json.write(Json.object()
                .put("id", ID)
                .put("initPid", CHILD_PID)
                .put("initStartTime", START_TIME)
                .put("bundle", CreateKernel.BUNDLE)
                .put("rootfs", CreateKernel.ROOTFS)
                .put("created", "2026-01-02T03:04:05.123456789Z")
                .put("owner", "")
                .put("config", SpecWriter.toJson(CreateKernel.defaultSpec()))
                .build());
        k.file(STATE_DIR + "/" + StateStore.STATE_FILE, state);
        if (fifo) {
            k.file(FIFO, "0"); // what the init writes once start opens the fifo
        }
        return k;
    }

    private static RecordingSyscalls created() {
        return kernel(true).file(STAT, CreateKernel.stat(CHILD_PID, 'S', START_TIME));
    }

    private static RecordingSyscalls running() {
        return kernel(false).file(STAT, CreateKernel.stat(CHILD_PID, 'S', START_TIME));
    }

    private static Container load(RecordingSyscalls k) {
        Container c = Container.load(k, new StateStore(k, ROOT), ID);
        k.clearCalls();
        return c;
    }

    private static String statusOf(RecordingSyscalls k) {
        return load(k).status();
    }

    // ---- status -----------------------------------------------------------------------------

    @Test
    void anInitWithoutAProcEntryIsStopped() {
        assertEquals(State.STOPPED, statusOf(kernel(true)));
    }

    @Test
    void aPidReusedByAnotherProcessIsStopped() {
        RecordingSyscalls k = kernel(true).file(STAT, CreateKernel.stat(CHILD_PID, 'S', START_TIME + 1));
        assertEquals(State.STOPPED, statusOf(k));
    }

    @Test
    void aZombieInitIsStopped() {
        RecordingSyscalls k = kernel(true).file(STAT, CreateKernel.stat(CHILD_PID, 'Z', START_TIME));
        assertEquals(State.STOPPED, statusOf(k));
    }

    @Test
    void aLiveInitWithItsFifoIsCreated() {
        assertEquals(State.CREATED, statusOf(created()));
    }

    @Test
    void aLiveInitPastItsFifoIsRunning() {
        assertEquals(State.RUNNING, statusOf(running()));
    }

    @Test
    void aStateReportsPidZeroOnceStopped() {
        assertEquals(0, load(kernel(true)).state().pid());
        assertEquals(CHILD_PID, load(running()).state().pid());
    }

    @Test
    void anUnknownIdDoesNotExist() {
        RecordingSyscalls k = new RecordingSyscalls().strictPaths();
        k.dir(ROOT);
        JruncException e = assertThrows(JruncException.class, () -> Container.load(k, new StateStore(k, ROOT), "nope"));
        assertEquals("container does not exist", e.getMessage());
    }

    // ---- start ------------------------------------------------------------------------------

    @Test
    void startOpensTheFifoReadsTheInitsByteAndRemovesTheFifo() {
        RecordingSyscalls k = created();
        Container c = load(k);
        c.start();

        List<String> calls = k.calls();
        int pidfdOpen = calls.indexOf("pidfdOpen(" + CHILD_PID + ", 0)");
        int open = calls.indexOf("openat(AT_FDCWD, \"" + FIFO + "\", O_RDONLY|O_NONBLOCK|O_CLOEXEC, 0)");
        int unlink = calls.indexOf("unlinkat(AT_FDCWD, \"" + FIFO + "\", 0)");
        assertTrue(pidfdOpen >= 0 && open > pidfdOpen && unlink > open, String.join("\n", calls));
        assertTrue(calls.get(open + 1).startsWith("poll(["), "start waits on the fifo and the init's pidfd together: " + calls);
        assertEquals(State.RUNNING, c.status());
        assertEquals(Set.of(), k.openFds());
    }

    @Test
    void startWhenTheInitDiesWhileWaitingIsAnError() {
        RecordingSyscalls k = created();
        Container c = load(k);
        k.willReturn("poll(", (Object) new short[] {0, io.jrunc.sys.Linux.POLLIN}); // only the pidfd: the init exited
        JruncException e = assertThrows(JruncException.class, c::start);
        assertEquals("cannot start a container that has stopped", e.getMessage());
        assertTrue(k.has(FIFO), "a failed start leaves the fifo: the container is not running");
        assertEquals(Set.of(), k.openFds());
    }

    @Test
    void startOfAStoppedContainerIsRefusedAsRuncDoes() {
        JruncException e = assertThrows(JruncException.class, () -> load(kernel(true)).start());
        assertEquals("cannot start a container that has stopped", e.getMessage());
    }

    @Test
    void startOfARunningContainerIsRefusedAsRuncDoes() {
        RecordingSyscalls k = running();
        JruncException e = assertThrows(JruncException.class, () -> load(k).start());
        assertEquals("cannot start an already running container", e.getMessage());
        assertEquals(List.of(), k.calls("pidfdOpen("));
    }

    // ---- kill -------------------------------------------------------------------------------

    @Test
    void killSignalsTheInitThroughAPidfdNeverByPid() {
        RecordingSyscalls k = running();
        load(k).signal(io.jrunc.sys.Linux.SIGTERM);
        List<String> calls = k.calls();
        int open = calls.indexOf("pidfdOpen(" + CHILD_PID + ", 0)");
        assertTrue(open >= 0, String.join("\n", calls));
        // the pid is checked again after the pidfd pins the process, then the signal goes to the pidfd
        assertTrue(calls.subList(open, calls.size()).contains("openat(AT_FDCWD, \"" + STAT + "\", O_RDONLY, 0)"), calls.toString());
        assertEquals(1, k.calls("pidfdSendSignal(").size());
        assertTrue(k.calls("pidfdSendSignal(").getFirst().endsWith(", SIGTERM)"), calls.toString());
        assertEquals(List.of(), k.calls("kill("));
        assertEquals(Set.of(), k.openFds());
    }

    @Test
    void killOfAStoppedContainerIsContainerNotRunning() {
        RecordingSyscalls k = kernel(false);
        JruncException e = assertThrows(JruncException.class, () -> load(k).signal(io.jrunc.sys.Linux.SIGTERM));
        assertEquals("container not running", e.getMessage());
        assertEquals(List.of(), k.calls("pidfdSendSignal("));
        assertEquals(List.of(), k.calls("kill("));
    }

    @Test
    void aPidReusedJustBeforeThePidfdIsOpenedIsNotSignalled() {
        // the init exits and its pid is reused between the status check and pidfd_open
        RecordingSyscalls k = new RecordingSyscalls() {
            @Override
            public int pidfdOpen(int pid, int flags) {
                file(STAT, CreateKernel.stat(CHILD_PID, 'S', START_TIME + 500));
                return super.pidfdOpen(pid, flags);
            }
        };
        k.strictPaths();
        RecordingSyscalls base = running();
        for (String p : List.of(STATE_DIR + "/" + StateStore.STATE_FILE, STAT)) {
            k.file(p, base.content(p));
        }
        JruncException e = assertThrows(JruncException.class, () -> load(k).signal(io.jrunc.sys.Linux.SIGKILL));
        assertEquals("container not running", e.getMessage());
        assertEquals(Errno.ESRCH, e.errno());
        assertEquals(List.of(), k.calls("pidfdSendSignal("));
        assertEquals(List.of(), k.calls("kill("));
        assertEquals(Set.of(), k.openFds(), "the pidfd of the stranger is closed");
    }

    @Test
    void aPidfdOpenThatFindsNoProcessIsContainerNotRunning() {
        RecordingSyscalls k = running();
        k.failWhen("pidfdOpen(", Errno.ESRCH);
        JruncException e = assertThrows(JruncException.class, () -> load(k).signal(io.jrunc.sys.Linux.SIGTERM));
        assertEquals("container not running", e.getMessage());
    }

    // ---- delete -----------------------------------------------------------------------------

    @Test
    void deleteOfARunningContainerWithoutForceIsRefusedAndKeepsIt() {
        RecordingSyscalls k = running();
        JruncException e = assertThrows(JruncException.class, () -> load(k).delete(false));
        assertEquals("cannot delete container c1 that is not stopped: running", e.getMessage());
        assertTrue(k.has(STATE_DIR + "/" + StateStore.STATE_FILE));
        assertEquals(List.of(), k.calls("pidfdSendSignal("));
    }

    @Test
    void forcedDeleteKillsTheInitThroughItsPidfdWaitsAndRemovesTheStateDir() {
        RecordingSyscalls k = running();
        load(k).delete(true);
        List<String> calls = k.calls();
        int kill = indexOf(calls, "pidfdSendSignal(");
        assertTrue(kill >= 0 && calls.get(kill).endsWith(", SIGKILL)"), String.join("\n", calls));
        int poll = indexOf(calls, "poll([");
        assertTrue(poll > kill, "delete waits for the init to be gone before removing its state: " + calls);
        assertTrue(indexOf(calls, "unlinkat(AT_FDCWD, \"" + STATE_DIR + "\", AT_REMOVEDIR)") > poll, calls.toString());
        assertFalse(k.has(STATE_DIR));
        assertEquals(List.of(), k.calls("kill("));
        assertEquals(Set.of(), k.openFds());
    }

    @Test
    void deleteOfACreatedContainerKillsItsWaitingInit() {
        RecordingSyscalls k = created();
        load(k).delete(false);
        assertEquals(1, k.calls("pidfdSendSignal(").size());
        assertTrue(k.calls("pidfdSendSignal(").getFirst().endsWith(", SIGKILL)"));
        assertFalse(k.has(STATE_DIR));
    }

    @Test
    void deleteOfAStoppedContainerSignalsNothingAndRemovesTheStateDir() {
        RecordingSyscalls k = kernel(true);
        load(k).delete(false);
        assertEquals(List.of(), k.calls("pidfdOpen("));
        assertEquals(List.of(), k.calls("kill("));
        assertFalse(k.has(STATE_DIR));
        assertTrue(k.has(ROOT), "only the container's own directory goes");
    }

    @Test
    void forcedDeleteOfAContainerWhosePidWasReusedLeavesTheStrangerAlone() {
        RecordingSyscalls k = kernel(false).file(STAT, CreateKernel.stat(CHILD_PID, 'S', START_TIME + 7));
        load(k).delete(true);
        assertEquals(List.of(), k.calls("pidfdSendSignal("));
        assertEquals(List.of(), k.calls("kill("));
        assertFalse(k.has(STATE_DIR));
    }

    private static int indexOf(List<String> calls, String prefix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}

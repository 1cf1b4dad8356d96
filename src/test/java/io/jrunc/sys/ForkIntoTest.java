package io.jrunc.sys;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jrunc.sys.Linux.CLONE_NEWPID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Syscalls.forkInto: born in the cgroup2 directory where the kernel allows, else outside it, else by clone. */
class ForkIntoTest {

    @Test
    void clone3PlacesTheChildInTheCgroup() {
        RecordingSyscalls sys = new RecordingSyscalls();
        Syscalls.Forked child = sys.forkInto(CLONE_NEWPID, 7);
        assertEquals(RecordingSyscalls.CHILD_PID, child.pid());
        assertTrue(child.inCgroup());
        assertEquals(List.of("clone3(CLONE_NEWPID, SIGCHLD, 7)"), sys.calls("clone3("));
    }

    @Test
    void aCgroupTheKernelWillNotPlaceTheChildInLeavesTheJoinToTheChild() {
        RecordingSyscalls sys = new RecordingSyscalls();
        sys.failWhen("clone3(CLONE_NEWPID, SIGCHLD, 7)", Errno.EBUSY);
        Syscalls.Forked child = sys.forkInto(CLONE_NEWPID, 7);
        assertEquals(RecordingSyscalls.CHILD_PID, child.pid());
        assertFalse(child.inCgroup(), "born outside: the child joins, and reports a refusal with the file's name");
        assertEquals(List.of("clone3(CLONE_NEWPID, SIGCHLD, 7)", "clone3(CLONE_NEWPID, SIGCHLD, -1)"), sys.calls("clone3("));
    }

    @Test
    void withoutClone3PlainCloneMakesTheChild() {
        RecordingSyscalls sys = new RecordingSyscalls();
        sys.failWhen("clone3(", Errno.ENOSYS);
        Syscalls.Forked child = sys.forkInto(CLONE_NEWPID, 7);
        assertFalse(child.inCgroup());
        assertEquals(List.of("cloneLegacy(CLONE_NEWPID, SIGCHLD)"), sys.calls("cloneLegacy("));
    }

    @Test
    void anyOtherRefusalOfTheChildItselfIsTheError() {
        RecordingSyscalls sys = new RecordingSyscalls();
        sys.failWhen("clone3(", Errno.EAGAIN);
        assertEquals(Errno.EAGAIN, assertThrows(io.jrunc.JruncException.class, () -> sys.forkInto(0, -1)).errno());
        assertEquals(List.of(), sys.calls("cloneLegacy("));
    }
}

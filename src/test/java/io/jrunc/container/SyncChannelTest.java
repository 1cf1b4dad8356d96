package io.jrunc.container;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.LinuxSyscalls;
import io.jrunc.sys.Syscalls;
import org.junit.jupiter.api.Test;

import static io.jrunc.sys.Linux.AF_UNIX;
import static io.jrunc.sys.Linux.SOCK_CLOEXEC;
import static io.jrunc.sys.Linux.SOCK_SEQPACKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The create/exec sync channel over a real SOCK_SEQPACKET socketpair: one message per packet. */
class SyncChannelTest {
    private static final Syscalls SYS = LinuxSyscalls.INSTANCE;

    @Test
    void messagesArriveOneByOneAndAClosedPeerReadsAsNull() {
        int[] pair = SYS.socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
        SyncChannel parent = new SyncChannel(SYS, pair[0]);
        SyncChannel init = new SyncChannel(SYS, pair[1]);
        try {
            parent.send(SyncChannel.GO);
            init.send(SyncChannel.HOOKS);
            init.send(SyncChannel.READY);
            assertEquals(SyncChannel.GO, init.receive());
            assertEquals(SyncChannel.HOOKS, parent.receive());
            assertEquals(SyncChannel.READY, parent.receive());
            init.close();
            assertNull(parent.receive());
        } finally {
            parent.close();
        }
    }

    @Test
    void anErrorOfAnyLengthArrivesWholeOrCappedNeverAsBrokenJson() {
        int[] pair = SYS.socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
        SyncChannel parent = new SyncChannel(SYS, pair[0]);
        SyncChannel init = new SyncChannel(SYS, pair[1]);
        try {
            init.sendError(new JruncException("mount /x: permission denied", Errno.EACCES));
            JruncException short_ = assertThrows(JruncException.class, parent::receive);
            assertEquals("mount /x: permission denied", short_.getMessage());
            assertEquals(Errno.EACCES, short_.errno());

            // control characters are the worst case for JSON escaping (\\u0001: six bytes each)
            String huge = "\u0001".repeat(10_000);
            init.sendError(new JruncException(huge, Errno.EIO));
            JruncException capped = assertThrows(JruncException.class, parent::receive);
            assertEquals(SyncChannel.MAX_ERROR_TEXT, capped.getMessage().length());
            assertTrue(capped.getMessage().endsWith("..."), "marked as cut");
            assertEquals(Errno.EIO, capped.errno());
        } finally {
            init.close();
            parent.close();
        }
    }
}

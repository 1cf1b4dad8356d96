package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The console socket protocol between real sockets, read back the way go-runc and conmon read it. */
class ConsoleSocketTest {
    private static final int MSG_CTRUNC = 0x8;
    private static final int MSG_TRUNC = 0x20;

    private final RealKernel kernel = new RealKernel();
    private final Syscalls sys = kernel.sys;

    @TempDir
    Path dir;

    @AfterEach
    void closeFds() {
        kernel.close();
    }

    /** What an engine does before calling create: listen on a socket path. */
    private int listenAt(String path) {
        int listener = kernel.track(sys.socket(Linux.AF_UNIX, Linux.SOCK_STREAM, 0));
        sys.bind(listener, path);
        sys.listen(listener, 1);
        return listener;
    }

    @Test
    void theListenerGetsExactlyOneMessageWithExactlyOnePtyMaster() {
        assumeTrue(kernel.isRoot(), "needs root to open /dev/pts/ptmx");
        String path = dir.resolve("console.sock").toString();
        int listener = listenAt(path);

        int socket = ConsoleSocket.connect(sys, path);            // jrunc create, on the host
        int accepted = kernel.track(sys.accept4(listener, 0));    // the engine
        int peer;
        try (Pty pty = Pty.open(sys, Pty.CONTAINER_PTMX)) {      // the container's init
            ConsoleSocket.sendMaster(sys, socket, pty.name(), pty.master());
            sys.close(socket);
            peer = kernel.track(pty.takePeer());
        }

        RawRecvmsg.Message m = RawRecvmsg.receive(accepted, ConsoleSocket.MAX_NAME_LEN);
        assertEquals(Pty.CONTAINER_PTMX, new String(m.data(), StandardCharsets.UTF_8));
        assertEquals(1, m.controlMessages());
        assertEquals(1, m.fds().size());
        assertEquals(0, m.flags() & (MSG_TRUNC | MSG_CTRUNC), "nothing truncated");
        int master = kernel.track(m.fds().get(0));
        assertEquals(0, RawRecvmsg.receive(accepted, 16).data().length, "then end of stream: one message only");

        sys.ioctlGetInt(master, Linux.TIOCGPTN); // only a master answers this
        kernel.writeAll(master, "echo hi\n");
        assertEquals("echo hi\n", kernel.readExactly(peer, 8));
    }

    @Test
    void receiveMasterIsRuncsRecvFileOnTheForegroundPair() {
        int[] pair = ConsoleSocket.pair(sys);
        kernel.track(pair[0]);
        kernel.track(pair[1]);
        int[] pipe = sys.pipe2(0);
        kernel.track(pipe[0]);
        kernel.track(pipe[1]);

        ConsoleSocket.sendMaster(sys, pair[1], "/dev/pts/ptmx", pipe[1]);
        ConsoleSocket.Master got = ConsoleSocket.receiveMaster(sys, pair[0]);
        kernel.track(got.fd());

        assertEquals("/dev/pts/ptmx", got.name());
        kernel.writeAll(got.fd(), "through");
        assertEquals("through", kernel.readExactly(pipe[0], 7), "the same open file");
        assertEquals(Linux.FD_CLOEXEC, sys.fcntl(got.fd(), Linux.F_GETFD, 0) & Linux.FD_CLOEXEC);
    }

    @Test
    void aSenderThatDiedBeforeSendingIsRuncsZeroByteError() {
        int[] pair = ConsoleSocket.pair(sys);
        kernel.track(pair[0]);
        kernel.close(pair[1]);
        JruncException e = assertThrows(JruncException.class, () -> ConsoleSocket.receiveMaster(sys, pair[0]));
        assertEquals("recvfile: incorrect number of bytes read (n=0 oobn=0)", e.getMessage());
    }

    @Test
    void aMessageWithoutAnFdIsRefused() {
        int[] pair = ConsoleSocket.pair(sys);
        kernel.track(pair[0]);
        kernel.track(pair[1]);
        sys.sendFd(pair[1], "abc".getBytes(StandardCharsets.UTF_8), -1);
        JruncException e = assertThrows(JruncException.class, () -> ConsoleSocket.receiveMaster(sys, pair[0]));
        assertEquals("recvfile: incorrect number of bytes read (n=3 oobn=0)", e.getMessage());
    }

    @Test
    void aNameOfMaxNameLenIsRefusedAndItsFdClosed() {
        int[] pair = ConsoleSocket.pair(sys);
        kernel.track(pair[0]);
        kernel.track(pair[1]);
        int[] pipe = sys.pipe2(0);
        kernel.track(pipe[0]);
        sys.sendFd(pair[1], new byte[ConsoleSocket.MAX_NAME_LEN], pipe[1]);
        kernel.close(pipe[1]);

        JruncException e = assertThrows(JruncException.class, () -> ConsoleSocket.receiveMaster(sys, pair[0]));
        assertEquals("recvfile: incorrect number of bytes read (n=4096 oobn=24)", e.getMessage());
        // the received write end was the last one: had it stayed open, this read would block
        assertTrue(kernel.readable(pipe[0]));
        assertEquals(0, sys.read(pipe[0], new byte[1], 0, 1), "end of file: the refused fd was closed");
    }

    @Test
    void connectFailuresReadAsGosDial() {
        String path = dir.resolve("nobody-listens").toString();
        JruncException e = assertThrows(JruncException.class, () -> ConsoleSocket.connect(sys, path));
        assertEquals("dial unix " + path + ": connect: no such file or directory", e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void aSocketNobodyListensOnIsRefused() {
        String path = dir.resolve("bound-only").toString();
        int s = kernel.track(sys.socket(Linux.AF_UNIX, Linux.SOCK_STREAM, 0));
        sys.bind(s, path);
        JruncException e = assertThrows(JruncException.class, () -> ConsoleSocket.connect(sys, path));
        assertEquals("dial unix " + path + ": connect: connection refused", e.getMessage());
    }

    @Test
    void sendFailuresAreSendmsgErrors() {
        int[] pair = ConsoleSocket.pair(sys);
        kernel.track(pair[1]);
        kernel.close(pair[0]);
        JruncException e = assertThrows(JruncException.class,
                () -> ConsoleSocket.sendMaster(sys, pair[1], "/dev/pts/ptmx", pair[1]));
        assertEquals("sendmsg: broken pipe", e.getMessage());
        assertEquals(Errno.EPIPE, e.errno());
    }
}

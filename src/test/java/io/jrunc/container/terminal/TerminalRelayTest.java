package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.Syscalls.Termios;
import io.jrunc.sys.Syscalls.WindowSize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.function.BooleanSupplier;

import static io.jrunc.sys.Linux.POLLIN;
import static io.jrunc.sys.Linux.POLLOUT;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The relay between pipes standing for jrunc's stdin/stdout and a real pty standing for the
 * container's terminal; the test holds the peer, as the container's process would.
 */
class TerminalRelayTest {
    /** Loops are bounded by rounds; each round waits at most {@link RealKernel#PATIENCE_MILLIS}. */
    private static final int MAX_ROUNDS = 10_000;

    private final RealKernel kernel = new RealKernel();
    private final Syscalls sys = kernel.sys;
    private int[] stdin;
    private int[] stdout;
    private int master;
    private int peer;
    private TerminalRelay relay;

    @BeforeEach
    void setUp() {
        stdin = kernel.pipe();
        stdout = kernel.pipe();
        int[] pty = kernel.openPty();
        master = pty[0];
        peer = pty[1];
    }

    @AfterEach
    void tearDown() {
        if (relay != null) {
            relay.close();
        }
        kernel.close();
    }

    /** A raw peer: what the test writes arrives byte for byte, and nothing is echoed. */
    private void rawPeer() {
        sys.tcsetattr(peer, Linux.TCSANOW, sys.tcgetattr(peer).raw());
    }

    private TerminalRelay start(HostConsole host) {
        relay = TerminalRelay.start(sys, stdin[0], stdout[1], master, host);
        return relay;
    }

    /** Steps the relay until {@code done} holds; every step must see something happen. */
    private void pumpUntil(BooleanSupplier done) {
        for (int round = 0; !done.getAsBoolean(); round++) {
            assertTrue(round < MAX_ROUNDS, "no end in sight");
            assertTrue(relay.step(RealKernel.PATIENCE_MILLIS), "the relay waited in vain");
        }
    }

    @Test
    void copiesStdinToTheContainerAndItsOutputToStdout() {
        rawPeer();
        start(null);

        kernel.writeAll(stdin[1], "hello");
        pumpUntil(() -> kernel.readable(peer));
        assertEquals("hello", kernel.readExactly(peer, 5));

        kernel.writeAll(peer, "world");
        pumpUntil(() -> kernel.readable(stdout[0]));
        assertEquals("world", kernel.readExactly(stdout[0], 5));
        assertFalse(relay.done());
    }

    @Test
    void endsWhenTheContainerSideClosesAfterWritingEverythingOut() {
        rawPeer();
        start(null);
        kernel.writeAll(peer, "bye");
        kernel.close(peer);

        pumpUntil(relay::done);
        assertEquals("bye", kernel.readExactly(stdout[0], 3));
        assertArrayEquals(new int[] {-1, -1, -1}, relay.pollFds(), "nothing left to wait for");
        assertFalse(relay.step(0));
    }

    @Test
    void clearsOnlcrSoNewlinesStayNewlines() {
        // a fresh pty turns "\n" into "\r\n" on output
        kernel.writeAll(peer, "a\n");
        assertEquals("a\r\n", kernel.readExactly(master, 3));

        start(null);
        assertEquals(0, sys.tcgetattr(peer).oflag() & Linux.ONLCR);
        kernel.writeAll(peer, "b\n");
        pumpUntil(() -> kernel.readable(stdout[0]));
        assertEquals("b\n", kernel.readExactly(stdout[0], 2));
    }

    @Test
    void theMasterBecomesNonBlocking() {
        start(null);
        assertEquals(Linux.O_NONBLOCK, sys.fcntl(master, Linux.F_GETFL, 0) & Linux.O_NONBLOCK);
    }

    @Test
    void stdinAtEndOfFileStopsOnlyTheInput() {
        rawPeer();
        start(null);
        kernel.close(stdin[1]);
        pumpUntil(() -> relay.pollFds()[0] < 0);

        kernel.writeAll(peer, "still here");
        pumpUntil(() -> kernel.readable(stdout[0]));
        assertEquals("still here", kernel.readExactly(stdout[0], 10));
    }

    @Test
    void aContainerThatReadsNothingDoesNotStopItsOutput() {
        rawPeer();
        start(null);
        // feed input until the pty takes no more and the relay holds the rest: it must not block
        byte[] chunk = "i".repeat(4096).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        long fed = 0;
        for (int round = 0; !stuckOnMaster(); round++) {
            assertTrue(round < MAX_ROUNDS, "the pty never filled up");
            short[] revents = pollWith(stdin[1], POLLOUT);
            if (revents[3] != 0) {
                fed += sys.write(stdin[1], chunk, 0, chunk.length);
            }
        }

        kernel.writeAll(peer, "output");
        pumpUntil(() -> kernel.readable(stdout[0]));
        assertEquals("output", kernel.readExactly(stdout[0], 6));

        // the container starts reading: all input arrives, in order
        long got = 0;
        byte[] buf = new byte[8192];
        for (int round = 0; got < fed; round++) {
            assertTrue(round < MAX_ROUNDS, "stalled at " + got + " of " + fed);
            short[] revents = pollWith(peer, POLLIN);
            if (revents[3] != 0) {
                int n = sys.read(peer, buf, 0, buf.length);
                for (int i = 0; i < n; i++) {
                    assertEquals('i', buf[i]);
                }
                got += n;
            }
        }
        assertEquals(fed, got);
    }

    /**
     * One round of a caller's loop, as `run` polls the relay with its signalfd: the relay's fds
     * plus {@code fd}; the relay's events are handed back to it, {@code fd}'s revents returned at [3].
     */
    private short[] pollWith(int fd, short events) {
        int[] rf = relay.pollFds();
        short[] re = relay.pollEvents();
        int[] fds = {rf[0], rf[1], rf[2], fd};
        short[] revents = sys.poll(fds, new short[] {re[0], re[1], re[2], events}, RealKernel.PATIENCE_MILLIS);
        assertTrue(revents.length > 0, "nothing happened");
        for (int i = 0; i < 3; i++) {
            if (fds[i] >= 0) {
                relay.onEvents(fds[i], revents[i]);
            }
        }
        return revents;
    }

    /** True once the relay holds input the master cannot take now. */
    private boolean stuckOnMaster() {
        return (relay.pollEvents()[1] & POLLOUT) != 0
                && sys.poll(new int[] {master}, new short[] {POLLOUT}, 0).length == 0;
    }

    @Test
    void drainWritesOutWhatTheMasterHoldsWithoutWaiting() {
        rawPeer();
        start(null);
        kernel.writeAll(peer, "last words");

        relay.drain();
        assertEquals("last words", kernel.readExactly(stdout[0], 10));
        assertFalse(relay.done(), "the peer is still open: more could come");

        kernel.close(peer);
        relay.drain();
        assertTrue(relay.done());
    }

    @Test
    void outputNobodyReadsIsDroppedAndTheContainerKeepsGoing() {
        rawPeer();
        start(null);
        kernel.close(stdout[0]); // writing to stdout now fails with EPIPE
        for (int i = 0; i < 3; i++) {
            kernel.writeAll(peer, "lost ");
            pumpUntil(() -> !kernel.readable(master) && relay.pollFds()[2] < 0);
        }
        assertEquals(master, relay.pollFds()[1], "the master is still read");
        kernel.close(peer);
        pumpUntil(relay::done);
    }

    @Test
    void followsTheHostTerminalsSizeAndPutsItBackWhenClosed() {
        int[] hostPty = kernel.openPty();
        int hostTerminal = hostPty[1];
        Termios before = sys.tcgetattr(hostTerminal);
        sys.setWinsize(hostTerminal, new WindowSize(40, 120));

        start(HostConsole.of(sys, hostTerminal));
        assertEquals(0, sys.tcgetattr(hostTerminal).lflag() & (Linux.ICANON | Linux.ECHO), "raw while relaying");
        assertEquals(new WindowSize(40, 120), sys.getWinsize(peer), "sized at start");

        sys.setWinsize(hostTerminal, new WindowSize(50, 132)); // the user resized: SIGWINCH
        assertTrue(relay.resize());
        assertEquals(new WindowSize(50, 132), sys.getWinsize(peer));

        relay.close();
        assertEquals(before.lflag(), sys.tcgetattr(hostTerminal).lflag(), "restored");
        JruncException e = assertThrows(JruncException.class, () -> sys.fcntl(master, Linux.F_GETFD, 0));
        assertEquals(Errno.EBADF, e.errno(), "the relay closed the master");
        assertFalse(relay.resize());
    }

    @Test
    void aMasterThatIsNoTerminalFailsBeforeTheHostIsTouched() {
        int[] hostPty = kernel.openPty();
        Termios before = sys.tcgetattr(hostPty[1]);
        JruncException e = assertThrows(JruncException.class,
                () -> TerminalRelay.start(sys, stdin[0], stdout[1], stdin[1], HostConsole.of(sys, hostPty[1])));
        assertEquals("inappropriate ioctl for device", e.getMessage());
        assertEquals(before.lflag(), sys.tcgetattr(hostPty[1]).lflag());
    }
}

package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.Syscalls.Termios;

import static io.jrunc.sys.Linux.POLLERR;
import static io.jrunc.sys.Linux.POLLHUP;
import static io.jrunc.sys.Linux.POLLIN;
import static io.jrunc.sys.Linux.POLLNVAL;
import static io.jrunc.sys.Linux.POLLOUT;

/**
 * The foreground terminal of {@code run}/{@code exec -t} without --console-socket (runc's
 * recvtty and tty.Close): jrunc's stdin is copied to the container's pty master and the master's
 * output to jrunc's stdout, in one thread driven by poll(2), while the host terminal is raw.
 *
 * <p>The caller's loop polls {@link #pollFds()}/{@link #pollEvents()} together with its own fds
 * (the signalfd), hands each non-zero revents back to {@link #onEvents}, calls {@link #resize()}
 * on every SIGWINCH, and when the container's process has exited calls
 * {@link #drain()} then {@link #close()}. {@link #done()} turns true when the master reports
 * EOF/EIO/POLLHUP (every holder of the peer closed it) and all output is written.
 *
 * <p>Neither side may block the other: the master is non-blocking and input waits in a buffer
 * until the master has room; stdout stays blocking (it is shared with the shell) but is written
 * only after POLLOUT and at most {@link #OUT_CHUNK} bytes at a time. Input that the container can
 * no longer read is dropped; output that stdout can no longer take is read and dropped, so the
 * container never stalls on a full terminal.
 */
public final class TerminalRelay implements AutoCloseable {
    /** What Go's io.Copy moves at once. */
    static final int BUFFER_SIZE = 32 * 1024;
    /** PIPE_BUF: POLLOUT on a pipe promises room for this much. */
    static final int OUT_CHUNK = 4096;

    private static final short READABLE = (short) (POLLIN | POLLHUP | POLLERR | POLLNVAL);
    private static final short WRITABLE = (short) (POLLOUT | POLLHUP | POLLERR | POLLNVAL);

    private final Syscalls sys;
    private final int in;
    private final int out;
    private final int master;
    private final HostConsole host;
    private final Chunk toMaster = new Chunk(BUFFER_SIZE);
    private final Chunk toOut = new Chunk(BUFFER_SIZE);
    private boolean inEnded;
    private boolean masterEnded;
    private boolean outBroken;
    private boolean closed;

    private TerminalRelay(Syscalls sys, int in, int out, int master, HostConsole host) {
        this.sys = sys;
        this.in = in;
        this.out = out;
        this.master = master;
        this.host = host;
        this.inEnded = in < 0;
    }

    /** Relays jrunc's stdin (0) and stdout (1); see {@link #start(Syscalls, int, int, int, HostConsole)}. */
    public static TerminalRelay start(Syscalls sys, int master, HostConsole host) {
        return start(sys, 0, 1, master, host);
    }

    /**
     * Prepares the master as runc does: ONLCR cleared (a fresh pty turns the container's "\n"
     * into "\r\n", which callers reading jrunc's stdout do not expect: runc#1145) and
     * non-blocking. Then puts the host terminal in raw mode and gives its size to the container's
     * terminal. From here on the relay owns {@code master} and {@code host}: close() restores the
     * terminal and closes the master. On failure both stay the caller's.
     *
     * @param in     where input comes from (-1: none)
     * @param host   the host terminal ({@link HostConsole#find}), or null to leave termios and sizes alone
     */
    public static TerminalRelay start(Syscalls sys, int in, int out, int master, HostConsole host) {
        try {
            clearOnlcr(sys, master);
            int flags = sys.fcntl(master, Linux.F_GETFL, 0);
            sys.fcntl(master, Linux.F_SETFL, flags | Linux.O_NONBLOCK);
        } catch (JruncException e) {
            throw Failures.bare(e);
        }
        if (host != null) {
            host.makeRaw();
        }
        TerminalRelay relay = new TerminalRelay(sys, in, out, master, host);
        relay.resize(); // runc's first resize, failures ignored as there
        return relay;
    }

    /** containerd/console's ClearONLCR: on a pty master the termios ioctls reach the peer's settings. */
    private static void clearOnlcr(Syscalls sys, int master) {
        Termios t = sys.tcgetattr(master);
        sys.tcsetattr(master, Linux.TCSANOW,
                new Termios(t.iflag(), t.oflag() & ~Linux.ONLCR, t.cflag(), t.lflag(), t.line(), t.cc()));
    }

    // ---- what to poll -------------------------------------------------------------------------

    private boolean wantsInput() {
        return !inEnded && !masterEnded && toMaster.isEmpty();
    }

    private short masterEvents() {
        if (masterEnded) {
            return 0;
        }
        return (short) ((toOut.isEmpty() ? POLLIN : 0) | (toMaster.isEmpty() ? 0 : POLLOUT));
    }

    /**
     * The fds to poll now, in the order stdin, master, stdout; -1 where the relay waits for
     * nothing (poll(2) skips negative fds). Ask again after every {@link #onEvents} round.
     */
    public int[] pollFds() {
        return new int[] {
            wantsInput() ? in : -1,
            masterEvents() != 0 ? master : -1,
            toOut.isEmpty() ? -1 : out,
        };
    }

    /** The events for {@link #pollFds()}, position by position. */
    public short[] pollEvents() {
        return new short[] {POLLIN, masterEvents(), POLLOUT};
    }

    // ---- reacting -----------------------------------------------------------------------------

    /** Handles what poll(2) reported for {@code fd}, one of {@link #pollFds()}. */
    public void onEvents(int fd, short revents) {
        if (revents == 0 || closed) {
            return;
        }
        if (fd == master) {
            onMaster(revents);
        }
        if (fd == in) {
            onInput(revents);
        }
        if (fd == out) {
            onOutput(revents);
        }
    }

    private void onInput(short revents) {
        if (!wantsInput() || (revents & READABLE) == 0) {
            return;
        }
        if ((revents & POLLNVAL) != 0) {
            inEnded = true;
            return;
        }
        try {
            if (toMaster.fill(sys, in) == 0) {
                inEnded = true; // runc's copy just ends; the container keeps its terminal
            }
        } catch (JruncException e) {
            inEnded = true;
        }
    }

    private void onMaster(short revents) {
        if (masterEnded) {
            return;
        }
        if ((revents & POLLNVAL) != 0) {
            endMaster();
            return;
        }
        if ((revents & POLLHUP) != 0) {
            toMaster.clear(); // nobody holds the peer: input has no reader any more
        }
        if ((revents & POLLOUT) != 0 && !toMaster.isEmpty()) {
            try {
                toMaster.writeTo(sys, master, BUFFER_SIZE);
            } catch (JruncException e) {
                toMaster.clear();
            }
        }
        if ((revents & READABLE) != 0 && toOut.isEmpty()) {
            readMaster();
        }
    }

    /** One read of the master; false when it had nothing ready. */
    private boolean readMaster() {
        int n;
        try {
            n = toOut.fill(sys, master);
        } catch (JruncException e) {
            n = 0;
        }
        if (n == 0) {
            endMaster();
        }
        if (outBroken) {
            toOut.clear();
        }
        return n > 0;
    }

    private void endMaster() {
        masterEnded = true;
        toMaster.clear();
    }

    private void onOutput(short revents) {
        if (toOut.isEmpty() || (revents & WRITABLE) == 0) {
            return;
        }
        try {
            toOut.writeTo(sys, out, OUT_CHUNK);
        } catch (JruncException e) {
            breakOutput();
        }
    }

    private void breakOutput() {
        outBroken = true;
        toOut.clear();
    }

    /**
     * Polls the relay's own fds once (up to {@code timeoutMillis}, -1 for ever) and handles what
     * came: for a caller with no other fds to watch. False when nothing happened or nothing is
     * left to wait for.
     */
    public boolean step(int timeoutMillis) {
        int[] fds = pollFds();
        if (fds[0] < 0 && fds[1] < 0 && fds[2] < 0) {
            return false;
        }
        short[] revents = sys.poll(fds, pollEvents(), timeoutMillis);
        if (revents.length == 0) {
            return false;
        }
        for (int i = 0; i < fds.length; i++) {
            if (fds[i] >= 0) {
                onEvents(fds[i], revents[i]);
            }
        }
        return true;
    }

    /** True once the master reported its end and every byte it gave is written (or stdout is gone). */
    public boolean done() {
        return masterEnded && toOut.isEmpty();
    }

    // ---- size, end ----------------------------------------------------------------------------

    /** Copies the host terminal's size to the container's; false when that failed (runc ignores it too). */
    public boolean resize() {
        if (host == null || closed) {
            return false;
        }
        try {
            sys.setWinsize(master, host.size());
            return true;
        } catch (JruncException e) {
            return false;
        }
    }

    /**
     * Once the container's process has exited: writes out what the master still holds, without
     * waiting for more (runc's console Shutdown). Other holders of the peer may keep writing;
     * whatever comes after the master first has nothing ready stays unread.
     */
    public void drain() {
        if (closed) {
            return;
        }
        toMaster.clear();
        do {
            flushOutput();
        } while (!masterEnded && readMaster());
        flushOutput();
    }

    /** Writes all pending output, waiting for stdout as long as it takes. */
    private void flushOutput() {
        while (!toOut.isEmpty()) {
            try {
                if (toOut.writeTo(sys, out, OUT_CHUNK) == Chunk.NOTHING_READY) {
                    sys.poll(new int[] {out}, new short[] {POLLOUT}, -1);
                }
            } catch (JruncException e) {
                breakOutput();
            }
        }
    }

    /** Restores the host terminal and closes the master; safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (host != null) {
                host.close();
            }
        } finally {
            Pty.closeQuietly(sys, master);
        }
    }
}

package io.jrunc.container;

import io.jrunc.JruncException;
import io.jrunc.container.terminal.TerminalRelay;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Syscalls;

import static io.jrunc.sys.Linux.POLLIN;
import static io.jrunc.sys.Linux.SFD_CLOEXEC;
import static io.jrunc.sys.Linux.SIGCHLD;
import static io.jrunc.sys.Linux.SIGKILL;
import static io.jrunc.sys.Linux.SIGSTOP;
import static io.jrunc.sys.Linux.SIGWINCH;
import static io.jrunc.sys.Linux.SIG_BLOCK;
import static io.jrunc.sys.Linux.SIG_SETMASK;
import static io.jrunc.sys.Linux.WNOHANG;

/**
 * Foreground {@code run}: every signal jrunc receives goes to the container's init, and jrunc
 * exits with the init's status. The image runs without a Java signal thread, so signals are
 * blocked and read from a signalfd; blocking happens before the clone so none is lost between the
 * container's start and the loop (the init unblocks them for itself).
 */
public final class SignalForwarder implements AutoCloseable {
    /** Every signal but SIGKILL and SIGSTOP, which cannot be blocked. Bit N-1 is signal N. */
    private static final long ALL_SIGNALS = ~0L & ~bit(SIGKILL) & ~bit(SIGSTOP);

    private final Syscalls sys;
    private final long previousMask;
    private final int signalFd;

    private SignalForwarder(Syscalls sys, long previousMask, int signalFd) {
        this.sys = sys;
        this.previousMask = previousMask;
        this.signalFd = signalFd;
    }

    private static long bit(int signal) {
        return 1L << (signal - 1);
    }

    /** Blocks all signals and opens the signalfd; call before creating the container. */
    public static SignalForwarder install(Syscalls sys) {
        long previous = sys.sigprocmask(SIG_BLOCK, ALL_SIGNALS);
        return new SignalForwarder(sys, previous, sys.signalfd(-1, ALL_SIGNALS, SFD_CLOEXEC));
    }

    /**
     * Forwards signals to {@code initPid} until it exits, reaping every child that exits meanwhile
     * (jrunc is a subreaper for the container's orphans), and, with a terminal, relaying between
     * jrunc's stdio and the container's pty in the same poll loop (SIGWINCH resizes the pty
     * instead of being forwarded). Returns the init's exit code as a shell reports it: the exit
     * status, or 128 + the signal that killed it.
     */
    public int forwardUntilExit(int initPid) {
        return forwardUntilExit(initPid, null);
    }

    /** {@link #forwardUntilExit(int)} with a terminal relay driven by the same poll loop. */
    public int forwardUntilExit(int initPid, TerminalRelay relay) {
        byte[] info = new byte[128]; // struct signalfd_siginfo
        while (true) {
            Integer code = reap(initPid);
            if (code != null) {
                if (relay != null) relay.drain();
                return code;
            }
            int[] relayFds = relay == null ? new int[0] : relay.pollFds();
            short[] relayEvents = relay == null ? new short[0] : relay.pollEvents();
            int[] fds = new int[relayFds.length + 1];
            short[] events = new short[relayFds.length + 1];
            fds[0] = signalFd;
            events[0] = POLLIN;
            System.arraycopy(relayFds, 0, fds, 1, relayFds.length);
            System.arraycopy(relayEvents, 0, events, 1, relayEvents.length);
            short[] revents = sys.poll(fds, events, -1);
            for (int i = 1; i < fds.length && i < revents.length; i++) {
                if (fds[i] >= 0 && revents[i] != 0) relay.onEvents(fds[i], revents[i]);
            }
            if (revents.length == 0 || (revents[0] & POLLIN) == 0) continue;
            int n = sys.read(signalFd, info, 0, info.length);
            if (n < 4) continue;
            int signal = (info[0] & 0xff) | (info[1] & 0xff) << 8 | (info[2] & 0xff) << 16 | (info[3] & 0xff) << 24;
            if (signal == SIGCHLD) continue;
            if (signal == SIGWINCH && relay != null) {
                relay.resize();
                continue;
            }
            try {
                sys.kill(initPid, signal);
            } catch (JruncException e) {
                if (e.errno() != Errno.ESRCH) throw e;
            }
        }
    }

    /** Reaps exited children without blocking; the init's exit code once it is among them. */
    private Integer reap(int initPid) {
        while (true) {
            Syscalls.WaitStatus w;
            try {
                w = sys.wait4(-1, WNOHANG);
            } catch (JruncException e) {
                if (e.errno() == Errno.ECHILD) return null;
                throw e;
            }
            if (w == null) return null;
            if (w.pid() == initPid) return io.jrunc.sys.Linux.exitCode(w.status());
        }
    }

    @Override
    public void close() {
        sys.close(signalFd);
        sys.sigprocmask(SIG_SETMASK, previousMask);
    }
}

package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.Syscalls.Termios;
import io.jrunc.sys.Syscalls.WindowSize;

/**
 * The terminal jrunc itself runs on, for foreground {@code run}/{@code exec -t} (runc's
 * initHostConsole): the first of stderr, stdout, stdin that is a terminal, else /dev/tty (the
 * controlling terminal even when all three are redirected). It is put in raw mode while the
 * container's terminal is relayed, so that keys reach the container unprocessed, and its size is
 * what the container's terminal follows.
 */
public final class HostConsole implements AutoCloseable {
    static final String DEV_TTY = "/dev/tty";

    private final Syscalls sys;
    private final int fd;
    private final boolean opened;
    private Termios original;

    private HostConsole(Syscalls sys, int fd, boolean opened) {
        this.sys = sys;
        this.fd = fd;
        this.opened = opened;
    }

    /** Finds the host terminal; fails as runc does when there is none ({@code open /dev/tty: no such device or address}). */
    public static HostConsole find(Syscalls sys) {
        for (int fd : new int[] {2, 1, 0}) {
            if (isTerminal(sys, fd)) {
                return new HostConsole(sys, fd, false);
            }
        }
        int tty;
        try {
            tty = sys.openat(Linux.AT_FDCWD, DEV_TTY, Linux.O_RDONLY, 0);
        } catch (JruncException e) {
            throw Failures.call("open " + DEV_TTY, e);
        }
        if (!isTerminal(sys, tty)) {
            Pty.closeQuietly(sys, tty);
            throw Failures.plain("unable to get console: provided file is not a console");
        }
        return new HostConsole(sys, tty, true);
    }

    /** The terminal at {@code fd}, which stays the caller's (tests use a pty of their own). */
    static HostConsole of(Syscalls sys, int fd) {
        return new HostConsole(sys, fd, false);
    }

    private static boolean isTerminal(Syscalls sys, int fd) {
        try {
            sys.tcgetattr(fd);
            return true;
        } catch (JruncException e) {
            return false;
        }
    }

    public int fd() {
        return fd;
    }

    /** cfmakeraw on the terminal, remembering its settings for {@link #restore}. */
    public void makeRaw() {
        try {
            Termios now = sys.tcgetattr(fd);
            sys.tcsetattr(fd, Linux.TCSANOW, now.raw());
            if (original == null) {
                original = now;
            }
        } catch (JruncException e) {
            throw Failures.wrap("failed to set the terminal from the stdin", Failures.bare(e));
        }
    }

    /** Puts back the settings {@link #makeRaw} found; errors are ignored, as in runc's Reset. */
    public void restore() {
        if (original != null) {
            Termios saved = original;
            original = null;
            try {
                sys.tcsetattr(fd, Linux.TCSANOW, saved);
            } catch (JruncException ignored) {
                // the terminal may be gone (hang-up); nothing left to restore then
            }
        }
    }

    /** TIOCGWINSZ. */
    public WindowSize size() {
        return sys.getWinsize(fd);
    }

    /** Restores the terminal and closes /dev/tty if it was opened here. */
    @Override
    public void close() {
        restore();
        if (opened) {
            Pty.closeQuietly(sys, fd);
        }
    }
}

package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.Syscalls.WindowSize;

/**
 * A new pseudo-terminal pair, allocated as runc's safeAllocPty does inside the container (after
 * pivot_root, so that the pair belongs to the container's own devpts instance):
 *
 * <ol>
 *   <li>an O_PATH handle on the ptmx path, checked to be the devpts ptmx inode (5:2, inode 2);</li>
 *   <li>that handle reopened O_RDWR|O_NOCTTY through /proc/thread-self/fd: the new master
 *       ({@link VerifiedOpen}; without /proc, the path opened and the result checked again);</li>
 *   <li>TIOCGPTN (the peer's number, for its name) and TIOCSPTLCK 0 (unlockpt);</li>
 *   <li>the peer by TIOCGPTPEER, which needs no path and so cannot be tricked by a container
 *       that replaces /dev/pts; on kernels without it (EINVAL/ENOTTY) "/dev/pts/N", checked to be
 *       char device 136:N on devpts before it is opened.</li>
 * </ol>
 *
 * Both fds are close-on-exec and O_NOCTTY: init must not get a controlling terminal by accident.
 * The peer's owner is left alone here, as in runc: the process setup later gives stdio to the
 * container's user (fixStdioPermissions).
 */
public final class Pty implements AutoCloseable {
    /** runc's path: the container's own devpts instance ("/dev/ptmx" is a symlink to it, and works too). */
    public static final String CONTAINER_PTMX = "/dev/pts/ptmx";
    /** Where runc looks for a peer when TIOCGPTPEER is missing. */
    static final String PTS_DIR = "/dev/pts/";
    /** Reopening through the magic link opens the very inode that was checked, not whatever the path names now. */
    static final String PROC_FD = "/proc/thread-self/fd/";

    private final Syscalls sys;
    private final String name;
    private final int number;
    private int master;
    private int peer;

    private Pty(Syscalls sys, String name, int number, int master, int peer) {
        this.sys = sys;
        this.name = name;
        this.number = number;
        this.master = master;
        this.peer = peer;
    }

    /** Allocates a pair from {@code ptmxPath} (normally {@link #CONTAINER_PTMX}). */
    public static Pty open(Syscalls sys, String ptmxPath) {
        int master = openMaster(sys, ptmxPath);
        try {
            int number;
            try {
                number = sys.ioctlGetInt(master, Linux.TIOCGPTN);
                sys.ioctlSetInt(master, Linux.TIOCSPTLCK, 0);
            } catch (JruncException e) {
                throw Failures.bare(e); // containerd/console returns these errnos unwrapped
            }
            int peer;
            try {
                peer = openPeer(sys, master, number);
            } catch (JruncException e) {
                throw Failures.wrap("failed to get peer end of newly-allocated console", e);
            }
            return new Pty(sys, ptmxPath, number, master, peer);
        } catch (RuntimeException e) {
            closeQuietly(sys, master);
            throw e;
        }
    }

    private static int openMaster(Syscalls sys, String ptmxPath) {
        return VerifiedOpen.open(sys, ptmxPath, Linux.O_RDWR | Linux.O_NOCTTY, DevptsInodes::checkPtmx,
                "verify ptmx handle", "reopen ptmx to get new pty pair");
    }

    private static int openPeer(Syscalls sys, int master, int number) {
        try {
            return sys.ioctl(master, Linux.TIOCGPTPEER, Linux.O_RDWR | Linux.O_NOCTTY | Linux.O_CLOEXEC);
        } catch (JruncException e) {
            // the pty driver answers EINVAL, other kernels ENOTTY, when the ioctl is unknown (< 4.13)
            if (!Failures.isErrno(e, Errno.EINVAL, Errno.ENOTTY)) {
                throw Failures.call("ioctl TIOCGPTPEER", e);
            }
        }
        return VerifiedOpen.open(sys, PTS_DIR + Integer.toUnsignedString(number), Linux.O_RDWR | Linux.O_NOCTTY,
                (stat, statfs) -> DevptsInodes.checkPeer(stat, statfs, number), null, null);
    }

    /**
     * The size runc gives a new console: process.consoleSize truncated to 16 bits as runc's
     * uint16 fields do, or null (no TIOCSWINSZ) unless both are non-zero.
     */
    public static WindowSize initialSize(long height, long width) {
        int rows = (int) (height & 0xffff);
        int cols = (int) (width & 0xffff);
        return rows != 0 && cols != 0 ? new WindowSize(rows, cols) : null;
    }

    /** TIOCSWINSZ on the master (the pair shares one size). */
    public void resize(WindowSize size) {
        try {
            sys.setWinsize(master, size);
        } catch (JruncException e) {
            throw Failures.bare(e);
        }
    }

    /** The master fd, or -1 once closed. */
    public int master() {
        return master;
    }

    /** The peer (slave) fd, or -1 once closed. */
    public int peer() {
        return peer;
    }

    /** The master's name as runc's File.Name() has it (the ptmx path): the data sent with the fd. */
    public String name() {
        return name;
    }

    /** The peer's number N. */
    public int number() {
        return number;
    }

    /** "/dev/pts/N": names the peer in messages and mounts. */
    public String peerPath() {
        return PTS_DIR + Integer.toUnsignedString(number);
    }

    /** Hands the peer over (for instance once it is stdio): close() will leave it open. */
    public int takePeer() {
        int fd = peer;
        peer = -1;
        return fd;
    }

    public void closeMaster() {
        if (master >= 0) {
            int fd = master;
            master = -1;
            closeQuietly(sys, fd);
        }
    }

    @Override
    public void close() {
        closeMaster();
        if (peer >= 0) {
            int fd = peer;
            peer = -1;
            closeQuietly(sys, fd);
        }
    }

    static void closeQuietly(Syscalls sys, int fd) {
        try {
            sys.close(fd);
        } catch (JruncException ignored) {
            // nothing to do about a failed close on a path that is already failing or done
        }
    }
}

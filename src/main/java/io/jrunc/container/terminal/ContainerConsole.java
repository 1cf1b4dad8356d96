package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.Syscalls.WindowSize;

/**
 * runc's setupConsole plus Setctty: the container side of process.terminal. Runs in the container
 * process after pivot_root (so the pty comes from the container's devpts) and before the rootfs
 * is made read-only and the user is switched:
 *
 * <ol>
 *   <li>a new {@link Pty} from /dev/pts/ptmx;</li>
 *   <li>TIOCSWINSZ with process.consoleSize when both dimensions are set;</li>
 *   <li>(init only) the peer bind-mounted over /dev/console;</li>
 *   <li>the master sent over the console socket, which is closed;</li>
 *   <li>the peer dup'ed onto 0, 1 and 2 (inheritable), our master and spare peer fd closed;</li>
 *   <li>setsid and TIOCSCTTY on fd 0: the peer becomes the controlling terminal.</li>
 * </ol>
 *
 * stdio then belongs to root; the process setup gives it to the container's user afterwards
 * (runc's fixStdioPermissions).
 */
public final class ContainerConsole {
    private ContainerConsole() {}

    /**
     * The container's init ({@code create}/{@code run}).
     *
     * @param socket the console socket fd (connected by {@link ConsoleSocket#connect} or one end of
     *               {@link ConsoleSocket#pair}); closed here whatever happens
     * @param size   {@link Pty#initialSize} of process.consoleSize, or null
     */
    public static void setUpForInit(Syscalls sys, int socket, WindowSize size) {
        setUp(sys, socket, size, true);
        ControllingTerminal.claimForInit(sys);
    }

    /** A process joining the container ({@code exec -t}): the same without /dev/console. */
    public static void setUpForExec(Syscalls sys, int socket, WindowSize size) {
        setUp(sys, socket, size, false);
        ControllingTerminal.claimForExec(sys);
    }

    /** Steps 1 to 5. */
    static void setUp(Syscalls sys, int socket, WindowSize size, boolean mountDevConsole) {
        try (Pty pty = Pty.open(sys, Pty.CONTAINER_PTMX)) {
            if (size != null) {
                pty.resize(size);
            }
            if (mountDevConsole) {
                ConsoleMount.bind(sys, pty.peer(), pty.peerPath());
            }
            ConsoleSocket.sendMaster(sys, socket, pty.name(), pty.master());
            pty.closeMaster();
            dupOntoStdio(sys, pty);
        } finally {
            Pty.closeQuietly(sys, socket);
        }
    }

    /** runc's dupStdio; the peer fd itself is closed afterwards unless it already is one of 0-2. */
    private static void dupOntoStdio(Syscalls sys, Pty pty) {
        int peer = pty.peer();
        try {
            for (int fd = 0; fd <= 2; fd++) {
                if (fd == peer) {
                    // dup3 refuses oldfd == newfd; the fd only has to survive exec
                    sys.fcntl(fd, Linux.F_SETFD, 0);
                } else {
                    sys.dup3(peer, fd, 0);
                }
            }
        } catch (JruncException e) {
            throw Failures.bare(e);
        }
        if (peer <= 2) {
            pty.takePeer();
        }
    }
}

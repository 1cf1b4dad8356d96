package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.Syscalls.ReceivedFd;

import java.nio.charset.StandardCharsets;

/**
 * The console socket protocol of runc (libcontainer/utils/cmsg.go), as containerd's go-runc,
 * conmon and CRI-O expect it: one stream message whose data is the master's name and whose only
 * control message is SCM_RIGHTS with exactly one fd, the pty master; then the sender closes.
 *
 * <ul>
 *   <li>{@code create}/{@code run -d}/{@code exec -d} with --console-socket: the host side
 *       {@link #connect}s before the container process starts and hands the socket to it;</li>
 *   <li>the container side {@link #sendMaster}s once its pty exists ({@link ContainerConsole});</li>
 *   <li>foreground {@code run}/{@code exec -t}: jrunc makes a {@link #pair} itself and
 *       {@link #receiveMaster}s from its end (runc's recvtty), then relays ({@link TerminalRelay}).</li>
 * </ul>
 */
public final class ConsoleSocket {
    private ConsoleSocket() {}

    /** runc's MaxNameLen: the receiver refuses a name this long or longer. */
    public static final int MAX_NAME_LEN = 4096;
    /** CMSG_SPACE(sizeof(int)): what a receiver sees as the control length of one fd. */
    static final int ONE_FD_CONTROL_LENGTH = 24;

    /** A received master: the name the sender gave it and the fd (close-on-exec). */
    public record Master(String name, int fd) {}

    /**
     * Connects a stream socket to the --console-socket path, as Go's {@code net.Dial("unix", path)};
     * failures read {@code dial unix /run/x.sock: connect: no such file or directory}.
     */
    public static int connect(Syscalls sys, String path) {
        int fd;
        try {
            fd = sys.socket(Linux.AF_UNIX, Linux.SOCK_STREAM, 0);
        } catch (JruncException e) {
            throw Failures.call("dial unix " + path + ": socket", e);
        }
        try {
            sys.connect(fd, path);
            return fd;
        } catch (JruncException e) {
            Pty.closeQuietly(sys, fd);
            throw Failures.call("dial unix " + path + ": connect", e);
        }
    }

    /** runc's NewSockPair("console") for foreground terminals: {jrunc's end, the container's end}. */
    public static int[] pair(Syscalls sys) {
        try {
            return sys.socketpair(Linux.AF_UNIX, Linux.SOCK_STREAM, 0);
        } catch (JruncException e) {
            throw Failures.bare(e);
        }
    }

    /** runc's SendRawFd: {@code name} as the data, {@code master} as the one SCM_RIGHTS fd. */
    public static void sendMaster(Syscalls sys, int socket, String name, int master) {
        byte[] data = name.getBytes(StandardCharsets.UTF_8);
        if (data.length == 0) {
            // a stream socket drops an empty message together with its fd
            data = new byte[] {0};
        }
        try {
            sys.sendFd(socket, data, master);
        } catch (JruncException e) {
            throw Failures.call("sendmsg", e);
        }
    }

    /**
     * runc's RecvFile: one recvmsg of at most {@link #MAX_NAME_LEN} bytes that must bring exactly
     * one fd. A sender that dies first makes this fail with "(n=0 oobn=0)", as in runc.
     */
    public static Master receiveMaster(Syscalls sys, int socket) {
        ReceivedFd got;
        try {
            got = sys.recvFd(socket, MAX_NAME_LEN);
        } catch (JruncException e) {
            throw Failures.call("recvmsg", e);
        }
        int n = got.data().length;
        if (n >= MAX_NAME_LEN || got.fd() < 0) {
            if (got.fd() >= 0) {
                Pty.closeQuietly(sys, got.fd());
            }
            int oobn = got.fd() >= 0 ? ONE_FD_CONTROL_LENGTH : 0;
            throw Failures.plain("recvfile: incorrect number of bytes read (n=" + n + " oobn=" + oobn + ")");
        }
        return new Master(new String(got.data(), StandardCharsets.UTF_8), got.fd());
    }
}

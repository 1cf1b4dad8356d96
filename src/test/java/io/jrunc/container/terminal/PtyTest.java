package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.Syscalls.FileStat;
import io.jrunc.sys.Syscalls.WindowSize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link Pty} on the real kernel: the host's own devpts stands in for the container's. */
class PtyTest {
    /** _IOR('T', 0x39, int): whether the peer is still locked. */
    private static final long TIOCGPTLCK = 0x80045439L;

    private final RealKernel kernel = new RealKernel();
    private final Syscalls sys = kernel.sys;

    @BeforeEach
    void devptsReachable() {
        // /dev/pts/ptmx usually has mode 000 (ptmxmode=000): only root opens it
        assumeTrue(kernel.isRoot(), "needs root to open /dev/pts/ptmx");
    }

    @AfterEach
    void closeFds() {
        kernel.close();
    }

    private Pty open(Syscalls through, String ptmx) {
        Pty pty = Pty.open(through, ptmx);
        kernel.track(pty.master());
        kernel.track(pty.peer());
        return pty;
    }

    /** A master answers TIOCGPTN; a peer does not. */
    private boolean isMaster(int fd) {
        try {
            sys.ioctlGetInt(fd, Linux.TIOCGPTN);
            return true;
        } catch (JruncException e) {
            return false;
        }
    }

    @Test
    void allocatesAnUnlockedPairFromDevpts() {
        Pty pty = open(sys, Pty.CONTAINER_PTMX);

        assertTrue(isMaster(pty.master()));
        assertFalse(isMaster(pty.peer()));
        assertEquals(pty.number(), sys.ioctlGetInt(pty.master(), Linux.TIOCGPTN));
        assertEquals(0, sys.ioctlGetInt(pty.master(), TIOCGPTLCK), "unlocked");
        FileStat peer = sys.statx(pty.peer(), "", Linux.AT_EMPTY_PATH);
        assertEquals(Linux.S_IFCHR, peer.fileType());
        assertEquals(136, peer.rdevMajor());
        assertEquals(pty.number(), peer.rdevMinor());
        assertEquals("/dev/pts/" + pty.number(), pty.peerPath());
        assertEquals(Pty.CONTAINER_PTMX, pty.name(), "runc sends the ptmx file's name");
    }

    @Test
    void bothFdsAreCloseOnExec() {
        Pty pty = open(sys, Pty.CONTAINER_PTMX);
        assertEquals(Linux.FD_CLOEXEC, sys.fcntl(pty.master(), Linux.F_GETFD, 0) & Linux.FD_CLOEXEC);
        assertEquals(Linux.FD_CLOEXEC, sys.fcntl(pty.peer(), Linux.F_GETFD, 0) & Linux.FD_CLOEXEC);
    }

    @Test
    void bytesWrittenToTheMasterReachThePeer() {
        Pty pty = open(sys, Pty.CONTAINER_PTMX);
        kernel.writeAll(pty.master(), "echo hi\n");
        assertEquals("echo hi\n", kernel.readExactly(pty.peer(), 8));
    }

    @Test
    void theSymlinkedDevPtmxOfAContainerWorksToo() {
        // in a container /dev/ptmx -> pts/ptmx; a symlink to the devpts node passes the same check
        Pty pty = open(kernel.intercepted((method, args) -> method.equals("openat") && "/dev/ptmx".equals(args[1])
                ? sys.openat((int) args[0], "/dev/pts/ptmx", (int) args[2], (int) args[3]) : RealKernel.PASS),
                "/dev/ptmx");
        assertTrue(isMaster(pty.master()));
    }

    @Test
    void refusesAPtmxThatIsNotOnDevpts() {
        // the host's /dev/ptmx lives on devtmpfs, as a container's bind-mounted one might
        assumeTrue(sys.statfs("/dev").type() != DevptsInodes.DEVPTS_SUPER_MAGIC);
        JruncException e = assertThrows(JruncException.class, () -> Pty.open(sys, "/dev/ptmx"));
        assertEquals("verify ptmx handle: ptmx handle is not on a real devpts mount: super magic is 0x"
                + Long.toHexString(sys.statfs("/dev").type()), e.getMessage());
    }

    @Test
    void refusesADevptsInodeThatIsNotPtmx() {
        // a peer node sits on devpts but has the wrong inode number
        try (Pty other = Pty.open(sys, Pty.CONTAINER_PTMX)) {
            JruncException e = assertThrows(JruncException.class, () -> Pty.open(sys, other.peerPath()));
            assertTrue(e.getMessage().startsWith("verify ptmx handle: ptmx handle has wrong inode number: "),
                    e.getMessage());
        }
    }

    @Test
    void aMissingPtmxIsReportedAsGoWouldReportTheOpen() {
        JruncException e = assertThrows(JruncException.class, () -> Pty.open(sys, "/nonexistent/ptmx"));
        assertEquals("open /nonexistent/ptmx: no such file or directory", e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());
    }

    /** The kernel as it was before 4.13: no TIOCGPTPEER. */
    private Syscalls withoutPeerIoctl(int errno) {
        return kernel.intercepted((method, args) -> method.equals("ioctl") && (long) args[1] == Linux.TIOCGPTPEER
                ? Errno.exception(errno, "ioctl fd " + args[0]) : RealKernel.PASS);
    }

    @Test
    void withoutTiocgptpeerThePeerIsOpenedByItsNumberAfterACheck() {
        for (int errno : new int[] {Errno.EINVAL, Errno.ENOTTY}) {
            Pty pty = open(withoutPeerIoctl(errno), Pty.CONTAINER_PTMX);
            assertFalse(isMaster(pty.peer()));
            assertEquals(pty.number(), sys.statx(pty.peer(), "", Linux.AT_EMPTY_PATH).rdevMinor());
            kernel.writeAll(pty.master(), "x\n");
            assertEquals("x\n", kernel.readExactly(pty.peer(), 2));
            assertEquals(Linux.FD_CLOEXEC, sys.fcntl(pty.peer(), Linux.F_GETFD, 0) & Linux.FD_CLOEXEC);
        }
    }

    @Test
    void theFallbackRefusesAPeerPathThatIsNotThePeer() {
        // a container that put something else at /dev/pts/N
        Syscalls swapped = kernel.intercepted((method, args) -> {
            if (method.equals("ioctl") && (long) args[1] == Linux.TIOCGPTPEER) {
                return Errno.exception(Errno.ENOTTY, "ioctl");
            }
            if (method.equals("openat") && ((String) args[1]).startsWith("/dev/pts/") && !args[1].equals("/dev/pts/ptmx")) {
                return sys.openat(Linux.AT_FDCWD, "/dev/null", (int) args[2], 0);
            }
            return RealKernel.PASS;
        });
        JruncException e = assertThrows(JruncException.class, () -> Pty.open(swapped, Pty.CONTAINER_PTMX));
        assertTrue(e.getMessage().startsWith("failed to get peer end of newly-allocated console: "
                + "pty peer handle is not on a real devpts mount: super magic is 0x"), e.getMessage());
    }

    @Test
    void otherTiocgptpeerErrorsAreNotHidden() {
        JruncException e = assertThrows(JruncException.class, () -> Pty.open(withoutPeerIoctl(Errno.EMFILE), Pty.CONTAINER_PTMX));
        assertEquals("failed to get peer end of newly-allocated console: ioctl TIOCGPTPEER: too many open files",
                e.getMessage());
        assertEquals(Errno.EMFILE, e.errno());
    }

    @Test
    void resizeSetsTheSizeBothEndsSee() {
        Pty pty = open(sys, Pty.CONTAINER_PTMX);
        pty.resize(new WindowSize(30, 100));
        assertEquals(new WindowSize(30, 100), sys.getWinsize(pty.peer()));
        assertEquals(new WindowSize(30, 100), sys.getWinsize(pty.master()));
    }

    @Test
    void closeClosesWhatIsStillOpen() {
        Pty pty = Pty.open(sys, Pty.CONTAINER_PTMX);
        int master = pty.master();
        int peer = pty.takePeer();
        kernel.track(peer);
        pty.close();
        assertEquals(-1, pty.master());
        assertThrows(JruncException.class, () -> sys.fcntl(master, Linux.F_GETFD, 0));
        assertEquals(Linux.FD_CLOEXEC, sys.fcntl(peer, Linux.F_GETFD, 0), "taken: left open");
    }

    @Test
    void initialSizeIsRuncsUint16PairAndNeedsBothDimensions() {
        assertEquals(new WindowSize(24, 80), Pty.initialSize(24, 80));
        assertNull(Pty.initialSize(0, 80));
        assertNull(Pty.initialSize(24, 0));
        assertNull(Pty.initialSize(65536, 80), "truncated to 0");
        assertEquals(new WindowSize(5, 65535), Pty.initialSize(65541, 65535));
    }
}

package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.RecordingSyscalls;
import io.jrunc.sys.Syscalls.FileStat;
import io.jrunc.sys.Syscalls.Statfs;
import io.jrunc.sys.Syscalls.WindowSize;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * runc's setupConsole + Setctty through the recording fake: the exact kernel calls, their order,
 * and what is left open or closed when any one of them fails. (The real setsid/TIOCSCTTY would
 * change the test JVM's session, so they are only ever recorded.)
 */
class ContainerConsoleTest {
    private static final int SOCKET = 42;
    private static final FileStat PTMX = new FileStat(Linux.S_IFCHR | 0666, 0, 0, 0, 2, 1, 0, 24, 5, 2, 1);
    private static final Statfs DEVPTS = new Statfs(DevptsInodes.DEVPTS_SUPER_MAGIC, 4096, 0);
    private static final int PTY_NUMBER = 7;

    private final RecordingSyscalls sys = new RecordingSyscalls().dir("/dev/pts");

    /** A kernel whose /dev/pts/ptmx is the real thing and hands out pty number 7. */
    private RecordingSyscalls devpts() {
        return devpts(sys);
    }

    private static RecordingSyscalls devpts(RecordingSyscalls k) {
        return k.willReturn("statx(3, ", PTMX).willReturn("fstatfs(3)", DEVPTS)
                .willReturn("ioctlGetInt(4, TIOCGPTN)", PTY_NUMBER);
    }

    private static final List<String> ALLOCATE = List.of(
            "openat(AT_FDCWD, \"/dev/pts/ptmx\", O_RDONLY|O_PATH, 0)",
            "statx(3, \"\", AT_EMPTY_PATH)",
            "fstatfs(3)",
            "openat(AT_FDCWD, \"/proc/thread-self/fd/3\", O_RDWR|O_NOCTTY, 0)",
            "close(3)",
            "ioctlGetInt(4, TIOCGPTN)",
            "ioctlSetInt(4, TIOCSPTLCK, 0)",
            "ioctl(4, TIOCGPTPEER, " + (Linux.O_RDWR | Linux.O_NOCTTY | Linux.O_CLOEXEC) + ")");

    private static final List<String> SEND_AND_DUP = List.of(
            "sendFd(42, \"/dev/pts/ptmx\", 4)",
            "close(4)",
            "dup3(5, 0, 0)",
            "dup3(5, 1, 0)",
            "dup3(5, 2, 0)",
            "close(5)",
            "close(42)",
            "setsid()",
            "ioctl(0, TIOCSCTTY, 0)");

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        return java.util.stream.Stream.of(a, b, c).flatMap(List::stream).toList();
    }

    @Test
    void initAllocatesSizesMountsSendsDupsAndClaims() {
        ContainerConsole.setUpForInit(devpts(), SOCKET, new WindowSize(30, 100));
        assertEquals(concat(ALLOCATE, List.of(
                "setWinsize(4, 30, 100)",
                "openat(AT_FDCWD, \"/dev/console\", O_RDONLY|O_CREAT|O_NOCTTY|O_NOFOLLOW, 0666)",
                "mount(\"/proc/thread-self/fd/5\", \"/proc/thread-self/fd/6\", \"bind\", MS_BIND, null)",
                "close(6)"), SEND_AND_DUP), sys.calls());
    }

    @Test
    void execNeitherResizesWithoutASizeNorTouchesDevConsole() {
        ContainerConsole.setUpForExec(devpts(), SOCKET, null);
        assertEquals(concat(ALLOCATE, List.of(), SEND_AND_DUP), sys.calls());
    }

    @Test
    void everyFailureClosesTheSocketAndLeaksNoFd() {
        ContainerConsole.setUpForInit(devpts(), SOCKET, new WindowSize(30, 100));
        List<String> happy = sys.calls();
        List<Integer> steps = sys.fallibleCallIndexes();
        for (int step : steps) {
            RecordingSyscalls failing = devpts(new RecordingSyscalls().dir("/dev/pts")).failAt(step, Errno.EIO);
            String failed = happy.get(step);
            if (failed.startsWith("close(")) {
                ContainerConsole.setUpForInit(failing, SOCKET, new WindowSize(30, 100)); // ignored, as Go's deferred Close
                continue;
            }
            JruncException e = assertThrows(JruncException.class,
                    () -> ContainerConsole.setUpForInit(failing, SOCKET, new WindowSize(30, 100)), failed);
            assertEquals(Errno.EIO, e.errno(), failed);
            boolean beforeClaim = step < happy.indexOf("setsid()");
            if (beforeClaim) {
                assertTrue(failing.calls().contains("close(42)"), "socket closed when " + failed + " fails");
            }
            Set<Integer> leaked = new HashSet<>(failing.openFds());
            leaked.removeAll(Set.of(0, 1, 2));
            assertEquals(Set.of(), leaked, "fds left open when " + failed + " fails");
        }
    }

    @Test
    void failuresReadAsRuncs() {
        assertEquals("verify ptmx handle: ptmx handle is not on a real devpts mount: super magic is 0x1021994",
                failure(k -> k.willReturn("statx(3, ", PTMX).willReturn("fstatfs(3)", new Statfs(Linux.TMPFS_MAGIC, 4096, 0))));
        assertEquals("verify ptmx handle: ptmx handle is not a real char ptmx device: ftype 0x8000 0:0",
                failure(k -> k.willReturn("statx(3, ", new FileStat(Linux.S_IFREG | 0644, 0, 0, 0, 2, 1, 0, 24, 0, 0, 1))
                        .willReturn("fstatfs(3)", DEVPTS)));
        assertEquals("reopen ptmx to get new pty pair: reopen fd 3: permission denied",
                failure(k -> devpts(k).failWhen("openat(AT_FDCWD, \"/proc/thread-self/fd/3\"", Errno.EACCES)));
        assertEquals("inappropriate ioctl for device",
                failure(k -> devpts(k).failWhen("ioctlSetInt(4, TIOCSPTLCK", Errno.ENOTTY)));
        assertEquals("mount src=/dev/pts/7, srcType=plain-open, srcFd=5, dst=/dev/console, "
                        + "dstFd=/proc/thread-self/fd/6, flags=MS_BIND: permission denied",
                failure(k -> devpts(k).failWhen("mount(", Errno.EACCES)));
        assertEquals("create /dev/console mount target: open /dev/console: read-only file system",
                failure(k -> devpts(k).failWhen("openat(AT_FDCWD, \"/dev/console\"", Errno.EROFS)));
        assertEquals("sendmsg: broken pipe", failure(k -> devpts(k).failWhen("sendFd(", Errno.EPIPE)));
        assertEquals("bad file descriptor", failure(k -> devpts(k).failWhen("dup3(5, 1", Errno.EBADF)));
        assertEquals("ioctl(setctty): operation not permitted",
                failure(k -> devpts(k).failWhen("ioctl(0, TIOCSCTTY", Errno.EPERM)));
    }

    private String failure(java.util.function.Consumer<RecordingSyscalls> setUp) {
        RecordingSyscalls k = new RecordingSyscalls().dir("/dev/pts");
        setUp.accept(k);
        return assertThrows(JruncException.class, () -> ContainerConsole.setUpForInit(k, SOCKET, null)).getMessage();
    }

    @Test
    void execReportsTheBareTiocscttyError() {
        devpts().failWhen("ioctl(0, TIOCSCTTY", Errno.EPERM);
        JruncException e = assertThrows(JruncException.class, () -> ContainerConsole.setUpForExec(sys, SOCKET, null));
        assertEquals("operation not permitted", e.getMessage());
        assertEquals(Errno.EPERM, e.errno());
    }

    @Test
    void anEarlierSetsidIsNoObstacle() {
        // runc's nsexec already made the process a session leader: setsid() then says EPERM
        devpts().failWhen("setsid(", Errno.EPERM);
        ContainerConsole.setUpForInit(sys, SOCKET, null);
        assertEquals("ioctl(0, TIOCSCTTY, 0)", sys.lastCall());
    }

    @Test
    void withoutTiocgptpeerThePeerIsCheckedThenReopened() {
        devpts().failWhen("ioctl(4, TIOCGPTPEER", Errno.EINVAL)
                .willReturn("statx(5, ", new FileStat(Linux.S_IFCHR | 0620, 0, 5, 0, 10, 1, 0, 24, 136, PTY_NUMBER, 1))
                .willReturn("fstatfs(5)", DEVPTS);
        ContainerConsole.setUpForExec(sys, SOCKET, null);
        List<String> calls = sys.calls();
        int from = calls.indexOf("ioctl(4, TIOCGPTPEER, " + (Linux.O_RDWR | Linux.O_NOCTTY | Linux.O_CLOEXEC) + ")");
        assertEquals(List.of(
                "openat(AT_FDCWD, \"/dev/pts/7\", O_RDONLY|O_PATH, 0)",
                "statx(5, \"\", AT_EMPTY_PATH)",
                "fstatfs(5)",
                "openat(AT_FDCWD, \"/proc/thread-self/fd/5\", O_RDWR|O_NOCTTY, 0)",
                "close(5)",
                "sendFd(42, \"/dev/pts/ptmx\", 4)",
                "close(4)",
                "dup3(6, 0, 0)"), calls.subList(from + 1, from + 9));
    }

    @Test
    void theFallbackRefusesAnotherDeviceAtDevPtsN() {
        devpts().failWhen("ioctl(4, TIOCGPTPEER", Errno.ENOTTY)
                .willReturn("statx(5, ", new FileStat(Linux.S_IFCHR | 0666, 0, 0, 0, 10, 1, 0, 24, 1, 3, 1))
                .willReturn("fstatfs(5)", DEVPTS);
        JruncException e = assertThrows(JruncException.class, () -> ContainerConsole.setUpForExec(sys, SOCKET, null));
        assertEquals("failed to get peer end of newly-allocated console: "
                + "pty peer handle is not the real char device for pty 7: ftype 0x2000 1:3", e.getMessage());
        assertFalse(sys.calls().stream().anyMatch(c -> c.contains("/proc/thread-self/fd/5")), "never opened");
    }

    @Test
    void withoutProcThePtmxIsOpenedByPathAndCheckedAgain() {
        devpts().failWhen("openat(AT_FDCWD, \"/proc/thread-self/fd/3\"", Errno.ENOENT)
                .willReturn("statx(4, ", PTMX).willReturn("fstatfs(4)", DEVPTS);
        ContainerConsole.setUpForExec(sys, SOCKET, null);
        assertEquals(List.of(
                "openat(AT_FDCWD, \"/dev/pts/ptmx\", O_RDONLY|O_PATH, 0)",
                "statx(3, \"\", AT_EMPTY_PATH)",
                "fstatfs(3)",
                "openat(AT_FDCWD, \"/proc/thread-self/fd/3\", O_RDWR|O_NOCTTY, 0)",
                "openat(AT_FDCWD, \"/dev/pts/ptmx\", O_RDWR|O_NOCTTY, 0)",
                "statx(4, \"\", AT_EMPTY_PATH)",
                "fstatfs(4)",
                "close(3)",
                "ioctlGetInt(4, TIOCGPTN)"), sys.calls().subList(0, 9));
    }

    @Test
    void withoutProcAPtmxSwappedAfterTheCheckIsCaught() {
        devpts().failWhen("openat(AT_FDCWD, \"/proc/thread-self/fd/3\"", Errno.ENOENT)
                .willReturn("statx(4, ", new FileStat(Linux.S_IFIFO | 0666, 0, 0, 0, 9, 1, 0, 24, 0, 0, 1))
                .willReturn("fstatfs(4)", new Statfs(Linux.TMPFS_MAGIC, 4096, 0));
        JruncException e = assertThrows(JruncException.class, () -> ContainerConsole.setUpForExec(sys, SOCKET, null));
        assertEquals("verify ptmx handle: ptmx handle is not on a real devpts mount: super magic is 0x1021994",
                e.getMessage());
        assertEquals(Set.of(), sys.openFds(), "both the handle and the opened file closed");
        assertTrue(sys.calls().contains("close(42)"));
    }

    @Test
    void aPeerThatIsAlreadyStdinIsKeptAcrossExec() {
        // fd 0 was closed when the pty was allocated, so the peer got number 0
        devpts().willReturn("ioctl(4, TIOCGPTPEER", 0);
        ContainerConsole.setUpForExec(sys, SOCKET, null);
        List<String> calls = sys.calls();
        int from = calls.indexOf("close(4)");
        assertEquals(List.of("fcntl(0, F_SETFD, 0)", "dup3(0, 1, 0)", "dup3(0, 2, 0)", "close(42)", "setsid()"),
                calls.subList(from + 1, from + 6));
    }
}

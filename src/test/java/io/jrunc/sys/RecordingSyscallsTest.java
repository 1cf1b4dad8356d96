package io.jrunc.sys;

import io.jrunc.JruncException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.jrunc.sys.Linux.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recording fake: what it records, how it answers, how it fails. */
class RecordingSyscallsTest {

    /** A small stand-in for container setup, to show the fake the way setup tests will use it. */
    private static void setUpProc(Syscalls sys) {
        sys.mkdirat(AT_FDCWD, "/rootfs/proc", 0555);
        sys.mount("proc", "/rootfs/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
        int fd = sys.openat(AT_FDCWD, "/rootfs/proc", O_RDONLY | O_DIRECTORY, 0);
        try {
            sys.fchdir(fd);
        } finally {
            sys.close(fd);
        }
    }

    @Test
    void recordsReadableLines() {
        RecordingSyscalls sys = new RecordingSyscalls().dir("/rootfs");
        setUpProc(sys);
        assertEquals(List.of(
                "mkdirat(AT_FDCWD, \"/rootfs/proc\", 0555)",
                "mount(\"proc\", \"/rootfs/proc\", \"proc\", MS_NOSUID|MS_NODEV|MS_NOEXEC, null)",
                "openat(AT_FDCWD, \"/rootfs/proc\", O_RDONLY|O_DIRECTORY, 0)",
                "fchdir(3)",
                "close(3)"), sys.calls());
        assertEquals(List.of("mount(\"proc\", \"/rootfs/proc\", \"proc\", MS_NOSUID|MS_NODEV|MS_NOEXEC, null)"),
                sys.calls("mount("));
    }

    @Test
    void flagsSignalsModesAndDevicesHaveNames() {
        RecordingSyscalls sys = new RecordingSyscalls();
        sys.clone3(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUSER, SIGCHLD, 5);
        sys.unshare((int) (CLONE_NEWNET | CLONE_NEWUTS));
        sys.mknodat(AT_FDCWD, "/dev/null", S_IFCHR | 0666, makedev(1, 3));
        sys.setrlimit(0, RLIMIT_NOFILE, 1024, RLIM_INFINITY);
        sys.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        sys.prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0);
        sys.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_RAW, 0, 0);
        sys.kill(42, SIGRTMIN + 3);
        sys.openat(AT_FDCWD, "/x", O_WRONLY | O_CREAT | O_TRUNC | 0x4000000, 0640);
        sys.umount2("/old", MNT_DETACH);
        sys.wait4(-1, WNOHANG);
        sys.fcntl(3, F_SETFD, FD_CLOEXEC);
        sys.ioctl(0, TIOCSCTTY, 0);
        sys.socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
        assertEquals(List.of(
                "clone3(CLONE_NEWNS|CLONE_NEWUSER|CLONE_NEWPID, SIGCHLD, 5)",
                "unshare(CLONE_NEWUTS|CLONE_NEWNET)",
                "mknodat(AT_FDCWD, \"/dev/null\", S_IFCHR|0666, makedev(1, 3))",
                "setrlimit(0, RLIMIT_NOFILE, 1024, RLIM_INFINITY)",
                "prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)",
                "prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0)",
                "prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_RAW, 0, 0)",
                "kill(42, SIGRTMIN+3)",
                "openat(AT_FDCWD, \"/x\", O_WRONLY|O_CREAT|O_TRUNC|0x4000000, 0640)",
                "umount2(\"/old\", MNT_DETACH)",
                "wait4(-1, WNOHANG)",
                "fcntl(3, F_SETFD, 1)",
                "ioctl(0, TIOCSCTTY, 0)",
                "socketpair(AF_UNIX, SOCK_SEQPACKET|SOCK_CLOEXEC, 0)"), sys.calls());
    }

    @Test
    void fdsCountUpAndCloneReturnsTheParentSide() {
        RecordingSyscalls sys = new RecordingSyscalls();
        assertEquals(3, sys.openat(AT_FDCWD, "/a", O_RDONLY, 0));
        assertArrayEquals(new int[] {4, 5}, sys.pipe2(0));
        sys.close(3);
        assertEquals(6, sys.socket(AF_UNIX, SOCK_STREAM, 0), "fds are not reused, so lines stay unambiguous");
        assertEquals(RecordingSyscalls.CHILD_PID, sys.clone3(0, SIGCHLD, -1));
        assertEquals(new Syscalls.WaitStatus(RecordingSyscalls.CHILD_PID, 0), sys.wait4(-1, 0));
        assertEquals(RecordingSyscalls.PID, sys.getpid());
        assertEquals(0, sys.geteuid());
        assertEquals(java.util.Set.of(4, 5, 6), sys.openFds());
    }

    @Test
    void scriptedResultsAreUsedInOrderThenTheDefault() {
        RecordingSyscalls sys = new RecordingSyscalls()
                .willReturn("clone3(", 0)
                .willReturn("wait4(", RecordingSyscalls.NO_CHILD, new Syscalls.WaitStatus(77, 9))
                .willReturn("read(7,", "hello".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, sys.clone3(0, SIGCHLD, -1), "the child's side");
        assertEquals(RecordingSyscalls.CHILD_PID, sys.clone3(0, SIGCHLD, -1));
        assertNull(sys.wait4(-1, WNOHANG));
        assertEquals(137, Linux.exitCode(sys.wait4(-1, 0).status()));
        byte[] buf = new byte[10];
        assertEquals(5, sys.read(7, buf, 0, 10));
        assertEquals("hello", new String(buf, 0, 5, StandardCharsets.UTF_8));
        assertEquals(0, sys.read(7, buf, 0, 10));
    }

    @Test
    void filesCanBeReadWrittenListedAndStatted() {
        RecordingSyscalls sys = new RecordingSyscalls()
                .file("/etc/hostname", "box\n")
                .dir("/etc/empty")
                .symlink("/etc/link", "hostname");
        assertEquals("box\n", SysFiles.readString(sys, AT_FDCWD, "/etc/link"));
        SysFiles.writeFile(sys, AT_FDCWD, "/etc/new", "data".getBytes(StandardCharsets.UTF_8), 0666);
        assertEquals("data", sys.text("/etc/new"));
        assertEquals(0644, sys.modeOf("/etc/new"), "the umask (022) applies");

        int dir = sys.openat(AT_FDCWD, "/etc", O_RDONLY | O_DIRECTORY, 0);
        assertEquals(List.of(".", "..", "empty", "hostname", "link", "new"),
                sys.getdents(dir).stream().map(Syscalls.DirEntry::name).toList());
        assertTrue(sys.statx(dir, "empty", 0).isDirectory());
        assertTrue(sys.statx(dir, "link", AT_SYMLINK_NOFOLLOW).isSymlink());
        assertEquals(4, sys.statx(dir, "link", 0).size());
        assertEquals("hostname", sys.readlinkat(dir, "link"));

        JruncException e = assertThrows(JruncException.class, () -> sys.statx(dir, "missing", 0));
        assertEquals("statx missing: no such file or directory", e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void undeclaredPathsOpenAsEmptyUnlessStrict() {
        RecordingSyscalls lenient = new RecordingSyscalls();
        int fd = lenient.openat(AT_FDCWD, "/dev/null", O_RDWR, 0);
        assertEquals(0, lenient.read(fd, new byte[4], 0, 4));
        RecordingSyscalls strict = new RecordingSyscalls().strictPaths();
        JruncException e = assertThrows(JruncException.class, () -> strict.openat(AT_FDCWD, "/dev/null", O_RDWR, 0));
        assertEquals("openat /dev/null: no such file or directory", e.getMessage());
    }

    @Test
    void failAtThrowsWhatTheKernelImplementationWouldAndStillRecords() {
        RecordingSyscalls sys = new RecordingSyscalls().dir("/rootfs").failAt(1, Errno.EPERM);
        JruncException e = assertThrows(JruncException.class, () -> setUpProc(sys));
        assertEquals("mount proc:/rootfs/proc, flags: 0xe: operation not permitted", e.getMessage());
        assertEquals(Errno.EPERM, e.errno());
        assertEquals(2, sys.calls().size());
        assertTrue(sys.lastCall().startsWith("mount("));
    }

    @Test
    void failWhenMatchesEveryCallItDescribes() {
        RecordingSyscalls sys = new RecordingSyscalls().failWhen("close(", Errno.EINTR);
        int fd = sys.openat(AT_FDCWD, "/a", O_RDONLY, 0);
        assertEquals("close fd 3: interrupted system call",
                assertThrows(JruncException.class, () -> sys.close(fd)).getMessage());
        assertEquals("close fd 3: interrupted system call",
                assertThrows(JruncException.class, () -> sys.close(fd)).getMessage());
        RecordingSyscalls byPredicate = new RecordingSyscalls().failWhen(c -> c.contains("\"/x\""), Errno.EACCES);
        byPredicate.openat(AT_FDCWD, "/y", O_RDONLY, 0);
        assertThrows(JruncException.class, () -> byPredicate.openat(AT_FDCWD, "/x", O_RDONLY, 0));
    }

    @Test
    void callsThatCannotFailAreMarkedAndRefuseInjection() {
        RecordingSyscalls sys = new RecordingSyscalls();
        sys.getpid();
        sys.openat(AT_FDCWD, "/a", O_RDONLY, 0);
        sys.umask(022);
        sys.setsid();
        assertEquals(List.of(1, 3), sys.fallibleCallIndexes());
        RecordingSyscalls wrong = new RecordingSyscalls().failAt(0, Errno.EPERM);
        assertThrows(IllegalStateException.class, wrong::getpid);
        RecordingSyscalls broad = new RecordingSyscalls().failWhen(c -> true, Errno.EPERM);
        assertEquals(RecordingSyscalls.PID, broad.getpid(), "a broad rule leaves infallible calls alone");
    }

    @Test
    void injectingAFailureAtEveryStepOfASequence() {
        RecordingSyscalls happy = new RecordingSyscalls().dir("/rootfs");
        setUpProc(happy);
        List<Integer> steps = happy.fallibleCallIndexes();
        assertEquals(5, steps.size());
        for (int step : steps) {
            RecordingSyscalls sys = new RecordingSyscalls().dir("/rootfs").failAt(step, Errno.EIO);
            JruncException e = assertThrows(JruncException.class, () -> setUpProc(sys));
            assertEquals(Errno.EIO, e.errno());
            assertTrue(e.getMessage().endsWith(": input/output error"), e.getMessage());
            assertEquals(happy.calls().get(step), sys.calls().get(step), "the failing call is the one asked for");
            boolean fchdirFailed = step == 3;
            assertEquals(fchdirFailed ? step + 2 : step + 1, sys.calls().size(), "nothing runs after a failure...");
            if (fchdirFailed) {
                assertEquals("close(3)", sys.lastCall(), "...but the finally that closes the fd");
            }
        }
    }

    @Test
    void execAndExitDoNotReturn() {
        RecordingSyscalls sys = new RecordingSyscalls();
        RecordingSyscalls.Exec exec = assertThrows(RecordingSyscalls.Exec.class,
                () -> sys.execve("/bin/sh", List.of("sh", "-c", "true"), List.of("PATH=/bin")));
        assertEquals("/bin/sh", exec.path);
        assertEquals(List.of("sh", "-c", "true"), exec.argv);
        assertEquals("execve(\"/bin/sh\", [\"sh\", \"-c\", \"true\"], [\"PATH=/bin\"])", sys.lastCall());
        assertEquals(3, assertThrows(RecordingSyscalls.Exit.class, () -> sys.exitGroup(3)).status);
        RecordingSyscalls failing = new RecordingSyscalls().failWhen("execve(", Errno.ENOENT);
        assertEquals("exec /bin/sh: no such file or directory", assertThrows(JruncException.class,
                () -> failing.execve("/bin/sh", List.of("sh"), List.of())).getMessage());
    }

    @Test
    void modelFollowsMkdirRenameUnlink() {
        RecordingSyscalls sys = new RecordingSyscalls().dir("/state");
        sys.mkdirat(AT_FDCWD, "/state/c1", 0711);
        SysFiles.writeFile(sys, AT_FDCWD, "/state/c1/state.json", "{}".getBytes(StandardCharsets.UTF_8), 0600);
        assertEquals("mkdirat /state/c1: file exists",
                assertThrows(JruncException.class, () -> sys.mkdirat(AT_FDCWD, "/state/c1", 0711)).getMessage());
        assertEquals(Errno.ENOTEMPTY,
                assertThrows(JruncException.class, () -> sys.unlinkat(AT_FDCWD, "/state/c1", AT_REMOVEDIR)).errno());
        sys.renameat2(AT_FDCWD, "/state/c1", AT_FDCWD, "/state/c2", 0);
        assertFalse(sys.has("/state/c1/state.json"));
        assertEquals("{}", sys.text("/state/c2/state.json"));
        SysFiles.removeRecursive(sys, AT_FDCWD, "/state/c2");
        assertFalse(sys.has("/state/c2"));
        assertTrue(sys.has("/state"));
    }

    @Test
    void fakeWriteAndReadEscapeTheirBytes() {
        RecordingSyscalls sys = new RecordingSyscalls();
        sys.write(1, "a\"b\n\0".getBytes(StandardCharsets.UTF_8), 0, 5);
        assertEquals("write(1, \"a\\\"b\\n\\0\")", sys.lastCall());
    }

    @Test
    void procSelfFdIsAMagicLinkToWhereTheFdWasOpened() {
        RecordingSyscalls sys = new RecordingSyscalls().strictPaths().dir("/bundle/rootfs/dev").file("/bundle/rootfs/etc/hosts", "h");
        int rootfs = sys.openat(AT_FDCWD, "/bundle/rootfs", O_PATH | O_DIRECTORY, 0);
        assertEquals("/bundle/rootfs", sys.readlinkat(AT_FDCWD, "/proc/self/fd/" + rootfs));
        assertEquals("/bundle/rootfs", sys.readlinkat(AT_FDCWD, "/proc/thread-self/fd/" + rootfs));
        assertEquals("h", SysFiles.readString(sys, AT_FDCWD, "/proc/self/fd/" + rootfs + "/etc/hosts"));
        sys.mkdirat(AT_FDCWD, "/proc/self/fd/" + rootfs + "/dev/pts", 0755);
        assertTrue(sys.has("/bundle/rootfs/dev/pts"));
        assertTrue(sys.statx(AT_FDCWD, "/proc/self/fd/" + rootfs, 0).isDirectory());
        assertTrue(sys.statx(AT_FDCWD, "/proc/self/fd/" + rootfs, AT_SYMLINK_NOFOLLOW).isSymlink());
        int reopened = sys.openat(AT_FDCWD, "/proc/self/fd/" + rootfs, O_RDONLY | O_DIRECTORY, 0);
        assertEquals("/bundle/rootfs", sys.readlinkat(AT_FDCWD, "/proc/self/fd/" + reopened));
        sys.close(rootfs);
        assertThrows(JruncException.class, () -> sys.readlinkat(AT_FDCWD, "/proc/self/fd/" + rootfs),
                "a closed fd has no magic link");
    }
}

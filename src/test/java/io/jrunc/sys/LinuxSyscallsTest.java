package io.jrunc.sys;

import io.jrunc.JruncException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.jrunc.sys.Linux.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link LinuxSyscalls} against the running kernel, checked with what the JDK and /proc say.
 * Nothing here forks (the JVM is multi-threaded); process calls are exercised on children the
 * JDK starts.
 */
class LinuxSyscallsTest {
    private final Syscalls sys = Syscalls.linux();
    private final List<Integer> opened = new ArrayList<>();

    @TempDir
    Path tmp;

    private int track(int fd) {
        opened.add(fd);
        return fd;
    }

    @AfterEach
    void closeEverything() {
        for (int fd : opened) {
            try {
                sys.close(fd);
            } catch (JruncException alreadyClosed) {
                // some tests close on purpose
            }
        }
    }

    private int openDir(Path dir) {
        return track(sys.openat(AT_FDCWD, dir.toString(), O_RDONLY | O_DIRECTORY, 0));
    }

    private String readAll(int fd) {
        return new String(SysFiles.readAll(sys, fd), StandardCharsets.UTF_8);
    }

    private static String procStatus(String file, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of(file))) {
            if (line.startsWith(key + ":")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        throw new AssertionError(key + " not in " + file);
    }

    private void assumeRoot() {
        assumeTrue(sys.geteuid() == 0, "needs root");
    }

    // ---- identity and system -------------------------------------------------------------------

    @Test
    void unameMatchesProc() throws IOException {
        Syscalls.Uname u = sys.uname();
        assertEquals("Linux", u.sysname());
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip(), u.release());
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), u.nodename());
        assertEquals("x86_64", u.machine());
    }

    @Test
    void processIdentityMatchesTheJdk() throws IOException {
        assertEquals(ProcessHandle.current().pid(), sys.getpid());
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), sys.getppid());
        assertTrue(sys.gettid() > 0);
        String[] uids = procStatus("/proc/self/status", "Uid").split("\\s+");
        assertEquals(Integer.parseInt(uids[0]), sys.getuid());
        assertEquals(Integer.parseInt(uids[1]), sys.geteuid());
        String[] gids = procStatus("/proc/self/status", "Gid").split("\\s+");
        assertEquals(Integer.parseInt(gids[0]), sys.getgid());
        assertEquals(Integer.parseInt(gids[1]), sys.getegid());
    }

    @Test
    void environmentIsWhatTheProcessWasStartedWith() {
        Map<String, String> fromProc = new HashMap<>();
        for (String entry : sys.environment()) {
            int eq = entry.indexOf('=');
            fromProc.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        assertEquals(new TreeMap<>(System.getenv()), new TreeMap<>(fromProc));
    }

    @Test
    void getcwdIsTheJvmsWorkingDirectory() throws IOException {
        assertEquals(Path.of(System.getProperty("user.dir")).toRealPath().toString(), sys.getcwd());
    }

    @Test
    void getrlimitMatchesProcLimits() throws IOException {
        long[] nofile = sys.getrlimit(0, RLIMIT_NOFILE);
        String line = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow();
        String[] words = line.substring("Max open files".length()).strip().split("\\s+");
        assertEquals(Long.parseLong(words[0]), nofile[0]);
        assertEquals(Long.parseLong(words[1]), nofile[1]);
        // setting what is already there must succeed and change nothing
        sys.setrlimit(0, RLIMIT_NOFILE, nofile[0], nofile[1]);
        assertArrayEquals(nofile, sys.getrlimit(0, RLIMIT_NOFILE));
    }

    @Test
    void unknownRlimitIsInvalid() {
        JruncException e = assertThrows(JruncException.class, () -> sys.getrlimit(0, 99));
        assertEquals("getrlimit 99: invalid argument", e.getMessage());
    }

    @Test
    void sigprocmaskRoundTrip() throws IOException {
        int sig = SIGRTMIN + 6; // not one the JVM uses
        long before = sys.sigprocmask(SIG_BLOCK, sigmask(sig));
        try {
            long blocked = Long.parseUnsignedLong(procStatus("/proc/thread-self/status", "SigBlk"), 16);
            assertEquals(sigmask(sig), blocked & sigmask(sig));
            long during = sys.sigprocmask(SIG_BLOCK, 0);
            assertEquals(before | sigmask(sig), during);
        } finally {
            sys.sigprocmask(SIG_SETMASK, before);
        }
        assertEquals(before, sys.sigprocmask(SIG_BLOCK, 0));
    }

    @Test
    void signalDispositionShowsInProcStatus() throws IOException {
        int sig = SIGRTMIN + 7;
        sys.setSignalDisposition(sig, true);
        try {
            long ignored = Long.parseUnsignedLong(procStatus("/proc/self/status", "SigIgn"), 16);
            assertEquals(sigmask(sig), ignored & sigmask(sig));
        } finally {
            sys.setSignalDisposition(sig, false);
        }
        long ignored = Long.parseUnsignedLong(procStatus("/proc/self/status", "SigIgn"), 16);
        assertEquals(0, ignored & sigmask(sig));
    }

    @Test
    void signalfdIsCloseOnExec() {
        int fd = track(sys.signalfd(-1, sigmask(SIGRTMIN + 8), 0));
        assertEquals(FD_CLOEXEC, sys.fcntl(fd, F_GETFD, 0));
    }

    @Test
    void capgetMatchesProcStatus() throws IOException {
        Syscalls.CapabilitySets caps = sys.capget(0);
        assertEquals(Long.parseUnsignedLong(procStatus("/proc/thread-self/status", "CapEff"), 16), caps.effective());
        assertEquals(Long.parseUnsignedLong(procStatus("/proc/thread-self/status", "CapPrm"), 16), caps.permitted());
        assertEquals(Long.parseUnsignedLong(procStatus("/proc/thread-self/status", "CapInh"), 16), caps.inheritable());
    }

    @Test
    void capsetOfTheCurrentSetsChangesNothing() {
        Syscalls.CapabilitySets caps = sys.capget(0);
        sys.capset(caps);
        assertEquals(caps, sys.capget(0));
    }

    @Test
    void prctlReadsNoNewPrivs() throws IOException {
        assertEquals(Long.parseLong(procStatus("/proc/self/status", "NoNewPrivs")),
                sys.prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    }

    @Test
    void umaskRoundTrip() {
        int old = sys.umask(027);
        try {
            assertEquals(027, sys.umask(old));
        } finally {
            sys.umask(old);
        }
    }

    @Test
    void getrandomFillsTheBuffer() {
        byte[] a = new byte[64];
        byte[] b = new byte[64];
        sys.getrandom(a);
        sys.getrandom(b);
        assertFalse(java.util.Arrays.equals(a, b));
    }

    @Test
    void statfsKnowsProc() {
        assertEquals(PROC_SUPER_MAGIC, sys.statfs("/proc").type());
        int fd = track(sys.openat(AT_FDCWD, "/proc", O_RDONLY | O_DIRECTORY, 0));
        assertEquals(PROC_SUPER_MAGIC, sys.fstatfs(fd).type());
    }

    @Test
    void seccompKnowsItsActions() {
        assertTrue(sys.seccompActionAvailable(SECCOMP_RET_ALLOW));
        assertTrue(sys.seccompActionAvailable(SECCOMP_RET_ERRNO));
        assertFalse(sys.seccompActionAvailable(0x12340000));
    }

    // ---- files ---------------------------------------------------------------------------------

    @Test
    void openatOfAMissingFileSaysSoInGosWords() {
        JruncException e = assertThrows(JruncException.class,
                () -> sys.openat(AT_FDCWD, "/nonexistent-jrunc/x", O_RDONLY, 0));
        assertEquals("openat /nonexistent-jrunc/x: no such file or directory", e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void aPathWithANulIsInvalidBeforeTheKernelSeesIt() {
        JruncException e = assertThrows(JruncException.class, () -> sys.openat(AT_FDCWD, "/tmp/a\0b", O_RDONLY, 0));
        assertEquals(Errno.EINVAL, e.errno());
    }

    @Test
    void openedFilesAreCloseOnExecAndDup3CanMakeThemInheritable() throws IOException {
        Files.writeString(tmp.resolve("f"), "x");
        int fd = track(sys.openat(AT_FDCWD, tmp.resolve("f").toString(), O_RDONLY, 0));
        assertEquals(FD_CLOEXEC, sys.fcntl(fd, F_GETFD, 0));
        int copy = track(sys.fcntl(fd, F_DUPFD_CLOEXEC, 100));
        assertTrue(copy >= 100);
        int target = copy + 1;
        assertEquals(target, track(sys.dup3(fd, target, 0)));
        assertEquals(0, sys.fcntl(target, F_GETFD, 0));
    }

    @Test
    void writeReadLseekOnAFile() {
        int dir = openDir(tmp);
        int fd = track(sys.openat(dir, "data", O_RDWR | O_CREAT | O_EXCL, 0600));
        byte[] hello = "hello, world".getBytes(StandardCharsets.UTF_8);
        assertEquals(5, sys.write(fd, hello, 7, 5));
        assertEquals(0, sys.lseek(fd, 0, SEEK_SET));
        byte[] buf = new byte[10];
        assertEquals(5, sys.read(fd, buf, 2, 8));
        assertEquals("world", new String(buf, 2, 5, StandardCharsets.UTF_8));
        sys.ftruncate(fd, 2);
        sys.fsync(fd);
        assertEquals(2, sys.statx(fd, "", AT_EMPTY_PATH).size());
        JruncException e = assertThrows(JruncException.class, () -> sys.openat(dir, "data", O_RDWR | O_CREAT | O_EXCL, 0600));
        assertEquals("openat data: file exists", e.getMessage());
    }

    @Test
    void getdentsListsWhatIsInADirectory() throws IOException {
        Files.writeString(tmp.resolve("a"), "1");
        Files.writeString(tmp.resolve("b"), "2");
        Files.createDirectory(tmp.resolve("c"));
        Files.createSymbolicLink(tmp.resolve("d"), Path.of("a"));
        int fd = openDir(tmp);
        Map<String, Integer> types = sys.getdents(fd).stream()
                .collect(Collectors.toMap(Syscalls.DirEntry::name, Syscalls.DirEntry::type));
        assertEquals(Map.of(".", DT_DIR, "..", DT_DIR, "a", DT_REG, "b", DT_REG, "c", DT_DIR, "d", DT_LNK), types);
        assertEquals(List.of(), sys.getdents(fd), "the position is at the end now");
    }

    @Test
    void getdentsOfAManyEntryDirectoryNeedsSeveralCalls() throws IOException {
        for (int i = 0; i < 1500; i++) {
            Files.createFile(tmp.resolve("entry-with-a-rather-long-name-" + i));
        }
        assertEquals(1502, sys.getdents(openDir(tmp)).size());
    }

    @Test
    void statxReportsTypeSizeModeAndInode() throws IOException {
        Path f = tmp.resolve("f");
        Files.writeString(f, "12345");
        Files.createSymbolicLink(tmp.resolve("l"), Path.of("f"));
        int dir = openDir(tmp);
        sys.fchmodat(dir, "f", 0640);
        Syscalls.FileStat st = sys.statx(dir, "f", 0);
        assertTrue(st.isRegular());
        assertEquals(5, st.size());
        assertEquals(0640, st.mode() & 07777);
        assertEquals(((Number) Files.getAttribute(f, "unix:ino")).longValue(), st.inode());
        assertEquals(1, st.nlink());
        assertTrue(st.mountId() > 0);
        assertTrue(sys.statx(dir, "l", AT_SYMLINK_NOFOLLOW).isSymlink());
        assertEquals(st.inode(), sys.statx(dir, "l", 0).inode());
        assertTrue(sys.statx(AT_FDCWD, tmp.toString(), 0).isDirectory());
        assertEquals("statx nope: no such file or directory",
                assertThrows(JruncException.class, () -> sys.statx(dir, "nope", 0)).getMessage());
    }

    @Test
    void readlinkatGivesTheTarget() throws IOException {
        Files.createSymbolicLink(tmp.resolve("l"), Path.of("../some/where"));
        int dir = openDir(tmp);
        assertEquals("../some/where", sys.readlinkat(dir, "l"));
        Files.writeString(tmp.resolve("f"), "");
        assertEquals(Errno.EINVAL, assertThrows(JruncException.class, () -> sys.readlinkat(dir, "f")).errno());
    }

    @Test
    void mkdirSymlinkRenameUnlink() {
        int dir = openDir(tmp);
        sys.mkdirat(dir, "d", 0700);
        assertEquals("mkdirat d: file exists",
                assertThrows(JruncException.class, () -> sys.mkdirat(dir, "d", 0700)).getMessage());
        sys.symlinkat("d", dir, "l");
        sys.mknodat(dir, "fifo", S_IFIFO | 0600, 0);
        assertEquals(S_IFIFO, sys.statx(dir, "fifo", 0).fileType());
        JruncException e = assertThrows(JruncException.class, () -> sys.renameat2(dir, "fifo", dir, "l", RENAME_NOREPLACE));
        assertEquals("renameat2 fifo l: file exists", e.getMessage());
        sys.renameat2(dir, "fifo", dir, "fifo2", 0);
        assertEquals(Errno.EISDIR, assertThrows(JruncException.class, () -> sys.unlinkat(dir, "d", 0)).errno());
        sys.unlinkat(dir, "d", AT_REMOVEDIR);
        sys.unlinkat(dir, "l", 0);
        sys.unlinkat(dir, "fifo2", 0);
        assertEquals(List.of(".", ".."), sys.getdents(openDir(tmp)).stream().map(Syscalls.DirEntry::name).sorted().toList());
    }

    @Test
    void faccessat() throws IOException {
        Files.writeString(tmp.resolve("f"), "");
        sys.faccessat(AT_FDCWD, tmp.resolve("f").toString(), R_OK | W_OK, 0);
        assertEquals(Errno.ENOENT, assertThrows(JruncException.class,
                () -> sys.faccessat(AT_FDCWD, tmp.resolve("g").toString(), F_OK, 0)).errno());
    }

    @Test
    void memfdIsCloseOnExecAndHoldsData() {
        int fd = track(sys.memfdCreate("jrunc-test", 0));
        assertEquals(FD_CLOEXEC, sys.fcntl(fd, F_GETFD, 0));
        SysFiles.writeAll(sys, fd, "payload".getBytes(StandardCharsets.UTF_8));
        sys.lseek(fd, 0, SEEK_SET);
        assertEquals("payload", readAll(fd));
        assertTrue(sys.readlinkat(AT_FDCWD, "/proc/self/fd/" + fd).startsWith("/memfd:jrunc-test"));
    }

    @Test
    void closeRangeClosesEveryFdInIt() {
        int[] p = sys.pipe2(0);
        int a = sys.fcntl(p[0], F_DUPFD_CLOEXEC, 200);
        int b = sys.fcntl(p[0], F_DUPFD_CLOEXEC, a + 1);
        track(p[0]);
        track(p[1]);
        sys.closeRange(a, b, 0);
        assertEquals(Errno.EBADF, assertThrows(JruncException.class, () -> sys.fcntl(a, F_GETFD, 0)).errno());
        assertEquals(Errno.EBADF, assertThrows(JruncException.class, () -> sys.fcntl(b, F_GETFD, 0)).errno());
    }

    @Test
    void closeOfABadFd() {
        JruncException e = assertThrows(JruncException.class, () -> sys.close(987654));
        assertEquals("close fd 987654: bad file descriptor", e.getMessage());
    }

    // ---- openat2 -------------------------------------------------------------------------------

    /** root/escape -> absolute path of outside/secret, which also exists under root with other content. */
    private int rootWithEscapingLinks() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("secret"), "outside");
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path shadow = root.resolve(secret.toString().substring(1));
        Files.createDirectories(shadow.getParent());
        Files.writeString(shadow, "inside");
        Files.createSymbolicLink(root.resolve("escape"), secret);
        Files.createSymbolicLink(root.resolve("up"), Path.of("../outside/secret"));
        return openDir(root);
    }

    @Test
    void openat2InRootResolvesAbsoluteSymlinksInsideTheRoot() throws IOException {
        int root = rootWithEscapingLinks();
        assertEquals("outside", readAll(track(sys.openat(root, "escape", O_RDONLY, 0))), "plain openat escapes");
        assertEquals("inside", readAll(track(sys.openat2(root, "escape", O_RDONLY, 0, RESOLVE_IN_ROOT))));
        JruncException e = assertThrows(JruncException.class, () -> sys.openat2(root, "up", O_RDONLY, 0, RESOLVE_IN_ROOT));
        assertEquals(Errno.ENOENT, e.errno(), "../ stops at the root, where outside/ does not exist");
    }

    @Test
    void openat2RefusesSymlinksThatWouldEscape() throws IOException {
        int root = rootWithEscapingLinks();
        JruncException noSymlinks = assertThrows(JruncException.class,
                () -> sys.openat2(root, "escape", O_RDONLY, 0, RESOLVE_NO_SYMLINKS));
        assertEquals("openat2 escape: too many levels of symbolic links", noSymlinks.getMessage());
        assertEquals(Errno.ELOOP, noSymlinks.errno());
        JruncException beneathRelative = assertThrows(JruncException.class,
                () -> sys.openat2(root, "up", O_RDONLY, 0, RESOLVE_BENEATH));
        assertEquals("openat2 up: invalid cross-device link", beneathRelative.getMessage());
        JruncException beneathAbsolute = assertThrows(JruncException.class,
                () -> sys.openat2(root, "escape", O_RDONLY, 0, RESOLVE_BENEATH));
        assertEquals(Errno.EXDEV, beneathAbsolute.errno());
    }

    @Test
    void openat2IsCloseOnExec() throws IOException {
        int root = rootWithEscapingLinks();
        int fd = track(sys.openat2(root, ".", O_RDONLY | O_DIRECTORY, 0, RESOLVE_BENEATH));
        assertEquals(FD_CLOEXEC, sys.fcntl(fd, F_GETFD, 0));
    }

    // ---- pipes, sockets, poll ------------------------------------------------------------------

    @Test
    void pipeCarriesBytesAndIsCloseOnExec() {
        int[] p = sys.pipe2(0);
        track(p[0]);
        track(p[1]);
        assertEquals(FD_CLOEXEC, sys.fcntl(p[0], F_GETFD, 0));
        assertEquals(FD_CLOEXEC, sys.fcntl(p[1], F_GETFD, 0));
        byte[] msg = "ping".getBytes(StandardCharsets.UTF_8);
        assertEquals(4, sys.write(p[1], msg, 0, 4));
        byte[] buf = new byte[16];
        assertEquals(4, sys.read(p[0], buf, 0, 16));
        assertEquals("ping", new String(buf, 0, 4, StandardCharsets.UTF_8));
    }

    @Test
    void pollSaysWhichFdIsReadable() {
        int[] p = sys.pipe2(O_NONBLOCK);
        track(p[0]);
        track(p[1]);
        assertEquals(0, sys.poll(new int[] {p[0]}, new short[] {POLLIN}, 0).length, "nothing to read yet");
        sys.write(p[1], new byte[] {1}, 0, 1);
        short[] revents = sys.poll(new int[] {p[0], p[1]}, new short[] {POLLIN, POLLIN}, 1000);
        assertEquals(POLLIN, revents[0] & POLLIN);
        assertEquals(0, revents[1] & POLLIN);
        sys.close(p[1]);
        assertEquals(POLLHUP, sys.poll(new int[] {p[0]}, new short[] {POLLIN}, 1000)[0] & POLLHUP);
    }

    @Test
    void socketpairPassesAnFdWithItsData() {
        int[] s = sys.socketpair(AF_UNIX, SOCK_STREAM, 0);
        track(s[0]);
        track(s[1]);
        assertEquals(FD_CLOEXEC, sys.fcntl(s[0], F_GETFD, 0));
        int[] p = sys.pipe2(0);
        track(p[0]);
        track(p[1]);
        assertEquals(3, sys.sendFd(s[0], "pty".getBytes(StandardCharsets.UTF_8), p[1]));
        Syscalls.ReceivedFd got = sys.recvFd(s[1], 64);
        track(got.fd());
        assertEquals("pty", new String(got.data(), StandardCharsets.UTF_8));
        assertNotEquals(p[1], got.fd());
        assertEquals(FD_CLOEXEC, sys.fcntl(got.fd(), F_GETFD, 0));
        sys.write(got.fd(), new byte[] {'!'}, 0, 1);
        byte[] b = new byte[1];
        assertEquals(1, sys.read(p[0], b, 0, 1));
        assertEquals('!', b[0]);
    }

    @Test
    void aMessageWithoutAnFdReceivesMinusOne() {
        int[] s = sys.socketpair(AF_UNIX, SOCK_SEQPACKET, 0);
        track(s[0]);
        track(s[1]);
        sys.sendFd(s[0], new byte[] {42}, -1);
        Syscalls.ReceivedFd got = sys.recvFd(s[1], 8);
        assertEquals(-1, got.fd());
        assertArrayEquals(new byte[] {42}, got.data());
    }

    @Test
    void unixSocketBindListenConnectAccept() {
        String path = tmp.resolve("console.sock").toString();
        int server = track(sys.socket(AF_UNIX, SOCK_STREAM, 0));
        sys.bind(server, path);
        sys.listen(server, 1);
        int client = track(sys.socket(AF_UNIX, SOCK_STREAM, 0));
        sys.connect(client, path);
        int conn = track(sys.accept4(server, 0));
        assertEquals(FD_CLOEXEC, sys.fcntl(conn, F_GETFD, 0));
        sys.write(client, new byte[] {7}, 0, 1);
        byte[] b = new byte[1];
        assertEquals(1, sys.read(conn, b, 0, 1));
        assertEquals(7, b[0]);
        assertTrue(sys.statx(AT_FDCWD, path, 0).fileType() == S_IFSOCK);
    }

    @Test
    void abstractUnixSocket() {
        String name = "@jrunc-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        int server = track(sys.socket(AF_UNIX, SOCK_STREAM, 0));
        sys.bind(server, name);
        sys.listen(server, 1);
        int client = track(sys.socket(AF_UNIX, SOCK_STREAM, 0));
        sys.connect(client, name);
        track(sys.accept4(server, 0));
    }

    @Test
    void connectToNothing() {
        int client = track(sys.socket(AF_UNIX, SOCK_STREAM, 0));
        String path = tmp.resolve("nobody-here").toString();
        JruncException e = assertThrows(JruncException.class, () -> sys.connect(client, path));
        assertEquals("connect " + path + ": no such file or directory", e.getMessage());
        String tooLong = "/" + "x".repeat(120);
        assertEquals(Errno.EINVAL, assertThrows(JruncException.class, () -> sys.connect(client, tooLong)).errno());
    }

    // ---- terminals -----------------------------------------------------------------------------

    @Test
    void aPipeIsNoTerminal() {
        int[] p = sys.pipe2(0);
        track(p[0]);
        track(p[1]);
        JruncException e = assertThrows(JruncException.class, () -> sys.tcgetattr(p[0]));
        assertEquals(Errno.ENOTTY, e.errno());
        assertTrue(e.getMessage().endsWith(": inappropriate ioctl for device"));
    }

    @Test
    void ptyMasterAndPeer() {
        assumeTrue(Files.exists(Path.of("/dev/ptmx")), "no /dev/ptmx");
        int master = track(sys.openat(AT_FDCWD, "/dev/ptmx", O_RDWR | O_NOCTTY, 0));
        sys.ioctlSetInt(master, TIOCSPTLCK, 0);
        int number = sys.ioctlGetInt(master, TIOCGPTN);
        assertTrue(number >= 0);
        int peer = track(sys.ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC));
        assertEquals("/dev/pts/" + number, sys.readlinkat(AT_FDCWD, "/proc/self/fd/" + peer));

        sys.setWinsize(master, new Syscalls.WindowSize(33, 120));
        assertEquals(new Syscalls.WindowSize(33, 120), sys.getWinsize(peer));

        Syscalls.Termios cooked = sys.tcgetattr(peer);
        assertTrue((cooked.lflag() & ECHO) != 0, "a new pty echoes");
        sys.tcsetattr(peer, TCSANOW, cooked.raw());
        Syscalls.Termios raw = sys.tcgetattr(peer);
        assertEquals(0, raw.lflag() & (ECHO | ICANON | ISIG));
        assertEquals(1, raw.cc()[VMIN]);
    }

    // ---- processes (children the JDK started) --------------------------------------------------

    @Test
    void killEndsAChild() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        try {
            sys.kill((int) child.pid(), SIGKILL);
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void pidfdSignalsAChild() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        try {
            int pidfd = track(sys.pidfdOpen((int) child.pid(), 0));
            assertEquals(FD_CLOEXEC, sys.fcntl(pidfd, F_GETFD, 0));
            sys.pidfdSendSignal(pidfd, SIGTERM);
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            assertEquals(128 + SIGTERM, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void killOfNoProcess() {
        JruncException e = assertThrows(JruncException.class, () -> sys.kill(Integer.MAX_VALUE, 0));
        assertEquals(Errno.ESRCH, e.errno());
        assertEquals("kill 2147483647 SIG0: no such process", e.getMessage());
    }

    // ---- bpf (root) ----------------------------------------------------------------------------

    private static final byte[] ALLOW_ALL = java.util.HexFormat.of().parseHex(
            "b700000001000000" // r0 = 1
            + "9500000000000000"); // exit

    @Test
    void bpfLoadsADeviceProgram() {
        assumeRoot();
        int fd = track(sys.bpfProgLoad(BPF_PROG_TYPE_CGROUP_DEVICE, ALLOW_ALL, "Apache", BPF_CGROUP_DEVICE));
        assertTrue(sys.readlinkat(AT_FDCWD, "/proc/self/fd/" + fd).contains("bpf-prog"));
    }

    @Test
    void bpfRejectionCarriesTheVerifierLog() {
        assumeRoot();
        byte[] noExit = java.util.Arrays.copyOf(ALLOW_ALL, 8);
        JruncException e = assertThrows(JruncException.class,
                () -> sys.bpfProgLoad(BPF_PROG_TYPE_CGROUP_DEVICE, noExit, "Apache", BPF_CGROUP_DEVICE));
        assertTrue(e.getMessage().startsWith("bpf prog load: "), e.getMessage());
        assertTrue(e.getMessage().length() > "bpf prog load: invalid argument".length(), e.getMessage());
    }

    @Test
    void bpfQueryOfACgroup2Directory() throws IOException {
        assumeRoot();
        String cgroup2 = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .map(l -> l.split(" ")).filter(f -> f[2].equals("cgroup2")).map(f -> f[1]).findFirst().orElse(null);
        assumeTrue(cgroup2 != null, "no cgroup2 mounted");
        assertEquals(CGROUP2_SUPER_MAGIC, sys.statfs(cgroup2).type());
        int cg = track(sys.openat(AT_FDCWD, cgroup2, O_RDONLY | O_DIRECTORY, 0));
        int[] ids = sys.bpfProgQuery(cg, BPF_CGROUP_DEVICE);
        for (int id : ids) {
            assertTrue(id > 0);
        }
    }
}

package io.jrunc.sys;

import io.jrunc.JruncException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.jrunc.sys.Linux.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * {@link Syscalls} on the real kernel through {@link SyscallBinding#RAW}. Every call takes its
 * native memory from a confined arena that lives for that call only (shared arenas do not work
 * in the native image). Failures become {@link Errno#exception} with the text of {@link FailureText}.
 */
public final class LinuxSyscalls implements Syscalls {
    public static final LinuxSyscalls INSTANCE = new LinuxSyscalls(SyscallBinding.RAW);

    private static final int EINTR = Errno.EINTR;
    private static final long NULL = 0L;

    private final RawSyscall raw;

    /** For tests that put a scripted {@link RawSyscall} under the real marshalling; production uses {@link #INSTANCE}. */
    LinuxSyscalls(RawSyscall raw) {
        this.raw = raw;
    }

    // ---- plumbing ------------------------------------------------------------------------------

    private long call(long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
        return raw.call(nr, a1, a2, a3, a4, a5, a6);
    }

    private long call(long nr, long a1, long a2, long a3, long a4, long a5) {
        return raw.call(nr, a1, a2, a3, a4, a5, 0);
    }

    private long call(long nr, long a1, long a2, long a3, long a4) {
        return raw.call(nr, a1, a2, a3, a4, 0, 0);
    }

    private long call(long nr, long a1, long a2, long a3) {
        return raw.call(nr, a1, a2, a3, 0, 0, 0);
    }

    private long call(long nr, long a1, long a2) {
        return raw.call(nr, a1, a2, 0, 0, 0, 0);
    }

    private long call(long nr, long a1) {
        return raw.call(nr, a1, 0, 0, 0, 0, 0);
    }

    /** The same call again while a signal interrupts it. */
    private long retrying(long nr, long a1, long a2, long a3, long a4, long a5) {
        long r;
        do {
            r = raw.call(nr, a1, a2, a3, a4, a5, 0);
        } while (r == -EINTR);
        return r;
    }

    private static long check(long r, String what) {
        if (r < 0) {
            throw Errno.exception((int) -r, what);
        }
        return r;
    }

    private static int checkInt(long r, String what) {
        return (int) check(r, what);
    }

    /** A NUL-terminated UTF-8 copy; an embedded NUL is EINVAL, as Go's BytePtrFromString says. */
    private static MemorySegment cstr(Arena arena, String s, String what) {
        if (s.indexOf('\0') >= 0) {
            throw Errno.exception(Errno.EINVAL, what);
        }
        return arena.allocateFrom(s);
    }

    private static long cstrOrNull(Arena arena, String s, String what) {
        return s == null ? NULL : cstr(arena, s, what).address();
    }

    private static MemorySegment bytes(Arena arena, byte[] b, int off, int len) {
        MemorySegment seg = arena.allocate(Math.max(1, len));
        MemorySegment.copy(b, off, seg, JAVA_BYTE, 0, len);
        return seg;
    }

    // ---- files ---------------------------------------------------------------------------------

    @Override
    public int openat(int dirfd, String path, int flags, int mode) {
        String what = FailureText.path("openat", path);
        try (Arena arena = Arena.ofConfined()) {
            long p = cstr(arena, path, what).address();
            return checkInt(retrying(SYS_openat, dirfd, p, flags | O_CLOEXEC, mode, 0), what);
        }
    }

    @Override
    public int openat2(int dirfd, String path, long flags, long mode, long resolve) {
        String what = FailureText.path("openat2", path);
        try (Arena arena = Arena.ofConfined()) {
            long p = cstr(arena, path, what).address();
            MemorySegment how = arena.allocate(Structs.OpenHow.LAYOUT);
            Structs.OpenHow.FLAGS.set(how, 0L, flags | O_CLOEXEC);
            Structs.OpenHow.MODE.set(how, 0L, mode);
            Structs.OpenHow.RESOLVE.set(how, 0L, resolve);
            return checkInt(retrying(SYS_openat2, dirfd, p, how.address(), how.byteSize(), 0), what);
        }
    }

    @Override
    public int read(int fd, byte[] buf, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(Math.max(1, len));
            int n = checkInt(retrying(SYS_read, fd, seg.address(), len, 0, 0), FailureText.fd("read", fd));
            MemorySegment.copy(seg, JAVA_BYTE, 0, buf, off, n);
            return n;
        }
    }

    @Override
    public int write(int fd, byte[] buf, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = bytes(arena, buf, off, len);
            return checkInt(retrying(SYS_write, fd, seg.address(), len, 0, 0), FailureText.fd("write", fd));
        }
    }

    @Override
    public void close(int fd) {
        // never retried: on Linux the fd is gone even when close reports EINTR
        check(call(SYS_close, fd), FailureText.fd("close", fd));
    }

    @Override
    public List<DirEntry> getdents(int dirFd) {
        List<DirEntry> out = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(32 * 1024, 8);
            while (true) {
                long n = check(call(SYS_getdents64, dirFd, buf.address(), buf.byteSize()),
                        FailureText.fd("getdents64", dirFd));
                if (n == 0) {
                    return out;
                }
                out.addAll(Structs.Dirent64.parse(buf, n));
            }
        }
    }

    @Override
    public void mkdirat(int dirfd, String path, int mode) {
        String what = FailureText.path("mkdirat", path);
        try (Arena arena = Arena.ofConfined()) {
            check(call(SYS_mkdirat, dirfd, cstr(arena, path, what).address(), mode), what);
        }
    }

    @Override
    public void mknodat(int dirfd, String path, int mode, long dev) {
        String what = FailureText.path("mknodat", path);
        try (Arena arena = Arena.ofConfined()) {
            check(call(SYS_mknodat, dirfd, cstr(arena, path, what).address(), mode, dev), what);
        }
    }

    @Override
    public void unlinkat(int dirfd, String path, int flags) {
        String what = FailureText.path("unlinkat", path);
        try (Arena arena = Arena.ofConfined()) {
            check(call(SYS_unlinkat, dirfd, cstr(arena, path, what).address(), flags), what);
        }
    }

    @Override
    public void renameat2(int oldDirfd, String oldPath, int newDirfd, String newPath, int flags) {
        String what = FailureText.twoPaths("renameat2", oldPath, newPath);
        try (Arena arena = Arena.ofConfined()) {
            check(call(SYS_renameat2, oldDirfd, cstr(arena, oldPath, what).address(),
                    newDirfd, cstr(arena, newPath, what).address(), flags), what);
        }
    }

    @Override
    public void symlinkat(String target, int dirfd, String linkPath) {
        String what = FailureText.twoPaths("symlinkat", target, linkPath);
        try (Arena arena = Arena.ofConfined()) {
            check(call(SYS_symlinkat, cstr(arena, target, what).address(), dirfd,
                    cstr(arena, linkPath, what).address()), what);
        }
    }

    @Override
    public String readlinkat(int dirfd, String path) {
        String what = FailureText.pathOrFd("readlinkat", dirfd, path);
        try (Arena arena = Arena.ofConfined()) {
            long p = cstr(arena, path, what).address();
            // the kernel never stores a link target longer than PATH_MAX
            MemorySegment buf = arena.allocate(4096);
            int n = checkInt(call(SYS_readlinkat, dirfd, p, buf.address(), buf.byteSize()), what);
            byte[] b = new byte[n];
            MemorySegment.copy(buf, JAVA_BYTE, 0, b, 0, n);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    @Override
    public FileStat statx(int dirfd, String path, int flags) {
        String what = FailureText.pathOrFd("statx", dirfd, path);
        try (Arena arena = Arena.ofConfined()) {
            long p = cstr(arena, path, what).address();
            MemorySegment st = arena.allocate(Structs.Statx.LAYOUT);
            check(call(SYS_statx, dirfd, p, flags | AT_STATX_SYNC_AS_STAT,
                    STATX_BASIC_STATS | STATX_MNT_ID, st.address()), what);
            return Structs.Statx.decode(st);
        }
    }

    @Override
    public void fchmodat(int dirfd, String path, int mode) {
        String what = FailureText.path("fchmodat", path);
        try (Arena arena = Arena.ofConfined()) {
            check(call(SYS_fchmodat, dirfd, cstr(arena, path, what).address(), mode), what);
        }
    }

    @Override
    public void fchownat(int dirfd, String path, int uid, int gid, int flags) {
        String what = FailureText.pathOrFd("fchownat", dirfd, path);
        try (Arena arena = Arena.ofConfined()) {
            check(call(SYS_fchownat, dirfd, cstr(arena, path, what).address(), uid, gid, flags), what);
        }
    }

    @Override
    public void ftruncate(int fd, long length) {
        check(call(SYS_ftruncate, fd, length), FailureText.fd("ftruncate", fd));
    }

    @Override
    public int dup3(int oldFd, int newFd, int flags) {
        return checkInt(call(SYS_dup3, oldFd, newFd, flags), FailureText.dup3(oldFd, newFd));
    }

    @Override
    public int fcntl(int fd, int cmd, long arg) {
        return checkInt(call(SYS_fcntl, fd, cmd, arg), FailureText.fd("fcntl", fd));
    }

    @Override
    public int ioctl(int fd, long request, long arg) {
        return checkInt(call(SYS_ioctl, fd, request, arg), FailureText.fd("ioctl", fd));
    }

    @Override
    public int ioctlGetInt(int fd, long request) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            check(call(SYS_ioctl, fd, request, v.address()), FailureText.fd("ioctl", fd));
            return v.get(JAVA_INT, 0);
        }
    }

    @Override
    public void ioctlSetInt(int fd, long request, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            check(call(SYS_ioctl, fd, request, v.address()), FailureText.fd("ioctl", fd));
        }
    }

    @Override
    public WindowSize getWinsize(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ws = arena.allocate(Structs.Winsize.LAYOUT);
            check(call(SYS_ioctl, fd, TIOCGWINSZ, ws.address()), FailureText.fd("ioctl TIOCGWINSZ", fd));
            return new WindowSize(Short.toUnsignedInt((short) Structs.Winsize.ROW.get(ws, 0L)),
                    Short.toUnsignedInt((short) Structs.Winsize.COL.get(ws, 0L)));
        }
    }

    @Override
    public void setWinsize(int fd, WindowSize size) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ws = arena.allocate(Structs.Winsize.LAYOUT);
            Structs.Winsize.ROW.set(ws, 0L, (short) size.rows());
            Structs.Winsize.COL.set(ws, 0L, (short) size.cols());
            check(call(SYS_ioctl, fd, TIOCSWINSZ, ws.address()), FailureText.fd("ioctl TIOCSWINSZ", fd));
        }
    }

    @Override
    public Termios tcgetattr(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocate(Structs.Termios.LAYOUT);
            check(call(SYS_ioctl, fd, TCGETS, t.address()), FailureText.fd("ioctl TCGETS", fd));
            byte[] cc = new byte[Structs.Termios.NCCS];
            MemorySegment.copy(t, JAVA_BYTE, Structs.Termios.CC_OFFSET, cc, 0, cc.length);
            return new Termios((int) Structs.Termios.IFLAG.get(t, 0L), (int) Structs.Termios.OFLAG.get(t, 0L),
                    (int) Structs.Termios.CFLAG.get(t, 0L), (int) Structs.Termios.LFLAG.get(t, 0L),
                    Byte.toUnsignedInt((byte) Structs.Termios.LINE.get(t, 0L)), cc);
        }
    }

    @Override
    public void tcsetattr(int fd, int action, Termios termios) {
        long request = switch (action) {
            case TCSANOW -> TCSETS;
            case TCSADRAIN -> TCSETSW;
            case TCSAFLUSH -> TCSETSF;
            default -> throw Errno.exception(Errno.EINVAL, FailureText.fd("tcsetattr", fd));
        };
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocate(Structs.Termios.LAYOUT);
            Structs.Termios.IFLAG.set(t, 0L, termios.iflag());
            Structs.Termios.OFLAG.set(t, 0L, termios.oflag());
            Structs.Termios.CFLAG.set(t, 0L, termios.cflag());
            Structs.Termios.LFLAG.set(t, 0L, termios.lflag());
            Structs.Termios.LINE.set(t, 0L, (byte) termios.line());
            MemorySegment.copy(termios.cc(), 0, t, JAVA_BYTE, Structs.Termios.CC_OFFSET,
                    Math.min(termios.cc().length, Structs.Termios.NCCS));
            check(call(SYS_ioctl, fd, request, t.address()), FailureText.fd("tcsetattr", fd));
        }
    }

    @Override
    public void fsync(int fd) {
        check(retrying(SYS_fsync, fd, 0, 0, 0, 0), FailureText.fd("fsync", fd));
    }

    @Override
    public long lseek(int fd, long offset, int whence) {
        return check(call(SYS_lseek, fd, offset, whence), FailureText.fd("lseek", fd));
    }

    @Override
    public void fchmod(int fd, int mode) {
        check(call(SYS_fchmod, fd, mode), FailureText.fd("fchmod", fd));
    }

    @Override
    public void fchown(int fd, int uid, int gid) {
        check(call(SYS_fchown, fd, uid, gid), FailureText.fd("fchown", fd));
    }

    @Override
    public void faccessat(int dirfd, String path, int mode, int flags) {
        String what = FailureText.path("faccessat2", path);
        try (Arena arena = Arena.ofConfined()) {
            check(call(SYS_faccessat2, dirfd, cstr(arena, path, what).address(), mode, flags), what);
        }
    }

    @Override
    public Statfs statfs(String path) {
        String what = FailureText.path("statfs", path);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = arena.allocate(Structs.Statfs.LAYOUT);
            check(call(SYS_statfs, cstr(arena, path, what).address(), st.address()), what);
            return decodeStatfs(st);
        }
    }

    @Override
    public Statfs fstatfs(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = arena.allocate(Structs.Statfs.LAYOUT);
            check(call(SYS_fstatfs, fd, st.address()), FailureText.fd("fstatfs", fd));
            return decodeStatfs(st);
        }
    }

    private static Statfs decodeStatfs(MemorySegment st) {
        return new Statfs((long) Structs.Statfs.TYPE.get(st, 0L), (long) Structs.Statfs.BSIZE.get(st, 0L),
                (long) Structs.Statfs.FLAGS.get(st, 0L));
    }

    @Override
    public int memfdCreate(String name, int flags) {
        String what = FailureText.path("memfd_create", name);
        try (Arena arena = Arena.ofConfined()) {
            return checkInt(call(SYS_memfd_create, cstr(arena, name, what).address(), flags | MFD_CLOEXEC), what);
        }
    }

    @Override
    public void getrandom(byte[] buf) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(Math.max(1, buf.length));
            int done = 0;
            while (done < buf.length) {
                long r = call(SYS_getrandom, seg.address() + done, buf.length - done, 0);
                if (r == -EINTR) {
                    continue;
                }
                done += checkInt(r, "getrandom");
            }
            MemorySegment.copy(seg, JAVA_BYTE, 0, buf, 0, buf.length);
        }
    }

    @Override
    public int[] pipe2(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            check(call(SYS_pipe2, fds.address(), flags | O_CLOEXEC), "pipe2");
            return fds.toArray(JAVA_INT);
        }
    }

    @Override
    public int[] socketpair(int domain, int type, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            check(call(SYS_socketpair, domain, type | SOCK_CLOEXEC, protocol, fds.address()), "socketpair");
            return fds.toArray(JAVA_INT);
        }
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        return checkInt(call(SYS_socket, domain, type | SOCK_CLOEXEC, protocol), "socket");
    }

    /** A sockaddr_un the way Go's net package builds it: '@' is the abstract namespace, no NUL then. */
    private static MemorySegment unixAddress(Arena arena, String path, String what) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length >= Structs.SockaddrUn.PATH_MAX || path.indexOf('\0') >= 0) {
            throw Errno.exception(Errno.EINVAL, what);
        }
        MemorySegment sa = arena.allocate(Structs.SockaddrUn.LAYOUT);
        Structs.SockaddrUn.FAMILY.set(sa, 0L, (short) AF_UNIX);
        MemorySegment.copy(name, 0, sa, JAVA_BYTE, Structs.SockaddrUn.PATH_OFFSET, name.length);
        boolean isAbstract = name.length > 0 && name[0] == '@';
        if (isAbstract) {
            sa.set(JAVA_BYTE, Structs.SockaddrUn.PATH_OFFSET, (byte) 0);
        }
        long length = Structs.SockaddrUn.PATH_OFFSET + name.length + (isAbstract || name.length == 0 ? 0 : 1);
        return sa.asSlice(0, length);
    }

    @Override
    public void bind(int fd, String path) {
        String what = FailureText.path("bind", path);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = unixAddress(arena, path, what);
            check(call(SYS_bind, fd, sa.address(), sa.byteSize()), what);
        }
    }

    @Override
    public void listen(int fd, int backlog) {
        check(call(SYS_listen, fd, backlog), FailureText.fd("listen", fd));
    }

    @Override
    public int accept4(int fd, int flags) {
        return checkInt(retrying(SYS_accept4, fd, NULL, NULL, flags | SOCK_CLOEXEC, 0), FailureText.fd("accept4", fd));
    }

    @Override
    public void connect(int fd, String path) {
        String what = FailureText.path("connect", path);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = unixAddress(arena, path, what);
            check(call(SYS_connect, fd, sa.address(), sa.byteSize()), what);
        }
    }

    @Override
    public int sendFd(int socket, byte[] data, int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment payload = bytes(arena, data, 0, data.length);
            MemorySegment iov = arena.allocate(Structs.Iovec.LAYOUT);
            Structs.Iovec.BASE.set(iov, 0L, payload.address());
            Structs.Iovec.LEN.set(iov, 0L, (long) data.length);
            MemorySegment msg = arena.allocate(Structs.MsgHdr.LAYOUT);
            Structs.MsgHdr.IOV.set(msg, 0L, iov.address());
            Structs.MsgHdr.IOVLEN.set(msg, 0L, 1L);
            if (fd >= 0) {
                MemorySegment control = arena.allocate(Structs.CmsgHdr.space(4), 8);
                Structs.CmsgHdr.LEN.set(control, 0L, Structs.CmsgHdr.len(4));
                Structs.CmsgHdr.LEVEL.set(control, 0L, SOL_SOCKET);
                Structs.CmsgHdr.TYPE.set(control, 0L, SCM_RIGHTS);
                control.set(JAVA_INT, Structs.CmsgHdr.dataOffset(), fd);
                Structs.MsgHdr.CONTROL.set(msg, 0L, control.address());
                Structs.MsgHdr.CONTROLLEN.set(msg, 0L, control.byteSize());
            }
            return checkInt(retrying(SYS_sendmsg, socket, msg.address(), MSG_NOSIGNAL, 0, 0),
                    FailureText.fd("sendmsg", socket));
        }
    }

    @Override
    public ReceivedFd recvFd(int socket, int maxData) {
        // room for several fds: a peer sending more must not make us lose (and leak) them silently
        final int maxFds = 16;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment payload = arena.allocate(Math.max(1, maxData));
            MemorySegment iov = arena.allocate(Structs.Iovec.LAYOUT);
            Structs.Iovec.BASE.set(iov, 0L, payload.address());
            Structs.Iovec.LEN.set(iov, 0L, (long) maxData);
            MemorySegment control = arena.allocate(Structs.CmsgHdr.space(4L * maxFds), 8);
            MemorySegment msg = arena.allocate(Structs.MsgHdr.LAYOUT);
            Structs.MsgHdr.IOV.set(msg, 0L, iov.address());
            Structs.MsgHdr.IOVLEN.set(msg, 0L, 1L);
            Structs.MsgHdr.CONTROL.set(msg, 0L, control.address());
            Structs.MsgHdr.CONTROLLEN.set(msg, 0L, control.byteSize());
            int n = checkInt(retrying(SYS_recvmsg, socket, msg.address(), MSG_CMSG_CLOEXEC, 0, 0),
                    FailureText.fd("recvmsg", socket));
            List<Integer> fds = receivedFds(control, (long) Structs.MsgHdr.CONTROLLEN.get(msg, 0L));
            for (int i = 1; i < fds.size(); i++) {
                call(SYS_close, fds.get(i)); // only one was asked for
            }
            byte[] data = new byte[n];
            MemorySegment.copy(payload, JAVA_BYTE, 0, data, 0, n);
            return new ReceivedFd(data, fds.isEmpty() ? -1 : fds.get(0));
        }
    }

    private static List<Integer> receivedFds(MemorySegment control, long controlLength) {
        List<Integer> fds = new ArrayList<>();
        long pos = 0;
        long head = Structs.CmsgHdr.dataOffset();
        while (pos + head <= controlLength) {
            MemorySegment c = control.asSlice(pos);
            long len = (long) Structs.CmsgHdr.LEN.get(c, 0L);
            if (len < head) {
                break;
            }
            if ((int) Structs.CmsgHdr.LEVEL.get(c, 0L) == SOL_SOCKET && (int) Structs.CmsgHdr.TYPE.get(c, 0L) == SCM_RIGHTS) {
                for (long off = head; off + 4 <= len; off += 4) {
                    fds.add(c.get(JAVA_INT, off));
                }
            }
            pos += Structs.CmsgHdr.align(len);
        }
        return fds;
    }

    @Override
    public void closeRange(int first, int last, int flags) {
        check(call(SYS_close_range, first & 0xffffffffL, last & 0xffffffffL, flags), FailureText.closeRange(first));
    }

    @Override
    public short[] poll(int[] fds, short[] events, int timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocate(Structs.PollFd.LAYOUT, fds.length);
            for (int i = 0; i < fds.length; i++) {
                MemorySegment one = p.asSlice(i * Structs.PollFd.LAYOUT.byteSize());
                Structs.PollFd.FD.set(one, 0L, fds[i]);
                Structs.PollFd.EVENTS.set(one, 0L, events[i]);
            }
            // a retried poll restarts its timeout: fine for jrunc's waits, which are short or endless
            long n = check(retrying(SYS_poll, p.address(), fds.length, timeoutMillis, 0, 0), "poll");
            if (n == 0) {
                return new short[0];
            }
            short[] revents = new short[fds.length];
            for (int i = 0; i < fds.length; i++) {
                revents[i] = (short) Structs.PollFd.REVENTS.get(p.asSlice(i * Structs.PollFd.LAYOUT.byteSize()), 0L);
            }
            return revents;
        }
    }

    // ---- processes -----------------------------------------------------------------------------

    @Override
    public int getpid() {
        return (int) call(SYS_getpid, 0);
    }

    @Override
    public int getuid() {
        return (int) call(SYS_getuid, 0);
    }

    @Override
    public int geteuid() {
        return (int) call(SYS_geteuid, 0);
    }

    @Override
    public int getgid() {
        return (int) call(SYS_getgid, 0);
    }

    @Override
    public int getegid() {
        return (int) call(SYS_getegid, 0);
    }

    @Override
    public int getppid() {
        return (int) call(SYS_getppid, 0);
    }

    @Override
    public int gettid() {
        return (int) call(SYS_gettid, 0);
    }

    @Override
    public int clone3(long flags, int exitSignal, int cgroupFd) {
        if ((flags & CLONE_PIDFD) != 0) {
            // the pidfd would need somewhere to go: open it afterwards with pidfdOpen
            throw Errno.exception(Errno.EINVAL, "clone3");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment args = arena.allocate(Structs.CloneArgs.LAYOUT);
            long f = flags;
            if (cgroupFd >= 0) {
                f |= CLONE_INTO_CGROUP;
                Structs.CloneArgs.CGROUP.set(args, 0L, (long) cgroupFd);
            }
            Structs.CloneArgs.FLAGS.set(args, 0L, f);
            Structs.CloneArgs.EXIT_SIGNAL.set(args, 0L, (long) exitSignal);
            return checkInt(call(SYS_clone3, args.address(), args.byteSize()), "clone3");
        }
    }

    @Override
    public int cloneLegacy(long flags, int exitSignal) {
        // x86-64 argument order: flags, stack, parent_tid, child_tid, tls; no stack = fork semantics
        return checkInt(call(SYS_clone, flags | (exitSignal & CSIGNAL), NULL, NULL, NULL, NULL), "clone");
    }

    @Override
    public void unshare(int flags) {
        check(call(SYS_unshare, flags & 0xffffffffL), "unshare");
    }

    @Override
    public void setns(int fd, int nstype) {
        check(call(SYS_setns, fd, nstype), FailureText.fd("setns", fd));
    }

    /** A NULL-terminated array of pointers to NUL-terminated strings. */
    private static MemorySegment stringArray(Arena arena, List<String> strings, String what) {
        MemorySegment array = arena.allocate(JAVA_LONG, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(JAVA_LONG, i, cstr(arena, strings.get(i), what).address());
        }
        array.setAtIndex(JAVA_LONG, strings.size(), NULL);
        return array;
    }

    @Override
    public void execve(String path, List<String> argv, List<String> envp) {
        String what = FailureText.exec(path);
        try (Arena arena = Arena.ofConfined()) {
            long p = cstr(arena, path, what).address();
            long r = call(SYS_execve, p, stringArray(arena, argv, what).address(), stringArray(arena, envp, what).address());
            throw Errno.exception((int) -r, what);
        }
    }

    @Override
    public void execveat(int dirfd, String path, List<String> argv, List<String> envp, int flags) {
        String what = FailureText.execveat(dirfd, path);
        try (Arena arena = Arena.ofConfined()) {
            long p = cstr(arena, path, what).address();
            long r = call(SYS_execveat, dirfd, p, stringArray(arena, argv, what).address(),
                    stringArray(arena, envp, what).address(), flags);
            throw Errno.exception((int) -r, what);
        }
    }

    @Override
    public WaitStatus wait4(int pid, int options) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT);
            int r = checkInt(retrying(SYS_wait4, pid, status.address(), options, NULL, 0), "wait4");
            return r == 0 ? null : new WaitStatus(r, status.get(JAVA_INT, 0));
        }
    }

    @Override
    public void kill(int pid, int signal) {
        check(call(SYS_kill, pid, signal), FailureText.kill(pid, signal));
    }

    @Override
    public int pidfdOpen(int pid, int flags) {
        return checkInt(call(SYS_pidfd_open, pid, flags), FailureText.pidfdOpen(pid));
    }

    @Override
    public void pidfdSendSignal(int pidfd, int signal) {
        check(call(SYS_pidfd_send_signal, pidfd, signal, NULL, 0), FailureText.signal("pidfd_send_signal", signal));
    }

    @Override
    public void exitGroup(int status) {
        call(SYS_exit_group, status);
        throw new IllegalStateException("exit_group returned");
    }

    @Override
    public long prctl(int option, long arg2, long arg3, long arg4, long arg5) {
        return check(call(SYS_prctl, option, arg2, arg3, arg4, arg5), FailureText.prctl(option));
    }

    @Override
    public int seccompSetModeFilter(int flags, byte[] program) {
        int size = (int) Structs.SockFilter.LAYOUT.byteSize();
        if (program.length == 0 || program.length % size != 0 || program.length / size > 0xffff) {
            throw Errno.exception(Errno.EINVAL, "seccomp");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment filter = arena.allocate(program.length, 8);
            MemorySegment.copy(program, 0, filter, JAVA_BYTE, 0, program.length);
            MemorySegment prog = arena.allocate(Structs.SockFprog.LAYOUT);
            Structs.SockFprog.LEN.set(prog, 0L, (short) (program.length / size));
            Structs.SockFprog.FILTER.set(prog, 0L, filter.address());
            return checkInt(call(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, prog.address()), "seccomp");
        }
    }

    @Override
    public boolean seccompActionAvailable(int action) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(JAVA_INT);
            a.set(JAVA_INT, 0, action);
            long r = call(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, a.address());
            if (r == -Errno.EOPNOTSUPP) {
                return false;
            }
            check(r, "seccomp");
            return true;
        }
    }

    private long bpf(int cmd, MemorySegment attr) {
        return call(SYS_bpf, cmd, attr.address(), attr.byteSize());
    }

    @Override
    public int bpfProgLoad(int progType, byte[] insns, String license, int expectedAttachType) {
        String what = "bpf prog load";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment code = bytes(arena, insns, 0, insns.length);
            MemorySegment attr = arena.allocate(Structs.BpfAttr.PROG_LOAD);
            Structs.BpfAttr.LOAD_PROG_TYPE.set(attr, 0L, progType);
            Structs.BpfAttr.LOAD_INSN_CNT.set(attr, 0L, insns.length / 8);
            Structs.BpfAttr.LOAD_INSNS.set(attr, 0L, code.address());
            Structs.BpfAttr.LOAD_LICENSE.set(attr, 0L, cstr(arena, license, what).address());
            Structs.BpfAttr.LOAD_EXPECTED_ATTACH_TYPE.set(attr, 0L, expectedAttachType);
            long r = bpf(BPF_PROG_LOAD, attr);
            if (r >= 0) {
                return (int) r;
            }
            // ask again with the verifier's log, so the error says why the program was refused
            MemorySegment log = arena.allocate(64 * 1024);
            Structs.BpfAttr.LOAD_LOG_LEVEL.set(attr, 0L, 1);
            Structs.BpfAttr.LOAD_LOG_SIZE.set(attr, 0L, (int) log.byteSize());
            Structs.BpfAttr.LOAD_LOG_BUF.set(attr, 0L, log.address());
            long again = bpf(BPF_PROG_LOAD, attr);
            if (again >= 0) {
                return (int) again;
            }
            String text = Structs.cString(log, 0, (int) log.byteSize()).strip();
            JruncException e = Errno.exception((int) -r, what);
            throw text.isEmpty() ? e : new JruncException(e.getMessage() + ": " + text, e.errno());
        }
    }

    @Override
    public void bpfProgAttach(int targetFd, int progFd, int attachType, int flags, int replaceFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(Structs.BpfAttr.PROG_ATTACH);
            Structs.BpfAttr.ATTACH_TARGET_FD.set(attr, 0L, targetFd);
            Structs.BpfAttr.ATTACH_BPF_FD.set(attr, 0L, progFd);
            Structs.BpfAttr.ATTACH_TYPE.set(attr, 0L, attachType);
            Structs.BpfAttr.ATTACH_FLAGS.set(attr, 0L, flags);
            Structs.BpfAttr.ATTACH_REPLACE_BPF_FD.set(attr, 0L, replaceFd);
            check(bpf(BPF_PROG_ATTACH, attr), "bpf prog attach");
        }
    }

    @Override
    public void bpfProgDetach(int targetFd, int progFd, int attachType) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(Structs.BpfAttr.PROG_ATTACH);
            Structs.BpfAttr.ATTACH_TARGET_FD.set(attr, 0L, targetFd);
            Structs.BpfAttr.ATTACH_BPF_FD.set(attr, 0L, progFd);
            Structs.BpfAttr.ATTACH_TYPE.set(attr, 0L, attachType);
            check(bpf(BPF_PROG_DETACH, attr), "bpf prog detach");
        }
    }

    @Override
    public int[] bpfProgQuery(int targetFd, int attachType) {
        int capacity = 64;
        while (true) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment ids = arena.allocate(JAVA_INT, capacity);
                MemorySegment attr = arena.allocate(Structs.BpfAttr.PROG_QUERY);
                Structs.BpfAttr.QUERY_TARGET_FD.set(attr, 0L, targetFd);
                Structs.BpfAttr.QUERY_ATTACH_TYPE.set(attr, 0L, attachType);
                Structs.BpfAttr.QUERY_PROG_IDS.set(attr, 0L, ids.address());
                Structs.BpfAttr.QUERY_PROG_CNT.set(attr, 0L, capacity);
                long r = bpf(BPF_PROG_QUERY, attr);
                int count = (int) Structs.BpfAttr.QUERY_PROG_CNT.get(attr, 0L);
                if (r == -Errno.ENOSPC && count > capacity) {
                    capacity = count; // the kernel said how many there are
                    continue;
                }
                check(r, "bpf prog query");
                return ids.asSlice(0, 4L * count).toArray(JAVA_INT);
            }
        }
    }

    @Override
    public int bpfProgGetFdById(int id) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(Structs.BpfAttr.GET_FD_BY_ID);
            Structs.BpfAttr.GET_FD_PROG_ID.set(attr, 0L, id);
            return checkInt(bpf(BPF_PROG_GET_FD_BY_ID, attr), FailureText.bpfGetFdById(id));
        }
    }

    @Override
    public int keyctlJoinSessionKeyring(String name) {
        String what = FailureText.keyctlJoin(name);
        try (Arena arena = Arena.ofConfined()) {
            return checkInt(call(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, cstrOrNull(arena, name, what)), what);
        }
    }

    @Override
    public String keyctlDescribe(int keyId) {
        String what = FailureText.keyctlDescribe(keyId);
        long size = 256;
        while (true) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buf = arena.allocate(size);
                long needed = check(call(SYS_keyctl, KEYCTL_DESCRIBE, keyId, buf.address(), size), what);
                if (needed <= size) {
                    return Structs.cString(buf, 0, (int) needed);
                }
                size = needed;
            }
        }
    }

    @Override
    public void keyctlSetperm(int keyId, int perm) {
        check(call(SYS_keyctl, KEYCTL_SETPERM, keyId, perm & 0xffffffffL), FailureText.keyctlSetperm(keyId));
    }

    @Override
    public void ioprioSet(int which, int who, int ioprio) {
        check(call(SYS_ioprio_set, which, who, ioprio), "ioprio_set");
    }

    @Override
    public void schedSetattr(int pid, SchedAttr attr) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(Structs.SchedAttr.LAYOUT);
            Structs.SchedAttr.SIZE.set(a, 0L, (int) a.byteSize());
            Structs.SchedAttr.POLICY.set(a, 0L, attr.policy());
            Structs.SchedAttr.FLAGS.set(a, 0L, attr.flags());
            Structs.SchedAttr.NICE.set(a, 0L, attr.nice());
            Structs.SchedAttr.PRIORITY.set(a, 0L, attr.priority());
            Structs.SchedAttr.RUNTIME.set(a, 0L, attr.runtime());
            Structs.SchedAttr.DEADLINE.set(a, 0L, attr.deadline());
            Structs.SchedAttr.PERIOD.set(a, 0L, attr.period());
            check(call(SYS_sched_setattr, pid, a.address(), 0), "sched_setattr");
        }
    }

    @Override
    public CapabilitySets capget(int pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = arena.allocate(Structs.CapHeader.LAYOUT);
            Structs.CapHeader.VERSION.set(header, 0L, LINUX_CAPABILITY_VERSION_3);
            Structs.CapHeader.PID.set(header, 0L, pid);
            MemorySegment data = arena.allocate(Structs.CapData.LAYOUT, Structs.CapData.VERSION_3_COUNT);
            check(call(SYS_capget, header.address(), data.address()), "capget");
            MemorySegment low = data;
            MemorySegment high = data.asSlice(Structs.CapData.LAYOUT.byteSize());
            return new CapabilitySets(
                    join((int) Structs.CapData.EFFECTIVE.get(low, 0L), (int) Structs.CapData.EFFECTIVE.get(high, 0L)),
                    join((int) Structs.CapData.PERMITTED.get(low, 0L), (int) Structs.CapData.PERMITTED.get(high, 0L)),
                    join((int) Structs.CapData.INHERITABLE.get(low, 0L), (int) Structs.CapData.INHERITABLE.get(high, 0L)));
        }
    }

    private static long join(int low, int high) {
        return (low & 0xffffffffL) | ((long) high << 32);
    }

    @Override
    public void capset(CapabilitySets caps) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = arena.allocate(Structs.CapHeader.LAYOUT);
            Structs.CapHeader.VERSION.set(header, 0L, LINUX_CAPABILITY_VERSION_3);
            Structs.CapHeader.PID.set(header, 0L, 0);
            MemorySegment data = arena.allocate(Structs.CapData.LAYOUT, Structs.CapData.VERSION_3_COUNT);
            MemorySegment low = data;
            MemorySegment high = data.asSlice(Structs.CapData.LAYOUT.byteSize());
            Structs.CapData.EFFECTIVE.set(low, 0L, (int) caps.effective());
            Structs.CapData.EFFECTIVE.set(high, 0L, (int) (caps.effective() >>> 32));
            Structs.CapData.PERMITTED.set(low, 0L, (int) caps.permitted());
            Structs.CapData.PERMITTED.set(high, 0L, (int) (caps.permitted() >>> 32));
            Structs.CapData.INHERITABLE.set(low, 0L, (int) caps.inheritable());
            Structs.CapData.INHERITABLE.set(high, 0L, (int) (caps.inheritable() >>> 32));
            check(call(SYS_capset, header.address(), data.address()), "capset");
        }
    }

    @Override
    public void setresuid(int ruid, int euid, int suid) {
        check(call(SYS_setresuid, ruid, euid, suid), "setresuid");
    }

    @Override
    public void setresgid(int rgid, int egid, int sgid) {
        check(call(SYS_setresgid, rgid, egid, sgid), "setresgid");
    }

    @Override
    public void setgroups(int[] gids) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment list = arena.allocate(JAVA_INT, Math.max(1, gids.length));
            MemorySegment.copy(gids, 0, list, JAVA_INT, 0, gids.length);
            check(call(SYS_setgroups, gids.length, list.address()), "setgroups");
        }
    }

    @Override
    public int setsid() {
        return checkInt(call(SYS_setsid, 0), "setsid");
    }

    @Override
    public void setpgid(int pid, int pgid) {
        check(call(SYS_setpgid, pid, pgid), "setpgid");
    }

    @Override
    public void sethostname(String name) {
        setName(SYS_sethostname, name, "sethostname");
    }

    @Override
    public void setdomainname(String name) {
        setName(SYS_setdomainname, name, "setdomainname");
    }

    private void setName(int nr, String name, String what) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            check(call(nr, bytes(arena, b, 0, b.length).address(), b.length), what);
        }
    }

    @Override
    public void setrlimit(int pid, int resource, long soft, long hard) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment lim = arena.allocate(Structs.Rlimit64.LAYOUT);
            Structs.Rlimit64.CUR.set(lim, 0L, soft);
            Structs.Rlimit64.MAX.set(lim, 0L, hard);
            check(call(SYS_prlimit64, pid, resource, lim.address(), NULL), FailureText.rlimit("setrlimit", resource));
        }
    }

    @Override
    public long[] getrlimit(int pid, int resource) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment lim = arena.allocate(Structs.Rlimit64.LAYOUT);
            check(call(SYS_prlimit64, pid, resource, NULL, lim.address()), FailureText.rlimit("getrlimit", resource));
            return new long[] {(long) Structs.Rlimit64.CUR.get(lim, 0L), (long) Structs.Rlimit64.MAX.get(lim, 0L)};
        }
    }

    @Override
    public int umask(int mask) {
        return (int) call(SYS_umask, mask);
    }

    @Override
    public void chdir(String path) {
        String what = FailureText.path("chdir", path);
        try (Arena arena = Arena.ofConfined()) {
            check(call(SYS_chdir, cstr(arena, path, what).address()), what);
        }
    }

    @Override
    public void fchdir(int fd) {
        check(call(SYS_fchdir, fd), FailureText.fd("fchdir", fd));
    }

    @Override
    public void chroot(String path) {
        String what = FailureText.path("chroot", path);
        try (Arena arena = Arena.ofConfined()) {
            check(call(SYS_chroot, cstr(arena, path, what).address()), what);
        }
    }

    @Override
    public int personality(long persona) {
        return checkInt(call(SYS_personality, persona), "personality");
    }

    @Override
    public long sigprocmask(int how, long set) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment newSet = arena.allocate(JAVA_LONG);
            newSet.set(JAVA_LONG, 0, set);
            MemorySegment oldSet = arena.allocate(JAVA_LONG);
            check(call(SYS_rt_sigprocmask, how, newSet.address(), oldSet.address(), Structs.KernelSigaction.SIGSET_SIZE),
                    "rt_sigprocmask");
            return oldSet.get(JAVA_LONG, 0);
        }
    }

    @Override
    public int signalfd(int fd, long mask, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment set = arena.allocate(JAVA_LONG);
            set.set(JAVA_LONG, 0, mask);
            return checkInt(call(SYS_signalfd4, fd, set.address(), Structs.KernelSigaction.SIGSET_SIZE, flags | SFD_CLOEXEC),
                    "signalfd4");
        }
    }

    @Override
    public void setSignalDisposition(int signal, boolean ignore) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment act = arena.allocate(Structs.KernelSigaction.LAYOUT);
            Structs.KernelSigaction.HANDLER.set(act, 0L, ignore ? SIG_IGN : SIG_DFL);
            check(call(SYS_rt_sigaction, signal, act.address(), NULL, Structs.KernelSigaction.SIGSET_SIZE),
                    FailureText.signal("rt_sigaction", signal));
        }
    }

    // ---- mounts --------------------------------------------------------------------------------

    @Override
    public void mount(String source, String target, String fstype, long flags, String data) {
        String what = FailureText.mount(source, target, flags, data);
        try (Arena arena = Arena.ofConfined()) {
            check(call(SYS_mount, cstrOrNull(arena, source, what), cstr(arena, target, what).address(),
                    cstrOrNull(arena, fstype, what), flags, cstrOrNull(arena, data, what)), what);
        }
    }

    @Override
    public void umount2(String target, int flags) {
        String what = FailureText.unmount(target, flags);
        try (Arena arena = Arena.ofConfined()) {
            check(call(SYS_umount2, cstr(arena, target, what).address(), flags), what);
        }
    }

    @Override
    public void pivotRoot(String newRoot, String putOld) {
        String what = FailureText.path("pivot_root", newRoot);
        try (Arena arena = Arena.ofConfined()) {
            check(call(SYS_pivot_root, cstr(arena, newRoot, what).address(), cstr(arena, putOld, what).address()), what);
        }
    }

    @Override
    public void mountSetattr(int dirfd, String path, int flags, long attrSet, long attrClr, long propagation, long usernsFd) {
        String what = FailureText.pathOrFd("mount_setattr", dirfd, path);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(Structs.MountAttr.LAYOUT);
            Structs.MountAttr.ATTR_SET.set(attr, 0L, attrSet);
            Structs.MountAttr.ATTR_CLR.set(attr, 0L, attrClr);
            Structs.MountAttr.PROPAGATION.set(attr, 0L, propagation);
            Structs.MountAttr.USERNS_FD.set(attr, 0L, usernsFd);
            check(call(SYS_mount_setattr, dirfd, cstr(arena, path, what).address(), flags, attr.address(), attr.byteSize()),
                    what);
        }
    }

    @Override
    public int openTree(int dirfd, String path, int flags) {
        String what = FailureText.pathOrFd("open_tree", dirfd, path);
        try (Arena arena = Arena.ofConfined()) {
            return checkInt(call(SYS_open_tree, dirfd, cstr(arena, path, what).address(), flags | OPEN_TREE_CLOEXEC), what);
        }
    }

    @Override
    public void moveMount(int fromDirfd, String fromPath, int toDirfd, String toPath, int flags) {
        String what = FailureText.moveMount(fromDirfd, fromPath, toDirfd, toPath);
        try (Arena arena = Arena.ofConfined()) {
            check(call(SYS_move_mount, fromDirfd, cstr(arena, fromPath, what).address(), toDirfd,
                    cstr(arena, toPath, what).address(), flags), what);
        }
    }

    // ---- system --------------------------------------------------------------------------------

    @Override
    public Uname uname() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment u = arena.allocate(Structs.Utsname.LAYOUT);
            check(call(SYS_uname, u.address()), "uname");
            return Structs.Utsname.decode(u);
        }
    }

    @Override
    public String getcwd() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(4096);
            int n = checkInt(call(SYS_getcwd, buf.address(), buf.byteSize()), "getcwd");
            return Structs.cString(buf, 0, n);
        }
    }

    @Override
    public List<String> environment() {
        int fd = openat(AT_FDCWD, "/proc/self/environ", O_RDONLY, 0);
        try {
            byte[] all = readAll(fd);
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == 0) {
                    if (i > start) {
                        out.add(new String(all, start, i - start, StandardCharsets.UTF_8));
                    }
                    start = i + 1;
                }
            }
            if (start < all.length) {
                out.add(new String(all, start, all.length - start, StandardCharsets.UTF_8));
            }
            return out;
        } finally {
            close(fd);
        }
    }

    private byte[] readAll(int fd) {
        byte[] buf = new byte[8192];
        int len = 0;
        while (true) {
            if (len == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            int n = read(fd, buf, len, buf.length - len);
            if (n == 0) {
                return java.util.Arrays.copyOf(buf, len);
            }
            len += n;
        }
    }
}

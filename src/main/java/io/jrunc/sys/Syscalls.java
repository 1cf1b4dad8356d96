package io.jrunc.sys;

import java.util.List;

/**
 * Every way jrunc reaches the kernel. Production code calls the kernel only through this
 * interface ({@link LinuxSyscalls} is the FFM implementation); unit tests pass a recording fake
 * to check the exact sequence of container setup and to inject a failure at any step.
 *
 * <p>Methods mirror the system calls one to one and throw {@link io.jrunc.JruncException} carrying
 * the errno on failure, with a message in Go's/runc's style: {@code "openat /run/x: no such file or directory"}
 * ({@link Errno#exception}). Constants (O_*, MS_*, CLONE_*, ...) are in {@link Linux}. Paths are
 * passed as Java strings and encoded as UTF-8 NUL-terminated C strings.
 *
 * <p>File descriptors: every call that creates one (openat, openat2, pipe2, socketpair, socket,
 * accept4, signalfd, memfdCreate, openTree, recvFd, pidfdOpen) makes it close-on-exec whatever
 * flags the caller passed, as Go's runtime does, so nothing leaks into the container's process.
 * {@link #dup3} (flags 0) and {@code fcntl(fd, F_SETFD, 0)} are the ways to get an inheritable fd.
 * Calls that can be interrupted (read, write, wait4, poll, openat, openat2, sendmsg/recvmsg,
 * accept4) are retried on EINTR.
 *
 * <p>Credentials calls (setresuid, setgroups, capset, ...) are raw system calls: they change only
 * the calling thread, which is all of jrunc where it matters (the single-threaded native image).
 */
public interface Syscalls {

    /** The kernel implementation ({@link LinuxSyscalls#INSTANCE}). */
    static Syscalls linux() {
        return LinuxSyscalls.INSTANCE;
    }

    // ---- files -------------------------------------------------------------------------------

    /** openat(2). {@code dirfd} may be {@link Linux#AT_FDCWD}. Returns the new fd, O_CLOEXEC always added. */
    int openat(int dirfd, String path, int flags, int mode);

    /** openat2(2) with struct open_how; {@code resolve} takes RESOLVE_* flags (RESOLVE_IN_ROOT, RESOLVE_NO_SYMLINKS, ...). */
    int openat2(int dirfd, String path, long flags, long mode, long resolve);

    /** read(2) into {@code buf[off, off+len)}; returns the count, 0 at end of file. */
    int read(int fd, byte[] buf, int off, int len);

    /** write(2) from {@code buf[off, off+len)}; returns the count written (may be short). */
    int write(int fd, byte[] buf, int off, int len);

    void close(int fd);

    /**
     * getdents64(2) from the fd's current position to the end of the directory: every entry, "."
     * and ".." included, in the kernel's order. A second call on the same fd returns nothing.
     */
    List<DirEntry> getdents(int dirFd);

    void mkdirat(int dirfd, String path, int mode);

    void mknodat(int dirfd, String path, int mode, long dev);

    void unlinkat(int dirfd, String path, int flags);

    void renameat2(int oldDirfd, String oldPath, int newDirfd, String newPath, int flags);

    void symlinkat(String target, int dirfd, String linkPath);

    String readlinkat(int dirfd, String path);

    /** statx(2) of {@code path} relative to {@code dirfd}; flags take AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH. */
    FileStat statx(int dirfd, String path, int flags);

    void fchmodat(int dirfd, String path, int mode);

    void fchownat(int dirfd, String path, int uid, int gid, int flags);

    void ftruncate(int fd, long length);

    int dup3(int oldFd, int newFd, int flags);

    /** fcntl(2) with an integer argument (F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_DUPFD_CLOEXEC). */
    int fcntl(int fd, int cmd, long arg);

    /** ioctl(2) with an integer argument (TIOCSCTTY, TIOCGPTPEER, ...). */
    int ioctl(int fd, long request, long arg);

    /** ioctl(2) whose argument points to an int the kernel fills (TIOCGPTN); returns that int. */
    int ioctlGetInt(int fd, long request);

    /** ioctl(2) whose argument points to an int the kernel reads (TIOCSPTLCK). */
    void ioctlSetInt(int fd, long request, int value);

    /** TIOCGWINSZ. */
    WindowSize getWinsize(int fd);

    /** TIOCSWINSZ. */
    void setWinsize(int fd, WindowSize size);

    /** TCGETS: the terminal's attributes. */
    Termios tcgetattr(int fd);

    /** TCSETS/TCSETSW/TCSETSF chosen by {@code action} ({@link Linux#TCSANOW}, TCSADRAIN, TCSAFLUSH). */
    void tcsetattr(int fd, int action, Termios termios);

    /** fsync(2). */
    void fsync(int fd);

    /** lseek(2); returns the new offset. */
    long lseek(int fd, long offset, int whence);

    /** fchmod(2). */
    void fchmod(int fd, int mode);

    /** fchown(2); -1 leaves an id unchanged. */
    void fchown(int fd, int uid, int gid);

    /** faccessat2(2): returns normally when {@code mode} (F_OK, R_OK|X_OK, ...) is allowed; flags take AT_EACCESS, AT_SYMLINK_NOFOLLOW. */
    void faccessat(int dirfd, String path, int mode, int flags);

    /** statfs(2). */
    Statfs statfs(String path);

    /** fstatfs(2). */
    Statfs fstatfs(int fd);

    /** memfd_create(2); MFD_CLOEXEC always added. */
    int memfdCreate(String name, int flags);

    /** getrandom(2) filling all of {@code buf}. */
    void getrandom(byte[] buf);

    /** pipe2(2): {read end, write end}. */
    int[] pipe2(int flags);

    /** socketpair(2): two connected sockets. */
    int[] socketpair(int domain, int type, int protocol);

    /** socket(2); SOCK_CLOEXEC always added. */
    int socket(int domain, int type, int protocol);

    /** bind(2) of an AF_UNIX socket to {@code path}; a leading '@' means the abstract namespace (as in Go). */
    void bind(int fd, String path);

    /** listen(2). */
    void listen(int fd, int backlog);

    /** accept4(2); SOCK_CLOEXEC always added. Returns the connected socket. */
    int accept4(int fd, int flags);

    /** connect(2) of an AF_UNIX socket to {@code path} ('@' for abstract, as in bind). */
    void connect(int fd, String path);

    /**
     * sendmsg(2) of {@code data} (at least one byte: stream sockets drop empty messages) with
     * {@code fd} attached as SCM_RIGHTS; -1 sends no fd. Returns bytes sent. This is how the
     * console socket receives the pty master (runc sends the pty's name as data).
     */
    int sendFd(int socket, byte[] data, int fd);

    /** recvmsg(2) of up to {@code maxData} bytes and at most one SCM_RIGHTS fd (made close-on-exec). */
    ReceivedFd recvFd(int socket, int maxData);

    /** close_range(2); {@code last} inclusive. */
    void closeRange(int first, int last, int flags);

    /** poll(2) on one set of fds; returns the revents of each, in order; an empty result means the timeout passed. */
    short[] poll(int[] fds, short[] events, int timeoutMillis);

    // ---- processes ---------------------------------------------------------------------------

    int getpid();

    int getuid();

    int geteuid();

    int getgid();

    int getegid();

    int getppid();

    int gettid();

    /**
     * clone3(2) without a new stack (fork semantics): returns 0 in the child and the child's pid
     * in the parent. {@code cgroupFd} &lt; 0 means none (no CLONE_INTO_CGROUP).
     */
    int clone3(long flags, int exitSignal, int cgroupFd);

    /** clone(2) with fork semantics: the fallback where clone3 is refused (ENOSYS, EPERM under old seccomp filters). */
    int cloneLegacy(long flags, int exitSignal);

    /**
     * fork(2) semantics (a child with SIGCHLD as its exit signal, nothing new): clone3, or clone
     * where clone3 is refused (old kernels, seccomp profiles returning ENOSYS/EPERM).
     */
    default int fork() {
        return forkInto(0, -1).pid();
    }

    /** A child of {@link #forkInto}: its pid (0 in the child itself) and whether it was born in the cgroup. */
    record Forked(int pid, boolean inCgroup) {}

    /**
     * {@link #fork} with the new namespaces of {@code flags}, born in the cgroup2 directory
     * {@code cgroupFd} (CLONE_INTO_CGROUP; -1 for none). Where the kernel will not place the child
     * there (a threaded or busy cgroup, an old kernel), it is born outside and must join itself,
     * which reports the kernel's refusal with the cgroup file's name; where clone3 is refused, clone
     * makes it. {@link Forked#inCgroup} tells parent and child alike.
     */
    default Forked forkInto(long flags, int cgroupFd) {
        if (cgroupFd >= 0) {
            try {
                return new Forked(clone3(flags, Linux.SIGCHLD, cgroupFd), true);
            } catch (io.jrunc.JruncException e) {
                // below, without the cgroup
            }
        }
        try {
            return new Forked(clone3(flags, Linux.SIGCHLD, -1), false);
        } catch (io.jrunc.JruncException e) {
            if (e.errno() != Errno.ENOSYS && e.errno() != Errno.EPERM) throw e;
            return new Forked(cloneLegacy(flags, Linux.SIGCHLD), false);
        }
    }

    void unshare(int flags);

    void setns(int fd, int nstype);

    /** execve(2); returns only by throwing ({@code "exec <path>: <errno message>"}, as runc). */
    void execve(String path, List<String> argv, List<String> envp);

    /** execveat(2): {@code execveat(fd, "", argv, envp, AT_EMPTY_PATH)} runs an open (memfd) binary. */
    void execveat(int dirfd, String path, List<String> argv, List<String> envp, int flags);

    /** wait4(2); {@code pid} -1 for any child. Returns null with WNOHANG when no child has changed state. */
    WaitStatus wait4(int pid, int options);

    void kill(int pid, int signal);

    int pidfdOpen(int pid, int flags);

    void pidfdSendSignal(int pidfd, int signal);

    /** exit_group(2): ends the process at once, no Java shutdown. */
    void exitGroup(int status);

    /** prctl(2); returns the kernel's result. */
    long prctl(int option, long arg2, long arg3, long arg4, long arg5);

    /**
     * seccomp(SECCOMP_SET_MODE_FILTER): installs a classic BPF program, {@code program} being its
     * sock_filter instructions (8 bytes each, {@link Structs.SockFilter#encode}). Returns the
     * listener fd with SECCOMP_FILTER_FLAG_NEW_LISTENER, else 0.
     */
    int seccompSetModeFilter(int flags, byte[] program);

    /** seccomp(SECCOMP_GET_ACTION_AVAIL): whether the kernel knows the SECCOMP_RET_* action. */
    boolean seccompActionAvailable(int action);

    /** bpf(BPF_PROG_LOAD) of {@code insns} (8 bytes each); returns the program fd. On failure the verifier log ends the message. */
    int bpfProgLoad(int progType, byte[] insns, String license, int expectedAttachType);

    /** bpf(BPF_PROG_ATTACH). */
    void bpfProgAttach(int targetFd, int progFd, int attachType, int flags, int replaceFd);

    /** bpf(BPF_PROG_DETACH). */
    void bpfProgDetach(int targetFd, int progFd, int attachType);

    /** bpf(BPF_PROG_QUERY): the ids of the programs attached to {@code targetFd}. */
    int[] bpfProgQuery(int targetFd, int attachType);

    /** bpf(BPF_PROG_GET_FD_BY_ID). */
    int bpfProgGetFdById(int id);

    /** keyctl(KEYCTL_JOIN_SESSION_KEYRING, name); null joins a new anonymous keyring. Returns its serial. */
    int keyctlJoinSessionKeyring(String name);

    /** keyctl(KEYCTL_DESCRIBE): "type;uid;gid;perm;description". */
    String keyctlDescribe(int keyId);

    /** keyctl(KEYCTL_SETPERM). */
    void keyctlSetperm(int keyId, int perm);

    /** ioprio_set(2). */
    void ioprioSet(int which, int who, int ioprio);

    /** sched_setattr(2) for {@code pid} (0 = this thread). */
    void schedSetattr(int pid, SchedAttr attr);

    /** capget(2) (version 3) for {@code pid} (0 = this thread). */
    CapabilitySets capget(int pid);

    /** capset(2) (version 3) for this thread. */
    void capset(CapabilitySets caps);

    void setresuid(int ruid, int euid, int suid);

    void setresgid(int rgid, int egid, int sgid);

    void setgroups(int[] gids);

    int setsid();

    void sethostname(String name);

    void setdomainname(String name);

    /** prlimit64(2) setting both limits; {@code pid} 0 = this process. Use {@link Linux#RLIM_INFINITY} for unlimited. */
    void setrlimit(int pid, int resource, long soft, long hard);

    /** prlimit64(2) reading: {soft, hard}. */
    long[] getrlimit(int pid, int resource);

    /** setpgid(2). */
    void setpgid(int pid, int pgid);

    /** umask(2): returns the previous mask. */
    int umask(int mask);

    void chdir(String path);

    void fchdir(int fd);

    void chroot(String path);

    /** personality(2); returns the previous persona. */
    int personality(long persona);

    /** rt_sigprocmask(2) on a 64-bit set; returns the previous set. */
    long sigprocmask(int how, long set);

    /** signalfd4(2) on a 64-bit set; {@code fd} -1 creates a new one. */
    int signalfd(int fd, long mask, int flags);

    /** rt_sigaction(2) setting SIG_DFL or SIG_IGN ({@code ignore}) for {@code signal}. */
    void setSignalDisposition(int signal, boolean ignore);

    // ---- mounts ------------------------------------------------------------------------------

    /** mount(2); null {@code source}, {@code fstype} or {@code data} pass NULL. */
    void mount(String source, String target, String fstype, long flags, String data);

    void umount2(String target, int flags);

    void pivotRoot(String newRoot, String putOld);

    /** mount_setattr(2) with struct mount_attr. All-zero attributes are a no-op: the kernel returns 0 without even resolving the path. */
    void mountSetattr(int dirfd, String path, int flags, long attrSet, long attrClr, long propagation, long usernsFd);

    /** open_tree(2); returns a mount fd (OPEN_TREE_CLONE for a detached copy). */
    int openTree(int dirfd, String path, int flags);

    /** move_mount(2). */
    void moveMount(int fromDirfd, String fromPath, int toDirfd, String toPath, int flags);

    // ---- system ------------------------------------------------------------------------------

    Uname uname();

    /** getcwd(2). */
    String getcwd();

    /** The process environment as passed to execve (read from /proc/self/environ), in order. */
    List<String> environment();

    // ---- value types -------------------------------------------------------------------------

    record DirEntry(long inode, int type, String name) {}

    record FileStat(int mode, int uid, int gid, long size, long inode, int nlink,
                    int devMajor, int devMinor, int rdevMajor, int rdevMinor, long mountId) {
        public int fileType() { return mode & Linux.S_IFMT; }
        public boolean isDirectory() { return fileType() == Linux.S_IFDIR; }
        public boolean isRegular() { return fileType() == Linux.S_IFREG; }
        public boolean isSymlink() { return fileType() == Linux.S_IFLNK; }
    }

    /** A wait4 result: {@code status} is the raw wait status (decode with {@link Linux#exitCode}). */
    record WaitStatus(int pid, int status) {}

    /** The capget/capset sets as 64-bit masks (bit N = capability N); bounding and ambient are prctl-managed. */
    record CapabilitySets(long effective, long permitted, long inheritable) {}

    record Uname(String sysname, String nodename, String release, String version, String machine, String domainname) {}

    /** statfs(2) result: f_type (a *_MAGIC), f_bsize, f_flags (ST_* mount flags). */
    record Statfs(long type, long blockSize, long flags) {}

    /** struct winsize without the unused pixel sizes. */
    record WindowSize(int rows, int cols) {}

    /** A recvmsg result: the bytes received and the fd passed along, -1 when none came. */
    record ReceivedFd(byte[] data, int fd) {}

    /** struct sched_attr's settable part (OCI process.scheduler). */
    record SchedAttr(int policy, long flags, int nice, int priority, long runtime, long deadline, long period) {}

    /** The kernel's struct termios (TCGETS): four flag words, the line discipline and 19 control chars. */
    record Termios(int iflag, int oflag, int cflag, int lflag, int line, byte[] cc) {
        /** cfmakeraw(3): no echo, no line editing, no signals from keys, 8-bit bytes, one byte per read. */
        public Termios raw() {
            byte[] c = cc.clone();
            c[Linux.VMIN] = 1;
            c[Linux.VTIME] = 0;
            return new Termios(
                    iflag & ~(Linux.IGNBRK | Linux.BRKINT | Linux.PARMRK | Linux.ISTRIP | Linux.INLCR
                            | Linux.IGNCR | Linux.ICRNL | Linux.IXON),
                    oflag & ~Linux.OPOST,
                    (cflag & ~(Linux.CSIZE | Linux.PARENB)) | Linux.CS8,
                    lflag & ~(Linux.ECHO | Linux.ECHONL | Linux.ICANON | Linux.ISIG | Linux.IEXTEN),
                    line, c);
        }
    }
}

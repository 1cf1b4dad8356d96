package io.jrunc.sys;

import io.jrunc.JruncException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Linux x86-64 kernel constants and the name tables runc exposes to users (signals,
 * capabilities, rlimits, namespace types). Syscall numbers keep the kernel's spelling
 * ({@code SYS_openat}) so they read like {@code <sys/syscall.h>}.
 */
public final class Linux {
    private Linux() {}

    // ---- syscall numbers (x86-64) ------------------------------------------------------------

    public static final int SYS_read = 0;
    public static final int SYS_write = 1;
    public static final int SYS_close = 3;
    public static final int SYS_poll = 7;
    public static final int SYS_lseek = 8;
    public static final int SYS_rt_sigaction = 13;
    public static final int SYS_rt_sigprocmask = 14;
    public static final int SYS_ioctl = 16;
    public static final int SYS_getpid = 39;
    public static final int SYS_socket = 41;
    public static final int SYS_connect = 42;
    public static final int SYS_sendmsg = 46;
    public static final int SYS_recvmsg = 47;
    public static final int SYS_bind = 49;
    public static final int SYS_listen = 50;
    public static final int SYS_socketpair = 53;
    public static final int SYS_clone = 56;
    public static final int SYS_execve = 59;
    public static final int SYS_exit = 60;
    public static final int SYS_wait4 = 61;
    public static final int SYS_kill = 62;
    public static final int SYS_uname = 63;
    public static final int SYS_fcntl = 72;
    public static final int SYS_fsync = 74;
    public static final int SYS_ftruncate = 77;
    public static final int SYS_getcwd = 79;
    public static final int SYS_chdir = 80;
    public static final int SYS_fchdir = 81;
    public static final int SYS_fchmod = 91;
    public static final int SYS_fchown = 93;
    public static final int SYS_umask = 95;
    public static final int SYS_getuid = 102;
    public static final int SYS_getgid = 104;
    public static final int SYS_geteuid = 107;
    public static final int SYS_getegid = 108;
    public static final int SYS_setpgid = 109;
    public static final int SYS_getppid = 110;
    public static final int SYS_setsid = 112;
    public static final int SYS_setgroups = 116;
    public static final int SYS_setresuid = 117;
    public static final int SYS_setresgid = 119;
    public static final int SYS_capget = 125;
    public static final int SYS_capset = 126;
    public static final int SYS_personality = 135;
    public static final int SYS_statfs = 137;
    public static final int SYS_fstatfs = 138;
    public static final int SYS_pivot_root = 155;
    public static final int SYS_prctl = 157;
    public static final int SYS_chroot = 161;
    public static final int SYS_mount = 165;
    public static final int SYS_umount2 = 166;
    public static final int SYS_sethostname = 170;
    public static final int SYS_setdomainname = 171;
    public static final int SYS_gettid = 186;
    public static final int SYS_getdents64 = 217;
    public static final int SYS_exit_group = 231;
    public static final int SYS_keyctl = 250;
    public static final int SYS_ioprio_set = 251;
    public static final int SYS_openat = 257;
    public static final int SYS_mkdirat = 258;
    public static final int SYS_mknodat = 259;
    public static final int SYS_fchownat = 260;
    public static final int SYS_unlinkat = 263;
    public static final int SYS_symlinkat = 266;
    public static final int SYS_readlinkat = 267;
    public static final int SYS_fchmodat = 268;
    public static final int SYS_unshare = 272;
    public static final int SYS_accept4 = 288;
    public static final int SYS_signalfd4 = 289;
    public static final int SYS_dup3 = 292;
    public static final int SYS_pipe2 = 293;
    public static final int SYS_prlimit64 = 302;
    public static final int SYS_setns = 308;
    public static final int SYS_sched_setattr = 314;
    public static final int SYS_renameat2 = 316;
    public static final int SYS_seccomp = 317;
    public static final int SYS_getrandom = 318;
    public static final int SYS_memfd_create = 319;
    public static final int SYS_bpf = 321;
    public static final int SYS_execveat = 322;
    public static final int SYS_statx = 332;
    public static final int SYS_pidfd_send_signal = 424;
    public static final int SYS_open_tree = 428;
    public static final int SYS_move_mount = 429;
    public static final int SYS_fsopen = 430;
    public static final int SYS_fsconfig = 431;
    public static final int SYS_fsmount = 432;
    public static final int SYS_fspick = 433;
    public static final int SYS_pidfd_open = 434;
    public static final int SYS_clone3 = 435;
    public static final int SYS_close_range = 436;
    public static final int SYS_openat2 = 437;
    public static final int SYS_pidfd_getfd = 438;
    public static final int SYS_faccessat2 = 439;
    public static final int SYS_mount_setattr = 442;

    // ---- open(2) -----------------------------------------------------------------------------

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 01;
    public static final int O_RDWR = 02;
    public static final int O_ACCMODE = 03;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DSYNC = 010000;
    public static final int O_DIRECT = 040000;
    public static final int O_LARGEFILE = 0100000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_NOATIME = 01000000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_SYNC = 04010000;
    public static final int O_PATH = 010000000;
    public static final int O_TMPFILE = 020200000;

    // ---- *at(2) ------------------------------------------------------------------------------

    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    /** faccessat2: check with the effective ids (same value as AT_REMOVEDIR, different call). */
    public static final int AT_EACCESS = 0x200;
    public static final int AT_SYMLINK_FOLLOW = 0x400;
    public static final int AT_NO_AUTOMOUNT = 0x800;
    public static final int AT_EMPTY_PATH = 0x1000;
    public static final int AT_STATX_SYNC_AS_STAT = 0;
    public static final int AT_RECURSIVE = 0x8000;

    /** access modes for faccessat. */
    public static final int F_OK = 0;
    public static final int X_OK = 1;
    public static final int W_OK = 2;
    public static final int R_OK = 4;

    /** renameat2 flags. */
    public static final int RENAME_NOREPLACE = 1;
    public static final int RENAME_EXCHANGE = 2;
    public static final int RENAME_WHITEOUT = 4;

    /** lseek whence. */
    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;
    public static final int SEEK_END = 2;

    // ---- openat2(2) resolve ------------------------------------------------------------------

    public static final long RESOLVE_NO_XDEV = 0x01;
    public static final long RESOLVE_NO_MAGICLINKS = 0x02;
    public static final long RESOLVE_NO_SYMLINKS = 0x04;
    public static final long RESOLVE_BENEATH = 0x08;
    public static final long RESOLVE_IN_ROOT = 0x10;
    public static final long RESOLVE_CACHED = 0x20;

    // ---- statx(2) ----------------------------------------------------------------------------

    public static final int STATX_TYPE = 0x1;
    public static final int STATX_MODE = 0x2;
    public static final int STATX_NLINK = 0x4;
    public static final int STATX_UID = 0x8;
    public static final int STATX_GID = 0x10;
    public static final int STATX_INO = 0x100;
    public static final int STATX_SIZE = 0x200;
    public static final int STATX_BASIC_STATS = 0x7ff;
    public static final int STATX_MNT_ID = 0x1000;

    // ---- file types and modes ----------------------------------------------------------------

    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 060000;
    public static final int S_IFDIR = 040000;
    public static final int S_IFCHR = 020000;
    public static final int S_IFIFO = 010000;
    public static final int S_ISUID = 04000;
    public static final int S_ISGID = 02000;
    public static final int S_ISVTX = 01000;

    /** linux_dirent64.d_type values. */
    public static final int DT_UNKNOWN = 0;
    public static final int DT_FIFO = 1;
    public static final int DT_CHR = 2;
    public static final int DT_DIR = 4;
    public static final int DT_BLK = 6;
    public static final int DT_REG = 8;
    public static final int DT_LNK = 10;
    public static final int DT_SOCK = 12;

    /** The kernel's dev_t encoding (new_encode_dev), as mknodat expects it. */
    public static long makedev(int major, int minor) {
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
    }

    // ---- mount(2) ----------------------------------------------------------------------------

    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_SYNCHRONOUS = 16;
    public static final long MS_REMOUNT = 32;
    public static final long MS_MANDLOCK = 64;
    public static final long MS_DIRSYNC = 128;
    public static final long MS_NOSYMFOLLOW = 256;
    public static final long MS_NOATIME = 1024;
    public static final long MS_NODIRATIME = 2048;
    public static final long MS_BIND = 4096;
    public static final long MS_MOVE = 8192;
    public static final long MS_REC = 16384;
    public static final long MS_SILENT = 32768;
    public static final long MS_POSIXACL = 1 << 16;
    public static final long MS_UNBINDABLE = 1 << 17;
    public static final long MS_PRIVATE = 1 << 18;
    public static final long MS_SLAVE = 1 << 19;
    public static final long MS_SHARED = 1 << 20;
    public static final long MS_RELATIME = 1 << 21;
    public static final long MS_KERNMOUNT = 1 << 22;
    public static final long MS_I_VERSION = 1 << 23;
    public static final long MS_STRICTATIME = 1 << 24;
    public static final long MS_LAZYTIME = 1 << 25;

    /** umount2(2) flags. */
    public static final int MNT_FORCE = 1;
    public static final int MNT_DETACH = 2;
    public static final int MNT_EXPIRE = 4;
    public static final int UMOUNT_NOFOLLOW = 8;

    /** statfs f_flags (ST_*): what a bind remount must keep when the mount is locked. */
    public static final long ST_RDONLY = 1;
    public static final long ST_NOSUID = 2;
    public static final long ST_NODEV = 4;
    public static final long ST_NOEXEC = 8;
    public static final long ST_NOATIME = 1024;
    public static final long ST_NODIRATIME = 2048;
    public static final long ST_RELATIME = 4096;

    /** statfs f_type magic numbers jrunc checks. */
    public static final long CGROUP2_SUPER_MAGIC = 0x63677270L;
    public static final long CGROUP_SUPER_MAGIC = 0x27e0ebL;
    public static final long TMPFS_MAGIC = 0x01021994L;
    public static final long PROC_SUPER_MAGIC = 0x9fa0L;
    public static final long SYSFS_MAGIC = 0x62656572L;
    public static final long OVERLAYFS_SUPER_MAGIC = 0x794c7630L;

    // ---- new mount API -----------------------------------------------------------------------

    public static final long MOUNT_ATTR_RDONLY = 0x1;
    public static final long MOUNT_ATTR_NOSUID = 0x2;
    public static final long MOUNT_ATTR_NODEV = 0x4;
    public static final long MOUNT_ATTR_NOEXEC = 0x8;
    public static final long MOUNT_ATTR__ATIME = 0x70;
    public static final long MOUNT_ATTR_RELATIME = 0x0;
    public static final long MOUNT_ATTR_NOATIME = 0x10;
    public static final long MOUNT_ATTR_STRICTATIME = 0x20;
    public static final long MOUNT_ATTR_NODIRATIME = 0x80;
    public static final long MOUNT_ATTR_IDMAP = 0x100000;
    public static final long MOUNT_ATTR_NOSYMFOLLOW = 0x200000;

    public static final int MOVE_MOUNT_F_SYMLINKS = 0x1;
    public static final int MOVE_MOUNT_F_AUTOMOUNTS = 0x2;
    public static final int MOVE_MOUNT_F_EMPTY_PATH = 0x4;
    public static final int MOVE_MOUNT_T_SYMLINKS = 0x10;
    public static final int MOVE_MOUNT_T_AUTOMOUNTS = 0x20;
    public static final int MOVE_MOUNT_T_EMPTY_PATH = 0x40;
    public static final int MOVE_MOUNT_SET_GROUP = 0x100;
    public static final int MOVE_MOUNT_BENEATH = 0x200;

    public static final int OPEN_TREE_CLONE = 1;
    public static final int OPEN_TREE_CLOEXEC = O_CLOEXEC;

    // ---- clone / namespaces ------------------------------------------------------------------

    public static final long CSIGNAL = 0xff;
    public static final long CLONE_NEWTIME = 0x80;
    public static final long CLONE_VM = 0x100;
    public static final long CLONE_FS = 0x200;
    public static final long CLONE_FILES = 0x400;
    public static final long CLONE_SIGHAND = 0x800;
    public static final long CLONE_PIDFD = 0x1000;
    public static final long CLONE_PTRACE = 0x2000;
    public static final long CLONE_VFORK = 0x4000;
    public static final long CLONE_PARENT = 0x8000;
    public static final long CLONE_THREAD = 0x10000;
    public static final long CLONE_NEWNS = 0x20000;
    public static final long CLONE_SYSVSEM = 0x40000;
    public static final long CLONE_SETTLS = 0x80000;
    public static final long CLONE_PARENT_SETTID = 0x100000;
    public static final long CLONE_CHILD_CLEARTID = 0x200000;
    public static final long CLONE_DETACHED = 0x400000;
    public static final long CLONE_UNTRACED = 0x800000;
    public static final long CLONE_CHILD_SETTID = 0x1000000;
    public static final long CLONE_NEWCGROUP = 0x2000000;
    public static final long CLONE_NEWUTS = 0x4000000;
    public static final long CLONE_NEWIPC = 0x8000000;
    public static final long CLONE_NEWUSER = 0x10000000;
    public static final long CLONE_NEWPID = 0x20000000;
    public static final long CLONE_NEWNET = 0x40000000;
    public static final long CLONE_IO = 0x80000000L;
    public static final long CLONE_CLEAR_SIGHAND = 0x100000000L;
    public static final long CLONE_INTO_CGROUP = 0x200000000L;

    /** One namespace kind: its OCI config name, its /proc/PID/ns file name and its clone flag. */
    public record NamespaceType(String ociName, String procName, long cloneFlag) {}

    /** Every namespace kind, in the order runc joins them (user first matters to the caller, not here). */
    public static final List<NamespaceType> NAMESPACE_TYPES = List.of(
            new NamespaceType("user", "user", CLONE_NEWUSER),
            new NamespaceType("ipc", "ipc", CLONE_NEWIPC),
            new NamespaceType("uts", "uts", CLONE_NEWUTS),
            new NamespaceType("network", "net", CLONE_NEWNET),
            new NamespaceType("pid", "pid", CLONE_NEWPID),
            new NamespaceType("mount", "mnt", CLONE_NEWNS),
            new NamespaceType("cgroup", "cgroup", CLONE_NEWCGROUP),
            new NamespaceType("time", "time", CLONE_NEWTIME));

    /** The clone flag of an OCI namespace type ("network" gives CLONE_NEWNET), 0 when unknown. */
    public static long namespaceFlag(String ociName) {
        NamespaceType t = namespaceType(ociName);
        return t == null ? 0 : t.cloneFlag();
    }

    /** The /proc/PID/ns file of an OCI namespace type ("network" gives "net"), null when unknown. */
    public static String namespaceProcName(String ociName) {
        NamespaceType t = namespaceType(ociName);
        return t == null ? null : t.procName();
    }

    /** The namespace kind of an OCI name, null when unknown. */
    public static NamespaceType namespaceType(String ociName) {
        for (NamespaceType t : NAMESPACE_TYPES) {
            if (t.ociName().equals(ociName)) {
                return t;
            }
        }
        return null;
    }

    /** The namespace kind of one CLONE_NEW* flag, null when it is not one. */
    public static NamespaceType namespaceTypeOfFlag(long flag) {
        for (NamespaceType t : NAMESPACE_TYPES) {
            if (t.cloneFlag() == flag) {
                return t;
            }
        }
        return null;
    }

    // ---- signals -----------------------------------------------------------------------------

    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGABRT = 6;
    public static final int SIGBUS = 7;
    public static final int SIGFPE = 8;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGSEGV = 11;
    public static final int SIGUSR2 = 12;
    public static final int SIGPIPE = 13;
    public static final int SIGALRM = 14;
    public static final int SIGTERM = 15;
    public static final int SIGSTKFLT = 16;
    public static final int SIGCHLD = 17;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;
    public static final int SIGTSTP = 20;
    public static final int SIGTTIN = 21;
    public static final int SIGTTOU = 22;
    public static final int SIGURG = 23;
    public static final int SIGXCPU = 24;
    public static final int SIGXFSZ = 25;
    public static final int SIGVTALRM = 26;
    public static final int SIGPROF = 27;
    public static final int SIGWINCH = 28;
    public static final int SIGIO = 29;
    public static final int SIGPWR = 30;
    public static final int SIGSYS = 31;
    /** The kernel's first real-time signal (glibc reserves 32 and 33 and calls 34 SIGRTMIN). */
    public static final int SIGRTMIN = 34;
    public static final int SIGRTMAX = 64;

    /** Index = signal number; the names Go's x/sys/unix knows (1..31), which are all runc accepts. */
    private static final String[] SIGNAL_NAMES = {
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
        "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    };

    /**
     * Parses a signal the way {@code runc kill} does: a decimal number is taken as is (any value,
     * the kernel judges it), otherwise the name, case-insensitive, with or without "SIG"
     * ("KILL", "sigkill"). Only the 31 classic names are known, as in runc; real-time signals
     * must be given by number.
     *
     * @throws JruncException {@code unknown signal "X"} (runc's message) for anything else
     */
    public static int signalNumber(String raw) {
        if (raw.matches("[+-]?[0-9]+")) {
            try {
                return Integer.parseInt(raw);
            } catch (NumberFormatException tooBig) {
                // Go's Atoi fails on overflow too, and then the name lookup fails: same message
            }
        }
        String sig = raw.toUpperCase(Locale.ROOT);
        if (!sig.startsWith("SIG")) {
            sig = "SIG" + sig;
        }
        for (int i = 1; i < SIGNAL_NAMES.length; i++) {
            if (SIGNAL_NAMES[i].equals(sig)) {
                return i;
            }
        }
        throw new JruncException("unknown signal " + GoQuote.quote(raw));
    }

    /**
     * The conventional name of a signal: "SIGKILL"; real-time ones as {@code kill -l} prints
     * them ("SIGRTMIN", "SIGRTMIN+1" .. "SIGRTMAX-1", "SIGRTMAX"); "SIG" + number otherwise.
     */
    public static String signalName(int signal) {
        if (signal >= 1 && signal < SIGNAL_NAMES.length) {
            return SIGNAL_NAMES[signal];
        }
        if (signal == SIGRTMIN) {
            return "SIGRTMIN";
        }
        if (signal == SIGRTMAX) {
            return "SIGRTMAX";
        }
        int middle = (SIGRTMIN + SIGRTMAX) / 2; // 49: the split kill -l uses
        if (signal > SIGRTMIN && signal <= middle) {
            return "SIGRTMIN+" + (signal - SIGRTMIN);
        }
        if (signal > middle && signal < SIGRTMAX) {
            return "SIGRTMAX-" + (SIGRTMAX - signal);
        }
        return "SIG" + signal;
    }

    /** rt_sigprocmask how. */
    public static final int SIG_BLOCK = 0;
    public static final int SIG_UNBLOCK = 1;
    public static final int SIG_SETMASK = 2;

    /** sigaction handlers. */
    public static final long SIG_DFL = 0;
    public static final long SIG_IGN = 1;
    public static final long SA_RESTORER = 0x04000000L;

    /** The bit of {@code signal} in a 64-bit kernel sigset. */
    public static long sigmask(int signal) {
        return 1L << (signal - 1);
    }

    /** signalfd4 flags. */
    public static final int SFD_NONBLOCK = O_NONBLOCK;
    public static final int SFD_CLOEXEC = O_CLOEXEC;

    // ---- wait --------------------------------------------------------------------------------

    public static final int WNOHANG = 1;
    public static final int WUNTRACED = 2;
    public static final int WCONTINUED = 8;
    public static final int WNOTHREAD = 0x20000000;
    public static final int WALL = 0x40000000;
    public static final int WCLONE = 0x80000000;

    /** WIFEXITED. */
    public static boolean isExited(int status) {
        return (status & 0x7f) == 0;
    }

    /** WIFSIGNALED. */
    public static boolean isSignaled(int status) {
        return ((byte) ((status & 0x7f) + 1) >> 1) > 0;
    }

    /** WIFSTOPPED. */
    public static boolean isStopped(int status) {
        return (status & 0xff) == 0x7f;
    }

    /** WEXITSTATUS. */
    public static int exitStatus(int status) {
        return (status >> 8) & 0xff;
    }

    /** WTERMSIG. */
    public static int termSignal(int status) {
        return status & 0x7f;
    }

    /** WSTOPSIG. */
    public static int stopSignal(int status) {
        return (status >> 8) & 0xff;
    }

    /** WCOREDUMP. */
    public static boolean coreDumped(int status) {
        return (status & 0x80) != 0;
    }

    /**
     * The exit code a shell (and runc's {@code run}) reports for a wait status: the exit status,
     * 128 + signal for a signal death, -1 for a stop/continue report.
     */
    public static int exitCode(int status) {
        if (isExited(status)) {
            return exitStatus(status);
        }
        if (isSignaled(status)) {
            return 128 + termSignal(status);
        }
        return -1;
    }

    // ---- prctl -------------------------------------------------------------------------------

    public static final int PR_SET_PDEATHSIG = 1;
    public static final int PR_GET_PDEATHSIG = 2;
    public static final int PR_GET_DUMPABLE = 3;
    public static final int PR_SET_DUMPABLE = 4;
    public static final int PR_GET_KEEPCAPS = 7;
    public static final int PR_SET_KEEPCAPS = 8;
    public static final int PR_SET_NAME = 15;
    public static final int PR_GET_NAME = 16;
    public static final int PR_GET_SECCOMP = 21;
    public static final int PR_SET_SECCOMP = 22;
    public static final int PR_CAPBSET_READ = 23;
    public static final int PR_CAPBSET_DROP = 24;
    public static final int PR_GET_SECUREBITS = 27;
    public static final int PR_SET_SECUREBITS = 28;
    public static final int PR_SET_CHILD_SUBREAPER = 36;
    public static final int PR_GET_CHILD_SUBREAPER = 37;
    public static final int PR_SET_NO_NEW_PRIVS = 38;
    public static final int PR_GET_NO_NEW_PRIVS = 39;
    public static final int PR_CAP_AMBIENT = 47;
    public static final int PR_CAP_AMBIENT_IS_SET = 1;
    public static final int PR_CAP_AMBIENT_RAISE = 2;
    public static final int PR_CAP_AMBIENT_LOWER = 3;
    public static final int PR_CAP_AMBIENT_CLEAR_ALL = 4;

    /** personality(2). */
    public static final long PER_LINUX = 0x0;
    public static final long PER_LINUX32 = 0x8;
    /** personality(0xffffffff) only queries. */
    public static final long PERSONALITY_QUERY = 0xffffffffL;

    // ---- rlimits -----------------------------------------------------------------------------

    public static final int RLIMIT_CPU = 0;
    public static final int RLIMIT_FSIZE = 1;
    public static final int RLIMIT_DATA = 2;
    public static final int RLIMIT_STACK = 3;
    public static final int RLIMIT_CORE = 4;
    public static final int RLIMIT_RSS = 5;
    public static final int RLIMIT_NPROC = 6;
    public static final int RLIMIT_NOFILE = 7;
    public static final int RLIMIT_MEMLOCK = 8;
    public static final int RLIMIT_AS = 9;
    public static final int RLIMIT_LOCKS = 10;
    public static final int RLIMIT_SIGPENDING = 11;
    public static final int RLIMIT_MSGQUEUE = 12;
    public static final int RLIMIT_NICE = 13;
    public static final int RLIMIT_RTPRIO = 14;
    public static final int RLIMIT_RTTIME = 15;
    /** ~0UL: "unlimited" for prlimit64. */
    public static final long RLIM_INFINITY = -1L;

    private static final String[] RLIMIT_NAMES = {
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS",
        "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS",
        "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    };

    /** The resource number of an OCI rlimit type ("RLIMIT_NOFILE" gives 7; exact case, as runc), -1 when unknown. */
    public static int rlimitNumber(String name) {
        for (int i = 0; i < RLIMIT_NAMES.length; i++) {
            if (RLIMIT_NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** "RLIMIT_NOFILE" for 7; null when unknown. */
    public static String rlimitName(int resource) {
        return resource >= 0 && resource < RLIMIT_NAMES.length ? RLIMIT_NAMES[resource] : null;
    }

    // ---- capabilities ------------------------------------------------------------------------

    public static final int CAP_CHOWN = 0;
    public static final int CAP_DAC_OVERRIDE = 1;
    public static final int CAP_DAC_READ_SEARCH = 2;
    public static final int CAP_FOWNER = 3;
    public static final int CAP_FSETID = 4;
    public static final int CAP_KILL = 5;
    public static final int CAP_SETGID = 6;
    public static final int CAP_SETUID = 7;
    public static final int CAP_SETPCAP = 8;
    public static final int CAP_LINUX_IMMUTABLE = 9;
    public static final int CAP_NET_BIND_SERVICE = 10;
    public static final int CAP_NET_BROADCAST = 11;
    public static final int CAP_NET_ADMIN = 12;
    public static final int CAP_NET_RAW = 13;
    public static final int CAP_IPC_LOCK = 14;
    public static final int CAP_IPC_OWNER = 15;
    public static final int CAP_SYS_MODULE = 16;
    public static final int CAP_SYS_RAWIO = 17;
    public static final int CAP_SYS_CHROOT = 18;
    public static final int CAP_SYS_PTRACE = 19;
    public static final int CAP_SYS_PACCT = 20;
    public static final int CAP_SYS_ADMIN = 21;
    public static final int CAP_SYS_BOOT = 22;
    public static final int CAP_SYS_NICE = 23;
    public static final int CAP_SYS_RESOURCE = 24;
    public static final int CAP_SYS_TIME = 25;
    public static final int CAP_SYS_TTY_CONFIG = 26;
    public static final int CAP_MKNOD = 27;
    public static final int CAP_LEASE = 28;
    public static final int CAP_AUDIT_WRITE = 29;
    public static final int CAP_AUDIT_CONTROL = 30;
    public static final int CAP_SETFCAP = 31;
    public static final int CAP_MAC_OVERRIDE = 32;
    public static final int CAP_MAC_ADMIN = 33;
    public static final int CAP_SYSLOG = 34;
    public static final int CAP_WAKE_ALARM = 35;
    public static final int CAP_BLOCK_SUSPEND = 36;
    public static final int CAP_AUDIT_READ = 37;
    public static final int CAP_PERFMON = 38;
    public static final int CAP_BPF = 39;
    public static final int CAP_CHECKPOINT_RESTORE = 40;
    /** The highest capability jrunc knows; the running kernel's is in /proc/sys/kernel/cap_last_cap. */
    public static final int CAP_LAST_CAP = CAP_CHECKPOINT_RESTORE;

    /** _LINUX_CAPABILITY_VERSION_3: two 32-bit data words per set. */
    public static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    private static final String[] CAPABILITY_NAMES = {
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
        "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
        "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
        "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
        "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
        "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
        "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE",
        "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
        "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    };

    /**
     * The number of a capability named as in an OCI config ("CAP_SYS_ADMIN"; exact spelling, as
     * runc looks it up), -1 when unknown: runc warns about unknown ones and goes on, so the caller decides.
     */
    public static int capabilityNumber(String name) {
        for (int i = 0; i < CAPABILITY_NAMES.length; i++) {
            if (CAPABILITY_NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** "CAP_SYS_ADMIN" for 21; null when unknown. */
    public static String capabilityName(int cap) {
        return cap >= 0 && cap < CAPABILITY_NAMES.length ? CAPABILITY_NAMES[cap] : null;
    }

    /** Every capability name jrunc knows, in number order. */
    public static List<String> capabilityNames() {
        return Collections.unmodifiableList(new ArrayList<>(List.of(CAPABILITY_NAMES)));
    }

    // ---- terminals ---------------------------------------------------------------------------

    public static final long TCGETS = 0x5401;
    public static final long TCSETS = 0x5402;
    public static final long TCSETSW = 0x5403;
    public static final long TCSETSF = 0x5404;
    public static final long TIOCSCTTY = 0x540E;
    public static final long TIOCGPGRP = 0x540F;
    public static final long TIOCSPGRP = 0x5410;
    public static final long TIOCGWINSZ = 0x5413;
    public static final long TIOCSWINSZ = 0x5414;
    public static final long TIOCNOTTY = 0x5422;
    public static final long TIOCGPTN = 0x80045430L;
    public static final long TIOCSPTLCK = 0x40045431L;
    public static final long TIOCGPTPEER = 0x5441;

    /** termios bits cfmakeraw touches. */
    public static final int IGNBRK = 0000001;
    public static final int BRKINT = 0000002;
    public static final int PARMRK = 0000010;
    public static final int ISTRIP = 0000040;
    public static final int INLCR = 0000100;
    public static final int IGNCR = 0000200;
    public static final int ICRNL = 0000400;
    public static final int IXON = 0002000;
    public static final int OPOST = 0000001;
    public static final int ONLCR = 0000004;
    public static final int CSIZE = 0000060;
    public static final int CS8 = 0000060;
    public static final int PARENB = 0000400;
    public static final int ISIG = 0000001;
    public static final int ICANON = 0000002;
    public static final int ECHO = 0000010;
    public static final int ECHONL = 0000100;
    public static final int IEXTEN = 0100000;
    public static final int VTIME = 5;
    public static final int VMIN = 6;
    /** tcsetattr actions. */
    public static final int TCSANOW = 0;
    public static final int TCSADRAIN = 1;
    public static final int TCSAFLUSH = 2;

    // ---- sockets -----------------------------------------------------------------------------

    public static final int AF_UNIX = 1;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_SEQPACKET = 5;
    public static final int SOCK_NONBLOCK = O_NONBLOCK;
    public static final int SOCK_CLOEXEC = O_CLOEXEC;
    public static final int SOL_SOCKET = 1;
    public static final int SCM_RIGHTS = 1;
    public static final int SCM_CREDENTIALS = 2;
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_CTRUNC = 0x8;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final int MSG_CMSG_CLOEXEC = 0x40000000;

    // ---- poll --------------------------------------------------------------------------------

    public static final short POLLIN = 0x1;
    public static final short POLLPRI = 0x2;
    public static final short POLLOUT = 0x4;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;
    public static final short POLLRDHUP = 0x2000;

    // ---- fcntl -------------------------------------------------------------------------------

    public static final int F_DUPFD = 0;
    public static final int F_GETFD = 1;
    public static final int F_SETFD = 2;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int F_DUPFD_CLOEXEC = 1030;
    public static final int F_SETPIPE_SZ = 1031;
    public static final int F_GETPIPE_SZ = 1032;
    public static final int F_ADD_SEALS = 1033;
    public static final int F_GET_SEALS = 1034;
    public static final int F_SEAL_SEAL = 0x1;
    public static final int F_SEAL_SHRINK = 0x2;
    public static final int F_SEAL_GROW = 0x4;
    public static final int F_SEAL_WRITE = 0x8;
    public static final int F_SEAL_FUTURE_WRITE = 0x10;
    public static final int FD_CLOEXEC = 1;

    /** close_range flags. */
    public static final int CLOSE_RANGE_UNSHARE = 0x2;
    public static final int CLOSE_RANGE_CLOEXEC = 0x4;

    /** memfd_create flags. */
    public static final int MFD_CLOEXEC = 0x1;
    public static final int MFD_ALLOW_SEALING = 0x2;
    public static final int MFD_NOEXEC_SEAL = 0x8;
    public static final int MFD_EXEC = 0x10;

    /** pidfd_open flags. */
    public static final int PIDFD_NONBLOCK = O_NONBLOCK;

    /** getrandom flags. */
    public static final int GRND_NONBLOCK = 0x1;

    // ---- seccomp -----------------------------------------------------------------------------

    public static final int SECCOMP_SET_MODE_STRICT = 0;
    public static final int SECCOMP_SET_MODE_FILTER = 1;
    public static final int SECCOMP_GET_ACTION_AVAIL = 2;
    public static final int SECCOMP_GET_NOTIF_SIZES = 3;
    public static final int SECCOMP_FILTER_FLAG_TSYNC = 1;
    public static final int SECCOMP_FILTER_FLAG_LOG = 2;
    public static final int SECCOMP_FILTER_FLAG_SPEC_ALLOW = 4;
    public static final int SECCOMP_FILTER_FLAG_NEW_LISTENER = 8;
    public static final int SECCOMP_FILTER_FLAG_TSYNC_ESRCH = 16;
    public static final int SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV = 32;
    public static final int SECCOMP_RET_KILL_PROCESS = 0x80000000;
    public static final int SECCOMP_RET_KILL_THREAD = 0x00000000;
    public static final int SECCOMP_RET_TRAP = 0x00030000;
    public static final int SECCOMP_RET_ERRNO = 0x00050000;
    public static final int SECCOMP_RET_USER_NOTIF = 0x7fc00000;
    public static final int SECCOMP_RET_TRACE = 0x7ff00000;
    public static final int SECCOMP_RET_LOG = 0x7ffc0000;
    public static final int SECCOMP_RET_ALLOW = 0x7fff0000;
    /** AUDIT_ARCH_X86_64, the seccomp_data.arch of this machine. */
    public static final int AUDIT_ARCH_X86_64 = 0xc000003e;

    // ---- bpf (cgroup v2 device filter) -------------------------------------------------------

    public static final int BPF_PROG_LOAD = 5;
    public static final int BPF_PROG_ATTACH = 8;
    public static final int BPF_PROG_DETACH = 9;
    public static final int BPF_PROG_GET_FD_BY_ID = 13;
    public static final int BPF_PROG_QUERY = 16;
    public static final int BPF_PROG_TYPE_CGROUP_DEVICE = 15;
    public static final int BPF_CGROUP_DEVICE = 6;
    public static final int BPF_F_ALLOW_OVERRIDE = 1;
    public static final int BPF_F_ALLOW_MULTI = 2;
    public static final int BPF_F_REPLACE = 4;

    // ---- keyrings ----------------------------------------------------------------------------

    public static final int KEYCTL_JOIN_SESSION_KEYRING = 1;
    public static final int KEYCTL_SETPERM = 5;
    public static final int KEYCTL_DESCRIBE = 6;
    public static final int KEY_SPEC_SESSION_KEYRING = -3;

    // ---- io priority / scheduling ------------------------------------------------------------

    public static final int IOPRIO_WHO_PROCESS = 1;
    public static final int IOPRIO_CLASS_NONE = 0;
    public static final int IOPRIO_CLASS_RT = 1;
    public static final int IOPRIO_CLASS_BE = 2;
    public static final int IOPRIO_CLASS_IDLE = 3;

    /** IOPRIO_PRIO_VALUE(class, data). */
    public static int ioprioValue(int ioClass, int data) {
        return (ioClass << 13) | data;
    }

    public static final int SCHED_OTHER = 0;
    public static final int SCHED_FIFO = 1;
    public static final int SCHED_RR = 2;
    public static final int SCHED_BATCH = 3;
    public static final int SCHED_IDLE = 5;
    public static final int SCHED_DEADLINE = 6;
    public static final long SCHED_FLAG_RESET_ON_FORK = 0x01;
}

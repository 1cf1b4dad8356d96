package io.jrunc.sys;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jrunc.sys.Linux.*;

/**
 * How {@link RecordingSyscalls} prints arguments: strings quoted, flags by their kernel names
 * joined with '|' (unknown bits as hex), modes in octal, signals by name. Stable, so tests can
 * compare whole lines.
 */
public final class SyscallFormat {
    private SyscallFormat() {}

    private static Map<String, Long> table(Object... nameValue) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], ((Number) nameValue[i + 1]).longValue());
        }
        return m;
    }

    /** Multi-bit names first, so O_TMPFILE wins over O_DIRECTORY and O_SYNC over O_DSYNC. */
    static final Map<String, Long> OPEN_FLAGS = table(
            "O_TMPFILE", O_TMPFILE, "O_SYNC", O_SYNC, "O_CREAT", O_CREAT, "O_EXCL", O_EXCL,
            "O_NOCTTY", O_NOCTTY, "O_TRUNC", O_TRUNC, "O_APPEND", O_APPEND, "O_NONBLOCK", O_NONBLOCK,
            "O_DSYNC", O_DSYNC, "O_DIRECT", O_DIRECT, "O_LARGEFILE", O_LARGEFILE, "O_DIRECTORY", O_DIRECTORY,
            "O_NOFOLLOW", O_NOFOLLOW, "O_NOATIME", O_NOATIME, "O_CLOEXEC", O_CLOEXEC, "O_PATH", O_PATH);

    static final Map<String, Long> AT_FLAGS = table(
            "AT_SYMLINK_NOFOLLOW", AT_SYMLINK_NOFOLLOW, "AT_REMOVEDIR", AT_REMOVEDIR,
            "AT_SYMLINK_FOLLOW", AT_SYMLINK_FOLLOW, "AT_NO_AUTOMOUNT", AT_NO_AUTOMOUNT,
            "AT_EMPTY_PATH", AT_EMPTY_PATH, "AT_RECURSIVE", AT_RECURSIVE);

    static final Map<String, Long> ACCESS_FLAGS = table(
            "AT_SYMLINK_NOFOLLOW", AT_SYMLINK_NOFOLLOW, "AT_EACCESS", AT_EACCESS, "AT_EMPTY_PATH", AT_EMPTY_PATH);

    static final Map<String, Long> ACCESS_MODES = table("R_OK", R_OK, "W_OK", W_OK, "X_OK", X_OK);

    static final Map<String, Long> RESOLVE_FLAGS = table(
            "RESOLVE_NO_XDEV", RESOLVE_NO_XDEV, "RESOLVE_NO_MAGICLINKS", RESOLVE_NO_MAGICLINKS,
            "RESOLVE_NO_SYMLINKS", RESOLVE_NO_SYMLINKS, "RESOLVE_BENEATH", RESOLVE_BENEATH,
            "RESOLVE_IN_ROOT", RESOLVE_IN_ROOT, "RESOLVE_CACHED", RESOLVE_CACHED);

    static final Map<String, Long> MOUNT_FLAGS = table(
            "MS_RDONLY", MS_RDONLY, "MS_NOSUID", MS_NOSUID, "MS_NODEV", MS_NODEV, "MS_NOEXEC", MS_NOEXEC,
            "MS_SYNCHRONOUS", MS_SYNCHRONOUS, "MS_REMOUNT", MS_REMOUNT, "MS_MANDLOCK", MS_MANDLOCK,
            "MS_DIRSYNC", MS_DIRSYNC, "MS_NOSYMFOLLOW", MS_NOSYMFOLLOW, "MS_NOATIME", MS_NOATIME,
            "MS_NODIRATIME", MS_NODIRATIME, "MS_BIND", MS_BIND, "MS_MOVE", MS_MOVE, "MS_REC", MS_REC,
            "MS_SILENT", MS_SILENT, "MS_POSIXACL", MS_POSIXACL, "MS_UNBINDABLE", MS_UNBINDABLE,
            "MS_PRIVATE", MS_PRIVATE, "MS_SLAVE", MS_SLAVE, "MS_SHARED", MS_SHARED,
            "MS_RELATIME", MS_RELATIME, "MS_KERNMOUNT", MS_KERNMOUNT, "MS_I_VERSION", MS_I_VERSION,
            "MS_STRICTATIME", MS_STRICTATIME, "MS_LAZYTIME", MS_LAZYTIME);

    static final Map<String, Long> UMOUNT_FLAGS = table(
            "MNT_FORCE", MNT_FORCE, "MNT_DETACH", MNT_DETACH, "MNT_EXPIRE", MNT_EXPIRE,
            "UMOUNT_NOFOLLOW", UMOUNT_NOFOLLOW);

    static final Map<String, Long> MOUNT_ATTRS = table(
            "MOUNT_ATTR_RDONLY", MOUNT_ATTR_RDONLY, "MOUNT_ATTR_NOSUID", MOUNT_ATTR_NOSUID,
            "MOUNT_ATTR_NODEV", MOUNT_ATTR_NODEV, "MOUNT_ATTR_NOEXEC", MOUNT_ATTR_NOEXEC,
            "MOUNT_ATTR__ATIME", MOUNT_ATTR__ATIME, "MOUNT_ATTR_NOATIME", MOUNT_ATTR_NOATIME,
            "MOUNT_ATTR_STRICTATIME", MOUNT_ATTR_STRICTATIME, "MOUNT_ATTR_NODIRATIME", MOUNT_ATTR_NODIRATIME,
            "MOUNT_ATTR_IDMAP", MOUNT_ATTR_IDMAP, "MOUNT_ATTR_NOSYMFOLLOW", MOUNT_ATTR_NOSYMFOLLOW);

    static final Map<String, Long> MOVE_MOUNT_FLAGS = table(
            "MOVE_MOUNT_F_SYMLINKS", MOVE_MOUNT_F_SYMLINKS, "MOVE_MOUNT_F_AUTOMOUNTS", MOVE_MOUNT_F_AUTOMOUNTS,
            "MOVE_MOUNT_F_EMPTY_PATH", MOVE_MOUNT_F_EMPTY_PATH, "MOVE_MOUNT_T_SYMLINKS", MOVE_MOUNT_T_SYMLINKS,
            "MOVE_MOUNT_T_AUTOMOUNTS", MOVE_MOUNT_T_AUTOMOUNTS, "MOVE_MOUNT_T_EMPTY_PATH", MOVE_MOUNT_T_EMPTY_PATH,
            "MOVE_MOUNT_SET_GROUP", MOVE_MOUNT_SET_GROUP, "MOVE_MOUNT_BENEATH", MOVE_MOUNT_BENEATH);

    static final Map<String, Long> OPEN_TREE_FLAGS = table(
            "OPEN_TREE_CLONE", OPEN_TREE_CLONE, "OPEN_TREE_CLOEXEC", OPEN_TREE_CLOEXEC,
            "AT_SYMLINK_NOFOLLOW", AT_SYMLINK_NOFOLLOW, "AT_NO_AUTOMOUNT", AT_NO_AUTOMOUNT,
            "AT_EMPTY_PATH", AT_EMPTY_PATH, "AT_RECURSIVE", AT_RECURSIVE);

    static final Map<String, Long> CLONE_FLAGS = table(
            "CLONE_NEWTIME", CLONE_NEWTIME, "CLONE_VM", CLONE_VM, "CLONE_FS", CLONE_FS,
            "CLONE_FILES", CLONE_FILES, "CLONE_SIGHAND", CLONE_SIGHAND, "CLONE_PIDFD", CLONE_PIDFD,
            "CLONE_PTRACE", CLONE_PTRACE, "CLONE_VFORK", CLONE_VFORK, "CLONE_PARENT", CLONE_PARENT,
            "CLONE_THREAD", CLONE_THREAD, "CLONE_NEWNS", CLONE_NEWNS, "CLONE_SYSVSEM", CLONE_SYSVSEM,
            "CLONE_SETTLS", CLONE_SETTLS, "CLONE_PARENT_SETTID", CLONE_PARENT_SETTID,
            "CLONE_CHILD_CLEARTID", CLONE_CHILD_CLEARTID, "CLONE_UNTRACED", CLONE_UNTRACED,
            "CLONE_CHILD_SETTID", CLONE_CHILD_SETTID, "CLONE_NEWCGROUP", CLONE_NEWCGROUP,
            "CLONE_NEWUTS", CLONE_NEWUTS, "CLONE_NEWIPC", CLONE_NEWIPC, "CLONE_NEWUSER", CLONE_NEWUSER,
            "CLONE_NEWPID", CLONE_NEWPID, "CLONE_NEWNET", CLONE_NEWNET, "CLONE_IO", CLONE_IO,
            "CLONE_CLEAR_SIGHAND", CLONE_CLEAR_SIGHAND, "CLONE_INTO_CGROUP", CLONE_INTO_CGROUP);

    static final Map<String, Long> SOCK_TYPES = table(
            "SOCK_STREAM", SOCK_STREAM, "SOCK_DGRAM", SOCK_DGRAM, "SOCK_SEQPACKET", SOCK_SEQPACKET);

    static final Map<String, Long> SOCK_FLAGS = table("SOCK_NONBLOCK", SOCK_NONBLOCK, "SOCK_CLOEXEC", SOCK_CLOEXEC);

    static final Map<String, Long> WAIT_FLAGS = table(
            "WNOHANG", WNOHANG, "WUNTRACED", WUNTRACED, "WCONTINUED", WCONTINUED,
            "__WNOTHREAD", WNOTHREAD, "__WALL", WALL, "__WCLONE", WCLONE & 0xffffffffL);

    static final Map<String, Long> PRCTL_OPTIONS = table(
            "PR_SET_PDEATHSIG", PR_SET_PDEATHSIG, "PR_GET_PDEATHSIG", PR_GET_PDEATHSIG,
            "PR_GET_DUMPABLE", PR_GET_DUMPABLE, "PR_SET_DUMPABLE", PR_SET_DUMPABLE,
            "PR_GET_KEEPCAPS", PR_GET_KEEPCAPS, "PR_SET_KEEPCAPS", PR_SET_KEEPCAPS,
            "PR_SET_NAME", PR_SET_NAME, "PR_GET_NAME", PR_GET_NAME, "PR_GET_SECCOMP", PR_GET_SECCOMP,
            "PR_SET_SECCOMP", PR_SET_SECCOMP, "PR_CAPBSET_READ", PR_CAPBSET_READ,
            "PR_CAPBSET_DROP", PR_CAPBSET_DROP, "PR_GET_SECUREBITS", PR_GET_SECUREBITS,
            "PR_SET_SECUREBITS", PR_SET_SECUREBITS, "PR_SET_CHILD_SUBREAPER", PR_SET_CHILD_SUBREAPER,
            "PR_GET_CHILD_SUBREAPER", PR_GET_CHILD_SUBREAPER, "PR_SET_NO_NEW_PRIVS", PR_SET_NO_NEW_PRIVS,
            "PR_GET_NO_NEW_PRIVS", PR_GET_NO_NEW_PRIVS, "PR_CAP_AMBIENT", PR_CAP_AMBIENT);

    static final Map<String, Long> FCNTL_COMMANDS = table(
            "F_DUPFD", F_DUPFD, "F_GETFD", F_GETFD, "F_SETFD", F_SETFD, "F_GETFL", F_GETFL,
            "F_SETFL", F_SETFL, "F_DUPFD_CLOEXEC", F_DUPFD_CLOEXEC, "F_SETPIPE_SZ", F_SETPIPE_SZ,
            "F_GETPIPE_SZ", F_GETPIPE_SZ, "F_ADD_SEALS", F_ADD_SEALS, "F_GET_SEALS", F_GET_SEALS);

    static final Map<String, Long> IOCTL_REQUESTS = table(
            "TCGETS", TCGETS, "TCSETS", TCSETS, "TCSETSW", TCSETSW, "TCSETSF", TCSETSF,
            "TIOCSCTTY", TIOCSCTTY, "TIOCGPGRP", TIOCGPGRP, "TIOCSPGRP", TIOCSPGRP,
            "TIOCGWINSZ", TIOCGWINSZ, "TIOCSWINSZ", TIOCSWINSZ, "TIOCNOTTY", TIOCNOTTY,
            "TIOCGPTN", TIOCGPTN, "TIOCSPTLCK", TIOCSPTLCK, "TIOCGPTPEER", TIOCGPTPEER);

    static final Map<String, Long> SIGPROCMASK_HOW = table(
            "SIG_BLOCK", SIG_BLOCK, "SIG_UNBLOCK", SIG_UNBLOCK, "SIG_SETMASK", SIG_SETMASK);

    static final Map<String, Long> POLL_EVENTS = table(
            "POLLIN", POLLIN, "POLLPRI", POLLPRI, "POLLOUT", POLLOUT, "POLLERR", POLLERR,
            "POLLHUP", POLLHUP, "POLLNVAL", POLLNVAL, "POLLRDHUP", POLLRDHUP);

    static final Map<String, Long> SFD_FLAGS = table("SFD_NONBLOCK", SFD_NONBLOCK, "SFD_CLOEXEC", SFD_CLOEXEC);

    static final Map<String, Long> MFD_FLAGS = table(
            "MFD_CLOEXEC", MFD_CLOEXEC, "MFD_ALLOW_SEALING", MFD_ALLOW_SEALING,
            "MFD_NOEXEC_SEAL", MFD_NOEXEC_SEAL, "MFD_EXEC", MFD_EXEC);

    static final Map<String, Long> RENAME_FLAGS = table(
            "RENAME_NOREPLACE", RENAME_NOREPLACE, "RENAME_EXCHANGE", RENAME_EXCHANGE, "RENAME_WHITEOUT", RENAME_WHITEOUT);

    static final Map<String, Long> SECCOMP_FLAGS = table(
            "SECCOMP_FILTER_FLAG_TSYNC", SECCOMP_FILTER_FLAG_TSYNC, "SECCOMP_FILTER_FLAG_LOG", SECCOMP_FILTER_FLAG_LOG,
            "SECCOMP_FILTER_FLAG_SPEC_ALLOW", SECCOMP_FILTER_FLAG_SPEC_ALLOW,
            "SECCOMP_FILTER_FLAG_NEW_LISTENER", SECCOMP_FILTER_FLAG_NEW_LISTENER,
            "SECCOMP_FILTER_FLAG_TSYNC_ESRCH", SECCOMP_FILTER_FLAG_TSYNC_ESRCH,
            "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV);

    static final Map<String, Long> CLOSE_RANGE_FLAGS = table(
            "CLOSE_RANGE_UNSHARE", CLOSE_RANGE_UNSHARE, "CLOSE_RANGE_CLOEXEC", CLOSE_RANGE_CLOEXEC);

    /** Bits as names joined by '|'; bits no name covers as one hex number; 0 as "0". */
    public static String flags(long value, Map<String, Long> names) {
        if (value == 0) {
            return "0";
        }
        StringBuilder out = new StringBuilder();
        long rest = value;
        for (Map.Entry<String, Long> e : names.entrySet()) {
            long bits = e.getValue();
            if (bits != 0 && (rest & bits) == bits) {
                append(out, e.getKey());
                rest &= ~bits;
            }
        }
        if (rest != 0) {
            append(out, "0x" + Long.toHexString(rest));
        }
        return out.toString();
    }

    /** One value out of a list of exclusive names (fcntl commands, prctl options): the name or the number. */
    public static String choice(long value, Map<String, Long> names) {
        for (Map.Entry<String, Long> e : names.entrySet()) {
            if (e.getValue() == value) {
                return e.getKey();
            }
        }
        return Long.toString(value);
    }

    private static void append(StringBuilder out, String name) {
        if (!out.isEmpty()) {
            out.append('|');
        }
        out.append(name);
    }

    /** open(2) flags: the access mode by name first, then the other bits. */
    public static String openFlags(long flags) {
        String access = switch ((int) (flags & O_ACCMODE)) {
            case O_WRONLY -> "O_WRONLY";
            case O_RDWR -> "O_RDWR";
            case O_RDONLY -> "O_RDONLY";
            default -> "O_ACCMODE";
        };
        long rest = flags & ~(long) O_ACCMODE;
        return rest == 0 ? access : access + "|" + flags(rest, OPEN_FLAGS);
    }

    /** A mode in octal with a leading 0 ("0755", "0"); file-type bits by name ("S_IFCHR|0666"). */
    public static String mode(long mode) {
        long bits = mode & 07777;
        String perms = bits == 0 ? "0" : "0" + Long.toOctalString(bits);
        String type = switch ((int) (mode & S_IFMT)) {
            case S_IFREG -> "S_IFREG|";
            case S_IFDIR -> "S_IFDIR|";
            case S_IFCHR -> "S_IFCHR|";
            case S_IFBLK -> "S_IFBLK|";
            case S_IFIFO -> "S_IFIFO|";
            case S_IFLNK -> "S_IFLNK|";
            case S_IFSOCK -> "S_IFSOCK|";
            default -> "";
        };
        return type + perms;
    }

    /** A dev_t as makedev(major, minor). */
    public static String dev(long dev) {
        long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
        long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
        return "makedev(" + major + ", " + minor + ")";
    }

    /** A dirfd: AT_FDCWD by name, others as the number. */
    public static String dirfd(int fd) {
        return fd == AT_FDCWD ? "AT_FDCWD" : Integer.toString(fd);
    }

    public static String signal(int signal) {
        return signal == 0 ? "0" : Linux.signalName(signal);
    }

    public static String rlimit(int resource) {
        String name = Linux.rlimitName(resource);
        return name == null ? Integer.toString(resource) : name;
    }

    public static String rlimitValue(long value) {
        return value == RLIM_INFINITY ? "RLIM_INFINITY" : Long.toString(value);
    }

    public static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** A Java-style string literal; null as null. */
    public static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Bytes as a string literal (UTF-8, escapes for the rest). */
    public static String bytes(byte[] b, int off, int len) {
        return str(new String(b, off, len, StandardCharsets.UTF_8));
    }

    public static String strings(List<String> list) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(str(list.get(i)));
        }
        return out.append(']').toString();
    }

    public static String ints(int[] values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(values[i]);
        }
        return out.append(']').toString();
    }

    /** "name(a, b, c)". */
    public static String call(String name, Object... args) {
        StringBuilder out = new StringBuilder(name).append('(');
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(args[i]);
        }
        return out.append(')').toString();
    }
}

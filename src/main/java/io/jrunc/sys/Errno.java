package io.jrunc.sys;

import io.jrunc.JruncException;

/**
 * Linux errno values with their names and the messages Go prints for them
 * ({@code syscall.Errno.Error()}), because runc's error text is what engines and users see:
 * {@code "openat /x: no such file or directory"}.
 */
public final class Errno {
    private Errno() {}

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int E2BIG = 7;
    public static final int ENOEXEC = 8;
    public static final int EBADF = 9;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int ENOTBLK = 15;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EXDEV = 18;
    public static final int ENODEV = 19;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int ENOTTY = 25;
    public static final int ETXTBSY = 26;
    public static final int EFBIG = 27;
    public static final int ENOSPC = 28;
    public static final int ESPIPE = 29;
    public static final int EROFS = 30;
    public static final int EMLINK = 31;
    public static final int EPIPE = 32;
    public static final int EDOM = 33;
    public static final int ERANGE = 34;
    public static final int EDEADLK = 35;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOLCK = 37;
    public static final int ENOSYS = 38;
    public static final int ENOTEMPTY = 39;
    public static final int ELOOP = 40;
    public static final int ENOMSG = 42;
    public static final int EIDRM = 43;
    public static final int ECHRNG = 44;
    public static final int EL2NSYNC = 45;
    public static final int EL3HLT = 46;
    public static final int EL3RST = 47;
    public static final int ELNRNG = 48;
    public static final int EUNATCH = 49;
    public static final int ENOCSI = 50;
    public static final int EL2HLT = 51;
    public static final int EBADE = 52;
    public static final int EBADR = 53;
    public static final int EXFULL = 54;
    public static final int ENOANO = 55;
    public static final int EBADRQC = 56;
    public static final int EBADSLT = 57;
    public static final int EBFONT = 59;
    public static final int ENOSTR = 60;
    public static final int ENODATA = 61;
    public static final int ETIME = 62;
    public static final int ENOSR = 63;
    public static final int ENONET = 64;
    public static final int ENOPKG = 65;
    public static final int EREMOTE = 66;
    public static final int ENOLINK = 67;
    public static final int EADV = 68;
    public static final int ESRMNT = 69;
    public static final int ECOMM = 70;
    public static final int EPROTO = 71;
    public static final int EMULTIHOP = 72;
    public static final int EDOTDOT = 73;
    public static final int EBADMSG = 74;
    public static final int EOVERFLOW = 75;
    public static final int ENOTUNIQ = 76;
    public static final int EBADFD = 77;
    public static final int EREMCHG = 78;
    public static final int ELIBACC = 79;
    public static final int ELIBBAD = 80;
    public static final int ELIBSCN = 81;
    public static final int ELIBMAX = 82;
    public static final int ELIBEXEC = 83;
    public static final int EILSEQ = 84;
    public static final int ERESTART = 85;
    public static final int ESTRPIPE = 86;
    public static final int EUSERS = 87;
    public static final int ENOTSOCK = 88;
    public static final int EDESTADDRREQ = 89;
    public static final int EMSGSIZE = 90;
    public static final int EPROTOTYPE = 91;
    public static final int ENOPROTOOPT = 92;
    public static final int EPROTONOSUPPORT = 93;
    public static final int ESOCKTNOSUPPORT = 94;
    public static final int EOPNOTSUPP = 95;
    public static final int EPFNOSUPPORT = 96;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETDOWN = 100;
    public static final int ENETUNREACH = 101;
    public static final int ENETRESET = 102;
    public static final int ECONNABORTED = 103;
    public static final int ECONNRESET = 104;
    public static final int ENOBUFS = 105;
    public static final int EISCONN = 106;
    public static final int ENOTCONN = 107;
    public static final int ESHUTDOWN = 108;
    public static final int ETOOMANYREFS = 109;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTDOWN = 112;
    public static final int EHOSTUNREACH = 113;
    public static final int EALREADY = 114;
    public static final int EINPROGRESS = 115;
    public static final int ESTALE = 116;
    public static final int EUCLEAN = 117;
    public static final int ENOTNAM = 118;
    public static final int ENAVAIL = 119;
    public static final int EISNAM = 120;
    public static final int EREMOTEIO = 121;
    public static final int EDQUOT = 122;
    public static final int ENOMEDIUM = 123;
    public static final int EMEDIUMTYPE = 124;
    public static final int ECANCELED = 125;
    public static final int ENOKEY = 126;
    public static final int EKEYEXPIRED = 127;
    public static final int EKEYREVOKED = 128;
    public static final int EKEYREJECTED = 129;
    public static final int EOWNERDEAD = 130;
    public static final int ENOTRECOVERABLE = 131;
    public static final int ERFKILL = 132;
    public static final int EHWPOISON = 133;
    /** Aliases the kernel headers define for the same numbers. */
    public static final int EWOULDBLOCK = EAGAIN;
    public static final int EDEADLOCK = EDEADLK;
    public static final int ENOTSUP = EOPNOTSUPP;

    /** The highest errno in the table. */
    public static final int MAX = 133;

    private static final String[] NAMES = {
        null, // 0
        "EPERM", // 1
        "ENOENT", // 2
        "ESRCH", // 3
        "EINTR", // 4
        "EIO", // 5
        "ENXIO", // 6
        "E2BIG", // 7
        "ENOEXEC", // 8
        "EBADF", // 9
        "ECHILD", // 10
        "EAGAIN", // 11
        "ENOMEM", // 12
        "EACCES", // 13
        "EFAULT", // 14
        "ENOTBLK", // 15
        "EBUSY", // 16
        "EEXIST", // 17
        "EXDEV", // 18
        "ENODEV", // 19
        "ENOTDIR", // 20
        "EISDIR", // 21
        "EINVAL", // 22
        "ENFILE", // 23
        "EMFILE", // 24
        "ENOTTY", // 25
        "ETXTBSY", // 26
        "EFBIG", // 27
        "ENOSPC", // 28
        "ESPIPE", // 29
        "EROFS", // 30
        "EMLINK", // 31
        "EPIPE", // 32
        "EDOM", // 33
        "ERANGE", // 34
        "EDEADLK", // 35
        "ENAMETOOLONG", // 36
        "ENOLCK", // 37
        "ENOSYS", // 38
        "ENOTEMPTY", // 39
        "ELOOP", // 40
        null, // 41
        "ENOMSG", // 42
        "EIDRM", // 43
        "ECHRNG", // 44
        "EL2NSYNC", // 45
        "EL3HLT", // 46
        "EL3RST", // 47
        "ELNRNG", // 48
        "EUNATCH", // 49
        "ENOCSI", // 50
        "EL2HLT", // 51
        "EBADE", // 52
        "EBADR", // 53
        "EXFULL", // 54
        "ENOANO", // 55
        "EBADRQC", // 56
        "EBADSLT", // 57
        null, // 58
        "EBFONT", // 59
        "ENOSTR", // 60
        "ENODATA", // 61
        "ETIME", // 62
        "ENOSR", // 63
        "ENONET", // 64
        "ENOPKG", // 65
        "EREMOTE", // 66
        "ENOLINK", // 67
        "EADV", // 68
        "ESRMNT", // 69
        "ECOMM", // 70
        "EPROTO", // 71
        "EMULTIHOP", // 72
        "EDOTDOT", // 73
        "EBADMSG", // 74
        "EOVERFLOW", // 75
        "ENOTUNIQ", // 76
        "EBADFD", // 77
        "EREMCHG", // 78
        "ELIBACC", // 79
        "ELIBBAD", // 80
        "ELIBSCN", // 81
        "ELIBMAX", // 82
        "ELIBEXEC", // 83
        "EILSEQ", // 84
        "ERESTART", // 85
        "ESTRPIPE", // 86
        "EUSERS", // 87
        "ENOTSOCK", // 88
        "EDESTADDRREQ", // 89
        "EMSGSIZE", // 90
        "EPROTOTYPE", // 91
        "ENOPROTOOPT", // 92
        "EPROTONOSUPPORT", // 93
        "ESOCKTNOSUPPORT", // 94
        "EOPNOTSUPP", // 95
        "EPFNOSUPPORT", // 96
        "EAFNOSUPPORT", // 97
        "EADDRINUSE", // 98
        "EADDRNOTAVAIL", // 99
        "ENETDOWN", // 100
        "ENETUNREACH", // 101
        "ENETRESET", // 102
        "ECONNABORTED", // 103
        "ECONNRESET", // 104
        "ENOBUFS", // 105
        "EISCONN", // 106
        "ENOTCONN", // 107
        "ESHUTDOWN", // 108
        "ETOOMANYREFS", // 109
        "ETIMEDOUT", // 110
        "ECONNREFUSED", // 111
        "EHOSTDOWN", // 112
        "EHOSTUNREACH", // 113
        "EALREADY", // 114
        "EINPROGRESS", // 115
        "ESTALE", // 116
        "EUCLEAN", // 117
        "ENOTNAM", // 118
        "ENAVAIL", // 119
        "EISNAM", // 120
        "EREMOTEIO", // 121
        "EDQUOT", // 122
        "ENOMEDIUM", // 123
        "EMEDIUMTYPE", // 124
        "ECANCELED", // 125
        "ENOKEY", // 126
        "EKEYEXPIRED", // 127
        "EKEYREVOKED", // 128
        "EKEYREJECTED", // 129
        "EOWNERDEAD", // 130
        "ENOTRECOVERABLE", // 131
        "ERFKILL", // 132
        "EHWPOISON", // 133
    };

    /** Go's syscall error table for linux/amd64; it stops at 132 and has holes at 41 and 58. */
    private static final String[] MESSAGES = {
        null, // 0
        "operation not permitted", // 1
        "no such file or directory", // 2
        "no such process", // 3
        "interrupted system call", // 4
        "input/output error", // 5
        "no such device or address", // 6
        "argument list too long", // 7
        "exec format error", // 8
        "bad file descriptor", // 9
        "no child processes", // 10
        "resource temporarily unavailable", // 11
        "cannot allocate memory", // 12
        "permission denied", // 13
        "bad address", // 14
        "block device required", // 15
        "device or resource busy", // 16
        "file exists", // 17
        "invalid cross-device link", // 18
        "no such device", // 19
        "not a directory", // 20
        "is a directory", // 21
        "invalid argument", // 22
        "too many open files in system", // 23
        "too many open files", // 24
        "inappropriate ioctl for device", // 25
        "text file busy", // 26
        "file too large", // 27
        "no space left on device", // 28
        "illegal seek", // 29
        "read-only file system", // 30
        "too many links", // 31
        "broken pipe", // 32
        "numerical argument out of domain", // 33
        "numerical result out of range", // 34
        "resource deadlock avoided", // 35
        "file name too long", // 36
        "no locks available", // 37
        "function not implemented", // 38
        "directory not empty", // 39
        "too many levels of symbolic links", // 40
        null, // 41
        "no message of desired type", // 42
        "identifier removed", // 43
        "channel number out of range", // 44
        "level 2 not synchronized", // 45
        "level 3 halted", // 46
        "level 3 reset", // 47
        "link number out of range", // 48
        "protocol driver not attached", // 49
        "no CSI structure available", // 50
        "level 2 halted", // 51
        "invalid exchange", // 52
        "invalid request descriptor", // 53
        "exchange full", // 54
        "no anode", // 55
        "invalid request code", // 56
        "invalid slot", // 57
        null, // 58
        "bad font file format", // 59
        "device not a stream", // 60
        "no data available", // 61
        "timer expired", // 62
        "out of streams resources", // 63
        "machine is not on the network", // 64
        "package not installed", // 65
        "object is remote", // 66
        "link has been severed", // 67
        "advertise error", // 68
        "srmount error", // 69
        "communication error on send", // 70
        "protocol error", // 71
        "multihop attempted", // 72
        "RFS specific error", // 73
        "bad message", // 74
        "value too large for defined data type", // 75
        "name not unique on network", // 76
        "file descriptor in bad state", // 77
        "remote address changed", // 78
        "can not access a needed shared library", // 79
        "accessing a corrupted shared library", // 80
        ".lib section in a.out corrupted", // 81
        "attempting to link in too many shared libraries", // 82
        "cannot exec a shared library directly", // 83
        "invalid or incomplete multibyte or wide character", // 84
        "interrupted system call should be restarted", // 85
        "streams pipe error", // 86
        "too many users", // 87
        "socket operation on non-socket", // 88
        "destination address required", // 89
        "message too long", // 90
        "protocol wrong type for socket", // 91
        "protocol not available", // 92
        "protocol not supported", // 93
        "socket type not supported", // 94
        "operation not supported", // 95
        "protocol family not supported", // 96
        "address family not supported by protocol", // 97
        "address already in use", // 98
        "cannot assign requested address", // 99
        "network is down", // 100
        "network is unreachable", // 101
        "network dropped connection on reset", // 102
        "software caused connection abort", // 103
        "connection reset by peer", // 104
        "no buffer space available", // 105
        "transport endpoint is already connected", // 106
        "transport endpoint is not connected", // 107
        "cannot send after transport endpoint shutdown", // 108
        "too many references: cannot splice", // 109
        "connection timed out", // 110
        "connection refused", // 111
        "host is down", // 112
        "no route to host", // 113
        "operation already in progress", // 114
        "operation now in progress", // 115
        "stale NFS file handle", // 116
        "structure needs cleaning", // 117
        "not a XENIX named type file", // 118
        "no XENIX semaphores available", // 119
        "is a named type file", // 120
        "remote I/O error", // 121
        "disk quota exceeded", // 122
        "no medium found", // 123
        "wrong medium type", // 124
        "operation canceled", // 125
        "required key not available", // 126
        "key has expired", // 127
        "key has been revoked", // 128
        "key was rejected by service", // 129
        "owner died", // 130
        "state not recoverable", // 131
        "operation not possible due to RF-kill", // 132
        null, // 133
    };

    /** The errno's symbolic name ("ENOENT"), or null when Linux defines none. */
    public static String name(int errno) {
        return errno > 0 && errno <= MAX ? NAMES[errno] : null;
    }

    /** The errno for a symbolic name ("ENOENT", also the aliases EWOULDBLOCK, EDEADLOCK, ENOTSUP), or -1. */
    public static int number(String name) {
        switch (name) {
            case "EWOULDBLOCK": return EWOULDBLOCK;
            case "EDEADLOCK": return EDEADLOCK;
            case "ENOTSUP": return ENOTSUP;
            default: break;
        }
        for (int i = 1; i <= MAX; i++) {
            if (name.equals(NAMES[i])) {
                return i;
            }
        }
        return -1;
    }

    /** What Go prints for this errno: "no such file or directory"; "errno N" where Go has no text. */
    public static String message(int errno) {
        if (errno > 0 && errno < MESSAGES.length && MESSAGES[errno] != null) {
            return MESSAGES[errno];
        }
        return "errno " + errno;
    }

    /** {@code JruncException("<what>: <message>", errno)}, e.g. {@code "openat /x: no such file or directory"}. */
    public static JruncException exception(int errno, String what) {
        return new JruncException(what + ": " + message(errno), errno);
    }
}

package io.jrunc.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The kernel structs jrunc passes to system calls, as FFM layouts for x86-64 with one
 * {@link VarHandle} per field. Handles take {@code (segment, 0L)} coordinates, as every layout
 * var handle does since JDK 22: {@code CloneArgs.FLAGS.set(seg, 0L, flags)}. Pointers are plain
 * 64-bit fields holding {@code MemorySegment.address()}. Unsigned kernel types map to the Java
 * type of the same width.
 */
public final class Structs {
    private Structs() {}

    static {
        // The native image initializes this class at build time (build-native.sh). Asking each value
        // layout for its var handle here caches the handle in the layout, so that MemorySegment get/set
        // find a ready handle instead of building one through reflection and interpreted method handles.
        for (ValueLayout layout : List.of(JAVA_BYTE, JAVA_SHORT, JAVA_INT, JAVA_LONG)) {
            layout.varHandle();
        }
    }

    static VarHandle field(StructLayout layout, String name) {
        return layout.varHandle(MemoryLayout.PathElement.groupElement(name));
    }

    /** Byte offset of a named field: for tests and for reading arrays inside a struct. */
    public static long offsetOf(StructLayout layout, String name) {
        return layout.byteOffset(MemoryLayout.PathElement.groupElement(name));
    }

    /** A NUL-terminated string stored in at most {@code max} bytes at {@code offset}. */
    static String cString(MemorySegment seg, long offset, int max) {
        int n = 0;
        while (n < max && seg.get(JAVA_BYTE, offset + n) != 0) {
            n++;
        }
        byte[] bytes = new byte[n];
        MemorySegment.copy(seg, JAVA_BYTE, offset, bytes, 0, n);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** struct clone_args (CLONE_ARGS_SIZE_VER2, 88 bytes, with the cgroup fd). */
    public static final class CloneArgs {
        private CloneArgs() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_LONG.withName("flags"),
                JAVA_LONG.withName("pidfd"),
                JAVA_LONG.withName("child_tid"),
                JAVA_LONG.withName("parent_tid"),
                JAVA_LONG.withName("exit_signal"),
                JAVA_LONG.withName("stack"),
                JAVA_LONG.withName("stack_size"),
                JAVA_LONG.withName("tls"),
                JAVA_LONG.withName("set_tid"),
                JAVA_LONG.withName("set_tid_size"),
                JAVA_LONG.withName("cgroup"));
        public static final VarHandle FLAGS = field(LAYOUT, "flags");
        public static final VarHandle PIDFD = field(LAYOUT, "pidfd");
        public static final VarHandle CHILD_TID = field(LAYOUT, "child_tid");
        public static final VarHandle PARENT_TID = field(LAYOUT, "parent_tid");
        public static final VarHandle EXIT_SIGNAL = field(LAYOUT, "exit_signal");
        public static final VarHandle STACK = field(LAYOUT, "stack");
        public static final VarHandle STACK_SIZE = field(LAYOUT, "stack_size");
        public static final VarHandle TLS = field(LAYOUT, "tls");
        public static final VarHandle SET_TID = field(LAYOUT, "set_tid");
        public static final VarHandle SET_TID_SIZE = field(LAYOUT, "set_tid_size");
        public static final VarHandle CGROUP = field(LAYOUT, "cgroup");
    }

    /** struct open_how (24 bytes). */
    public static final class OpenHow {
        private OpenHow() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_LONG.withName("flags"),
                JAVA_LONG.withName("mode"),
                JAVA_LONG.withName("resolve"));
        public static final VarHandle FLAGS = field(LAYOUT, "flags");
        public static final VarHandle MODE = field(LAYOUT, "mode");
        public static final VarHandle RESOLVE = field(LAYOUT, "resolve");
    }

    /** struct mount_attr (MOUNT_ATTR_SIZE_VER0, 32 bytes). */
    public static final class MountAttr {
        private MountAttr() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_LONG.withName("attr_set"),
                JAVA_LONG.withName("attr_clr"),
                JAVA_LONG.withName("propagation"),
                JAVA_LONG.withName("userns_fd"));
        public static final VarHandle ATTR_SET = field(LAYOUT, "attr_set");
        public static final VarHandle ATTR_CLR = field(LAYOUT, "attr_clr");
        public static final VarHandle PROPAGATION = field(LAYOUT, "propagation");
        public static final VarHandle USERNS_FD = field(LAYOUT, "userns_fd");
    }

    /** struct statx (256 bytes); timestamps are struct statx_timestamp {s64 sec; u32 nsec; s32 pad}. */
    public static final class Statx {
        private Statx() {}

        public static final StructLayout TIMESTAMP = structLayout(
                JAVA_LONG.withName("tv_sec"),
                JAVA_INT.withName("tv_nsec"),
                JAVA_INT.withName("reserved"));

        public static final StructLayout LAYOUT = structLayout(
                JAVA_INT.withName("stx_mask"),
                JAVA_INT.withName("stx_blksize"),
                JAVA_LONG.withName("stx_attributes"),
                JAVA_INT.withName("stx_nlink"),
                JAVA_INT.withName("stx_uid"),
                JAVA_INT.withName("stx_gid"),
                JAVA_SHORT.withName("stx_mode"),
                JAVA_SHORT.withName("spare0"),
                JAVA_LONG.withName("stx_ino"),
                JAVA_LONG.withName("stx_size"),
                JAVA_LONG.withName("stx_blocks"),
                JAVA_LONG.withName("stx_attributes_mask"),
                TIMESTAMP.withName("stx_atime"),
                TIMESTAMP.withName("stx_btime"),
                TIMESTAMP.withName("stx_ctime"),
                TIMESTAMP.withName("stx_mtime"),
                JAVA_INT.withName("stx_rdev_major"),
                JAVA_INT.withName("stx_rdev_minor"),
                JAVA_INT.withName("stx_dev_major"),
                JAVA_INT.withName("stx_dev_minor"),
                JAVA_LONG.withName("stx_mnt_id"),
                paddingLayout(104));
        public static final VarHandle MASK = field(LAYOUT, "stx_mask");
        public static final VarHandle NLINK = field(LAYOUT, "stx_nlink");
        public static final VarHandle UID = field(LAYOUT, "stx_uid");
        public static final VarHandle GID = field(LAYOUT, "stx_gid");
        public static final VarHandle MODE = field(LAYOUT, "stx_mode");
        public static final VarHandle INO = field(LAYOUT, "stx_ino");
        public static final VarHandle SIZE = field(LAYOUT, "stx_size");
        public static final VarHandle RDEV_MAJOR = field(LAYOUT, "stx_rdev_major");
        public static final VarHandle RDEV_MINOR = field(LAYOUT, "stx_rdev_minor");
        public static final VarHandle DEV_MAJOR = field(LAYOUT, "stx_dev_major");
        public static final VarHandle DEV_MINOR = field(LAYOUT, "stx_dev_minor");
        public static final VarHandle MNT_ID = field(LAYOUT, "stx_mnt_id");

        /** The FileStat view of a filled statx buffer. */
        public static Syscalls.FileStat decode(MemorySegment s) {
            return new Syscalls.FileStat(
                    Short.toUnsignedInt((short) MODE.get(s, 0L)),
                    (int) UID.get(s, 0L),
                    (int) GID.get(s, 0L),
                    (long) SIZE.get(s, 0L),
                    (long) INO.get(s, 0L),
                    (int) NLINK.get(s, 0L),
                    (int) DEV_MAJOR.get(s, 0L),
                    (int) DEV_MINOR.get(s, 0L),
                    (int) RDEV_MAJOR.get(s, 0L),
                    (int) RDEV_MINOR.get(s, 0L),
                    (long) MNT_ID.get(s, 0L));
        }
    }

    /** struct linux_dirent64: a fixed 19-byte head, then the NUL-terminated name, padded to d_reclen. */
    public static final class Dirent64 {
        private Dirent64() {}

        public static final StructLayout HEAD = structLayout(
                JAVA_LONG.withName("d_ino"),
                JAVA_LONG.withName("d_off"),
                JAVA_SHORT.withName("d_reclen"),
                JAVA_BYTE.withName("d_type"));
        public static final long NAME_OFFSET = 19;
        public static final VarHandle INO = field(HEAD, "d_ino");
        public static final VarHandle RECLEN = field(HEAD, "d_reclen");
        public static final VarHandle TYPE = field(HEAD, "d_type");

        /** Decodes the {@code length} bytes getdents64 filled into {@code buf} (8-byte aligned). */
        public static List<Syscalls.DirEntry> parse(MemorySegment buf, long length) {
            List<Syscalls.DirEntry> out = new ArrayList<>();
            long pos = 0;
            while (pos < length) {
                MemorySegment rec = buf.asSlice(pos);
                int reclen = Short.toUnsignedInt((short) RECLEN.get(rec, 0L));
                long ino = (long) INO.get(rec, 0L);
                int type = Byte.toUnsignedInt((byte) TYPE.get(rec, 0L));
                String name = cString(rec, NAME_OFFSET, (int) (reclen - NAME_OFFSET));
                out.add(new Syscalls.DirEntry(ino, type, name));
                pos += reclen;
            }
            return out;
        }
    }

    /** struct sock_filter: one classic BPF instruction (8 bytes). */
    public static final class SockFilter {
        private SockFilter() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_SHORT.withName("code"),
                JAVA_BYTE.withName("jt"),
                JAVA_BYTE.withName("jf"),
                JAVA_INT.withName("k"));
        public static final VarHandle CODE = field(LAYOUT, "code");
        public static final VarHandle JT = field(LAYOUT, "jt");
        public static final VarHandle JF = field(LAYOUT, "jf");
        public static final VarHandle K = field(LAYOUT, "k");

        /** One instruction as the 8 little-endian bytes the kernel reads, for building filter programs. */
        public static byte[] encode(int code, int jt, int jf, int k) {
            return new byte[] {
                (byte) code, (byte) (code >> 8), (byte) jt, (byte) jf,
                (byte) k, (byte) (k >> 8), (byte) (k >> 16), (byte) (k >> 24),
            };
        }
    }

    /** struct sock_fprog: instruction count and a pointer to them (16 bytes). */
    public static final class SockFprog {
        private SockFprog() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_SHORT.withName("len"),
                paddingLayout(6),
                JAVA_LONG.withName("filter"));
        public static final VarHandle LEN = field(LAYOUT, "len");
        public static final VarHandle FILTER = field(LAYOUT, "filter");
    }

    /** struct iovec (16 bytes). */
    public static final class Iovec {
        private Iovec() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_LONG.withName("iov_base"),
                JAVA_LONG.withName("iov_len"));
        public static final VarHandle BASE = field(LAYOUT, "iov_base");
        public static final VarHandle LEN = field(LAYOUT, "iov_len");
    }

    /** struct msghdr (56 bytes). */
    public static final class MsgHdr {
        private MsgHdr() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_LONG.withName("msg_name"),
                JAVA_INT.withName("msg_namelen"),
                paddingLayout(4),
                JAVA_LONG.withName("msg_iov"),
                JAVA_LONG.withName("msg_iovlen"),
                JAVA_LONG.withName("msg_control"),
                JAVA_LONG.withName("msg_controllen"),
                JAVA_INT.withName("msg_flags"),
                paddingLayout(4));
        public static final VarHandle NAME = field(LAYOUT, "msg_name");
        public static final VarHandle NAMELEN = field(LAYOUT, "msg_namelen");
        public static final VarHandle IOV = field(LAYOUT, "msg_iov");
        public static final VarHandle IOVLEN = field(LAYOUT, "msg_iovlen");
        public static final VarHandle CONTROL = field(LAYOUT, "msg_control");
        public static final VarHandle CONTROLLEN = field(LAYOUT, "msg_controllen");
        public static final VarHandle FLAGS = field(LAYOUT, "msg_flags");
    }

    /** struct cmsghdr (16 bytes) and the CMSG_* arithmetic. */
    public static final class CmsgHdr {
        private CmsgHdr() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_LONG.withName("cmsg_len"),
                JAVA_INT.withName("cmsg_level"),
                JAVA_INT.withName("cmsg_type"));
        public static final VarHandle LEN = field(LAYOUT, "cmsg_len");
        public static final VarHandle LEVEL = field(LAYOUT, "cmsg_level");
        public static final VarHandle TYPE = field(LAYOUT, "cmsg_type");

        /** CMSG_ALIGN: round up to the size of a long. */
        public static long align(long n) {
            return (n + 7) & ~7L;
        }

        /** CMSG_LEN: header plus {@code dataLength}, unpadded (what cmsg_len holds). */
        public static long len(long dataLength) {
            return align(LAYOUT.byteSize()) + dataLength;
        }

        /** CMSG_SPACE: header plus padded data (what a control buffer must hold). */
        public static long space(long dataLength) {
            return align(LAYOUT.byteSize()) + align(dataLength);
        }

        /** CMSG_DATA offset from the header. */
        public static long dataOffset() {
            return align(LAYOUT.byteSize());
        }
    }

    /** struct __user_cap_header_struct (8 bytes). */
    public static final class CapHeader {
        private CapHeader() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_INT.withName("version"),
                JAVA_INT.withName("pid"));
        public static final VarHandle VERSION = field(LAYOUT, "version");
        public static final VarHandle PID = field(LAYOUT, "pid");
    }

    /** struct __user_cap_data_struct (12 bytes); version 3 passes two: low and high 32 bits. */
    public static final class CapData {
        private CapData() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_INT.withName("effective"),
                JAVA_INT.withName("permitted"),
                JAVA_INT.withName("inheritable"));
        public static final VarHandle EFFECTIVE = field(LAYOUT, "effective");
        public static final VarHandle PERMITTED = field(LAYOUT, "permitted");
        public static final VarHandle INHERITABLE = field(LAYOUT, "inheritable");
        /** Version 3 takes this many data structs. */
        public static final int VERSION_3_COUNT = 2;
    }

    /** struct rlimit64 (16 bytes). */
    public static final class Rlimit64 {
        private Rlimit64() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_LONG.withName("rlim_cur"),
                JAVA_LONG.withName("rlim_max"));
        public static final VarHandle CUR = field(LAYOUT, "rlim_cur");
        public static final VarHandle MAX = field(LAYOUT, "rlim_max");
    }

    /** struct winsize (8 bytes). */
    public static final class Winsize {
        private Winsize() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_SHORT.withName("ws_row"),
                JAVA_SHORT.withName("ws_col"),
                JAVA_SHORT.withName("ws_xpixel"),
                JAVA_SHORT.withName("ws_ypixel"));
        public static final VarHandle ROW = field(LAYOUT, "ws_row");
        public static final VarHandle COL = field(LAYOUT, "ws_col");
        public static final VarHandle XPIXEL = field(LAYOUT, "ws_xpixel");
        public static final VarHandle YPIXEL = field(LAYOUT, "ws_ypixel");
    }

    /** struct new_utsname: six 65-byte NUL-terminated strings (390 bytes). */
    public static final class Utsname {
        private Utsname() {}

        public static final int FIELD_LENGTH = 65;
        public static final StructLayout LAYOUT = structLayout(
                sequenceLayout(FIELD_LENGTH, JAVA_BYTE).withName("sysname"),
                sequenceLayout(FIELD_LENGTH, JAVA_BYTE).withName("nodename"),
                sequenceLayout(FIELD_LENGTH, JAVA_BYTE).withName("release"),
                sequenceLayout(FIELD_LENGTH, JAVA_BYTE).withName("version"),
                sequenceLayout(FIELD_LENGTH, JAVA_BYTE).withName("machine"),
                sequenceLayout(FIELD_LENGTH, JAVA_BYTE).withName("domainname"));

        public static Syscalls.Uname decode(MemorySegment s) {
            return new Syscalls.Uname(
                    text(s, "sysname"), text(s, "nodename"), text(s, "release"),
                    text(s, "version"), text(s, "machine"), text(s, "domainname"));
        }

        private static String text(MemorySegment s, String name) {
            return cString(s, offsetOf(LAYOUT, name), FIELD_LENGTH);
        }
    }

    /** struct signalfd_siginfo (128 bytes), what a read from a signalfd returns per signal. */
    public static final class SignalfdSiginfo {
        private SignalfdSiginfo() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_INT.withName("ssi_signo"),
                JAVA_INT.withName("ssi_errno"),
                JAVA_INT.withName("ssi_code"),
                JAVA_INT.withName("ssi_pid"),
                JAVA_INT.withName("ssi_uid"),
                JAVA_INT.withName("ssi_fd"),
                JAVA_INT.withName("ssi_tid"),
                JAVA_INT.withName("ssi_band"),
                JAVA_INT.withName("ssi_overrun"),
                JAVA_INT.withName("ssi_trapno"),
                JAVA_INT.withName("ssi_status"),
                JAVA_INT.withName("ssi_int"),
                JAVA_LONG.withName("ssi_ptr"),
                JAVA_LONG.withName("ssi_utime"),
                JAVA_LONG.withName("ssi_stime"),
                JAVA_LONG.withName("ssi_addr"),
                JAVA_SHORT.withName("ssi_addr_lsb"),
                JAVA_SHORT.withName("pad2"),
                JAVA_INT.withName("ssi_syscall"),
                JAVA_LONG.withName("ssi_call_addr"),
                JAVA_INT.withName("ssi_arch"),
                paddingLayout(28));
        public static final VarHandle SIGNO = field(LAYOUT, "ssi_signo");
        public static final VarHandle CODE = field(LAYOUT, "ssi_code");
        public static final VarHandle PID = field(LAYOUT, "ssi_pid");
        public static final VarHandle UID = field(LAYOUT, "ssi_uid");
        public static final VarHandle STATUS = field(LAYOUT, "ssi_status");

        /** The fields jrunc's signal forwarding needs. */
        public record Info(int signo, int code, int pid, int uid, int status) {}

        /** Decodes one record read from a signalfd into {@code buf[off, off+128)}. */
        public static Info decode(byte[] buf, int off) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment s = arena.allocate(LAYOUT);
                MemorySegment.copy(buf, off, s, JAVA_BYTE, 0, (int) LAYOUT.byteSize());
                return new Info((int) SIGNO.get(s, 0L), (int) CODE.get(s, 0L), (int) PID.get(s, 0L),
                        (int) UID.get(s, 0L), (int) STATUS.get(s, 0L));
            }
        }
    }

    /** siginfo_t (128 bytes) with the SIGCHLD view of its union, as waitid fills it. */
    public static final class Siginfo {
        private Siginfo() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_INT.withName("si_signo"),
                JAVA_INT.withName("si_errno"),
                JAVA_INT.withName("si_code"),
                paddingLayout(4),
                JAVA_INT.withName("si_pid"),
                JAVA_INT.withName("si_uid"),
                JAVA_INT.withName("si_status"),
                paddingLayout(4),
                JAVA_LONG.withName("si_utime"),
                JAVA_LONG.withName("si_stime"),
                paddingLayout(80));
        public static final VarHandle SIGNO = field(LAYOUT, "si_signo");
        public static final VarHandle CODE = field(LAYOUT, "si_code");
        public static final VarHandle PID = field(LAYOUT, "si_pid");
        public static final VarHandle STATUS = field(LAYOUT, "si_status");
    }

    /** struct pollfd (8 bytes). */
    public static final class PollFd {
        private PollFd() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_INT.withName("fd"),
                JAVA_SHORT.withName("events"),
                JAVA_SHORT.withName("revents"));
        public static final VarHandle FD = field(LAYOUT, "fd");
        public static final VarHandle EVENTS = field(LAYOUT, "events");
        public static final VarHandle REVENTS = field(LAYOUT, "revents");
    }

    /** The kernel's struct sigaction on x86-64 (not glibc's): handler, flags, restorer, 64-bit mask. */
    public static final class KernelSigaction {
        private KernelSigaction() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_LONG.withName("sa_handler"),
                JAVA_LONG.withName("sa_flags"),
                JAVA_LONG.withName("sa_restorer"),
                JAVA_LONG.withName("sa_mask"));
        public static final VarHandle HANDLER = field(LAYOUT, "sa_handler");
        public static final VarHandle FLAGS = field(LAYOUT, "sa_flags");
        public static final VarHandle RESTORER = field(LAYOUT, "sa_restorer");
        public static final VarHandle MASK = field(LAYOUT, "sa_mask");
        /** The sigsetsize argument rt_* calls take. */
        public static final long SIGSET_SIZE = 8;
    }

    /** The kernel's struct termios for TCGETS/TCSETS (36 bytes, 19 control chars). */
    public static final class Termios {
        private Termios() {}

        public static final int NCCS = 19;
        public static final StructLayout LAYOUT = structLayout(
                JAVA_INT.withName("c_iflag"),
                JAVA_INT.withName("c_oflag"),
                JAVA_INT.withName("c_cflag"),
                JAVA_INT.withName("c_lflag"),
                JAVA_BYTE.withName("c_line"),
                sequenceLayout(NCCS, JAVA_BYTE).withName("c_cc"));
        public static final VarHandle IFLAG = field(LAYOUT, "c_iflag");
        public static final VarHandle OFLAG = field(LAYOUT, "c_oflag");
        public static final VarHandle CFLAG = field(LAYOUT, "c_cflag");
        public static final VarHandle LFLAG = field(LAYOUT, "c_lflag");
        public static final VarHandle LINE = field(LAYOUT, "c_line");
        public static final long CC_OFFSET = offsetOf(LAYOUT, "c_cc");
    }

    /** struct statfs on x86-64 (120 bytes). */
    public static final class Statfs {
        private Statfs() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_LONG.withName("f_type"),
                JAVA_LONG.withName("f_bsize"),
                JAVA_LONG.withName("f_blocks"),
                JAVA_LONG.withName("f_bfree"),
                JAVA_LONG.withName("f_bavail"),
                JAVA_LONG.withName("f_files"),
                JAVA_LONG.withName("f_ffree"),
                sequenceLayout(2, JAVA_INT).withName("f_fsid"),
                JAVA_LONG.withName("f_namelen"),
                JAVA_LONG.withName("f_frsize"),
                JAVA_LONG.withName("f_flags"),
                sequenceLayout(4, JAVA_LONG).withName("f_spare"));
        public static final VarHandle TYPE = field(LAYOUT, "f_type");
        public static final VarHandle BSIZE = field(LAYOUT, "f_bsize");
        public static final VarHandle FLAGS = field(LAYOUT, "f_flags");
    }

    /** struct sockaddr_un (110 bytes): family and a 108-byte path (a leading NUL for the abstract namespace). */
    public static final class SockaddrUn {
        private SockaddrUn() {}

        public static final int PATH_MAX = 108;
        public static final StructLayout LAYOUT = structLayout(
                JAVA_SHORT.withName("sun_family"),
                sequenceLayout(PATH_MAX, JAVA_BYTE).withName("sun_path"));
        public static final VarHandle FAMILY = field(LAYOUT, "sun_family");
        public static final long PATH_OFFSET = offsetOf(LAYOUT, "sun_path");
    }

    /** struct sched_attr (SCHED_ATTR_SIZE_VER1, 56 bytes). */
    public static final class SchedAttr {
        private SchedAttr() {}

        public static final StructLayout LAYOUT = structLayout(
                JAVA_INT.withName("size"),
                JAVA_INT.withName("sched_policy"),
                JAVA_LONG.withName("sched_flags"),
                JAVA_INT.withName("sched_nice"),
                JAVA_INT.withName("sched_priority"),
                JAVA_LONG.withName("sched_runtime"),
                JAVA_LONG.withName("sched_deadline"),
                JAVA_LONG.withName("sched_period"),
                JAVA_INT.withName("sched_util_min"),
                JAVA_INT.withName("sched_util_max"));
        public static final VarHandle SIZE = field(LAYOUT, "size");
        public static final VarHandle POLICY = field(LAYOUT, "sched_policy");
        public static final VarHandle FLAGS = field(LAYOUT, "sched_flags");
        public static final VarHandle NICE = field(LAYOUT, "sched_nice");
        public static final VarHandle PRIORITY = field(LAYOUT, "sched_priority");
        public static final VarHandle RUNTIME = field(LAYOUT, "sched_runtime");
        public static final VarHandle DEADLINE = field(LAYOUT, "sched_deadline");
        public static final VarHandle PERIOD = field(LAYOUT, "sched_period");
    }

    /**
     * The parts of union bpf_attr jrunc uses, each padded to the union's size (144 bytes on a 6.x
     * kernel; the kernel accepts any size up to a page when the tail it does not know is zero).
     */
    public static final class BpfAttr {
        private BpfAttr() {}

        public static final long SIZE = 144;

        /** BPF_PROG_LOAD. */
        public static final StructLayout PROG_LOAD = structLayout(
                JAVA_INT.withName("prog_type"),
                JAVA_INT.withName("insn_cnt"),
                JAVA_LONG.withName("insns"),
                JAVA_LONG.withName("license"),
                JAVA_INT.withName("log_level"),
                JAVA_INT.withName("log_size"),
                JAVA_LONG.withName("log_buf"),
                JAVA_INT.withName("kern_version"),
                JAVA_INT.withName("prog_flags"),
                sequenceLayout(16, JAVA_BYTE).withName("prog_name"),
                JAVA_INT.withName("prog_ifindex"),
                JAVA_INT.withName("expected_attach_type"),
                paddingLayout(SIZE - 72));
        public static final VarHandle LOAD_PROG_TYPE = field(PROG_LOAD, "prog_type");
        public static final VarHandle LOAD_INSN_CNT = field(PROG_LOAD, "insn_cnt");
        public static final VarHandle LOAD_INSNS = field(PROG_LOAD, "insns");
        public static final VarHandle LOAD_LICENSE = field(PROG_LOAD, "license");
        public static final VarHandle LOAD_LOG_LEVEL = field(PROG_LOAD, "log_level");
        public static final VarHandle LOAD_LOG_SIZE = field(PROG_LOAD, "log_size");
        public static final VarHandle LOAD_LOG_BUF = field(PROG_LOAD, "log_buf");
        public static final VarHandle LOAD_EXPECTED_ATTACH_TYPE = field(PROG_LOAD, "expected_attach_type");

        /** BPF_PROG_ATTACH / BPF_PROG_DETACH. */
        public static final StructLayout PROG_ATTACH = structLayout(
                JAVA_INT.withName("target_fd"),
                JAVA_INT.withName("attach_bpf_fd"),
                JAVA_INT.withName("attach_type"),
                JAVA_INT.withName("attach_flags"),
                JAVA_INT.withName("replace_bpf_fd"),
                paddingLayout(SIZE - 20));
        public static final VarHandle ATTACH_TARGET_FD = field(PROG_ATTACH, "target_fd");
        public static final VarHandle ATTACH_BPF_FD = field(PROG_ATTACH, "attach_bpf_fd");
        public static final VarHandle ATTACH_TYPE = field(PROG_ATTACH, "attach_type");
        public static final VarHandle ATTACH_FLAGS = field(PROG_ATTACH, "attach_flags");
        public static final VarHandle ATTACH_REPLACE_BPF_FD = field(PROG_ATTACH, "replace_bpf_fd");

        /** BPF_PROG_QUERY. */
        public static final StructLayout PROG_QUERY = structLayout(
                JAVA_INT.withName("target_fd"),
                JAVA_INT.withName("attach_type"),
                JAVA_INT.withName("query_flags"),
                JAVA_INT.withName("attach_flags"),
                JAVA_LONG.withName("prog_ids"),
                JAVA_INT.withName("prog_cnt"),
                paddingLayout(SIZE - 28));
        public static final VarHandle QUERY_TARGET_FD = field(PROG_QUERY, "target_fd");
        public static final VarHandle QUERY_ATTACH_TYPE = field(PROG_QUERY, "attach_type");
        public static final VarHandle QUERY_PROG_IDS = field(PROG_QUERY, "prog_ids");
        public static final VarHandle QUERY_PROG_CNT = field(PROG_QUERY, "prog_cnt");

        /** BPF_PROG_GET_FD_BY_ID. */
        public static final StructLayout GET_FD_BY_ID = structLayout(
                JAVA_INT.withName("prog_id"),
                paddingLayout(SIZE - 4));
        public static final VarHandle GET_FD_PROG_ID = field(GET_FD_BY_ID, "prog_id");
    }
}

package io.jrunc.sys;

import org.junit.jupiter.api.Test;

import java.lang.foreign.StructLayout;

import static io.jrunc.sys.Structs.offsetOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sizes and offsets of every struct jrunc hands the kernel, against the x86-64 kernel ABI (the
 * numbers are what sizeof/offsetof print for the kernel and glibc headers on x86-64).
 */
class StructLayoutAbiTest {

    private static void assertOffsets(StructLayout layout, Object... nameOffset) {
        for (int i = 0; i < nameOffset.length; i += 2) {
            assertEquals(((Number) nameOffset[i + 1]).longValue(), offsetOf(layout, (String) nameOffset[i]),
                    layout + " field " + nameOffset[i]);
        }
    }

    @Test
    void cloneArgsIsVersion2With88BytesAndTheCgroupLast() {
        assertEquals(88, Structs.CloneArgs.LAYOUT.byteSize());
        assertOffsets(Structs.CloneArgs.LAYOUT,
                "flags", 0, "pidfd", 8, "child_tid", 16, "parent_tid", 24, "exit_signal", 32, "stack", 40,
                "stack_size", 48, "tls", 56, "set_tid", 64, "set_tid_size", 72, "cgroup", 80);
    }

    @Test
    void openHowAndMountAttr() {
        assertEquals(24, Structs.OpenHow.LAYOUT.byteSize());
        assertOffsets(Structs.OpenHow.LAYOUT, "flags", 0, "mode", 8, "resolve", 16);
        assertEquals(32, Structs.MountAttr.LAYOUT.byteSize());
        assertOffsets(Structs.MountAttr.LAYOUT, "attr_set", 0, "attr_clr", 8, "propagation", 16, "userns_fd", 24);
    }

    @Test
    void statx() {
        assertEquals(256, Structs.Statx.LAYOUT.byteSize());
        assertOffsets(Structs.Statx.LAYOUT,
                "stx_mask", 0, "stx_blksize", 4, "stx_attributes", 8, "stx_nlink", 16, "stx_uid", 20,
                "stx_gid", 24, "stx_mode", 28, "stx_ino", 32, "stx_size", 40, "stx_blocks", 48,
                "stx_attributes_mask", 56, "stx_atime", 64, "stx_btime", 80, "stx_ctime", 96,
                "stx_mtime", 112, "stx_rdev_major", 128, "stx_rdev_minor", 132, "stx_dev_major", 136,
                "stx_dev_minor", 140, "stx_mnt_id", 144);
    }

    @Test
    void direntHeadEndsWhereTheNameStarts() {
        assertOffsets(Structs.Dirent64.HEAD, "d_ino", 0, "d_off", 8, "d_reclen", 16, "d_type", 18);
        assertEquals(19, Structs.Dirent64.NAME_OFFSET);
        assertEquals(Structs.Dirent64.NAME_OFFSET, Structs.Dirent64.HEAD.byteSize());
    }

    @Test
    void seccompFilterStructs() {
        assertEquals(8, Structs.SockFilter.LAYOUT.byteSize());
        assertOffsets(Structs.SockFilter.LAYOUT, "code", 0, "jt", 2, "jf", 3, "k", 4);
        assertEquals(16, Structs.SockFprog.LAYOUT.byteSize());
        assertOffsets(Structs.SockFprog.LAYOUT, "len", 0, "filter", 8);
    }

    @Test
    void messageHeadersAndControlArithmetic() {
        assertEquals(56, Structs.MsgHdr.LAYOUT.byteSize());
        assertOffsets(Structs.MsgHdr.LAYOUT, "msg_name", 0, "msg_namelen", 8, "msg_iov", 16, "msg_iovlen", 24,
                "msg_control", 32, "msg_controllen", 40, "msg_flags", 48);
        assertEquals(16, Structs.Iovec.LAYOUT.byteSize());
        assertEquals(16, Structs.CmsgHdr.LAYOUT.byteSize());
        assertOffsets(Structs.CmsgHdr.LAYOUT, "cmsg_len", 0, "cmsg_level", 8, "cmsg_type", 12);
        assertEquals(24, Structs.CmsgHdr.space(4));
        assertEquals(20, Structs.CmsgHdr.len(4));
        assertEquals(16, Structs.CmsgHdr.dataOffset());
        assertEquals(32, Structs.CmsgHdr.space(12));
    }

    @Test
    void capabilityStructs() {
        assertEquals(8, Structs.CapHeader.LAYOUT.byteSize());
        assertEquals(12, Structs.CapData.LAYOUT.byteSize());
        assertOffsets(Structs.CapData.LAYOUT, "effective", 0, "permitted", 4, "inheritable", 8);
    }

    @Test
    void smallStructs() {
        assertEquals(16, Structs.Rlimit64.LAYOUT.byteSize());
        assertEquals(8, Structs.Winsize.LAYOUT.byteSize());
        assertOffsets(Structs.Winsize.LAYOUT, "ws_row", 0, "ws_col", 2, "ws_xpixel", 4, "ws_ypixel", 6);
        assertEquals(8, Structs.PollFd.LAYOUT.byteSize());
        assertOffsets(Structs.PollFd.LAYOUT, "fd", 0, "events", 4, "revents", 6);
        assertEquals(32, Structs.KernelSigaction.LAYOUT.byteSize());
        assertOffsets(Structs.KernelSigaction.LAYOUT, "sa_handler", 0, "sa_flags", 8, "sa_restorer", 16, "sa_mask", 24);
    }

    @Test
    void utsnameIsSixFieldsOf65() {
        assertEquals(390, Structs.Utsname.LAYOUT.byteSize());
        assertOffsets(Structs.Utsname.LAYOUT, "sysname", 0, "nodename", 65, "release", 130, "version", 195,
                "machine", 260, "domainname", 325);
    }

    @Test
    void signalInfos() {
        assertEquals(128, Structs.SignalfdSiginfo.LAYOUT.byteSize());
        assertOffsets(Structs.SignalfdSiginfo.LAYOUT, "ssi_signo", 0, "ssi_code", 8, "ssi_pid", 12, "ssi_uid", 16,
                "ssi_status", 40, "ssi_utime", 56, "ssi_syscall", 84, "ssi_arch", 96);
        assertEquals(128, Structs.Siginfo.LAYOUT.byteSize());
        assertOffsets(Structs.Siginfo.LAYOUT, "si_signo", 0, "si_code", 8, "si_pid", 16, "si_status", 24);
    }

    @Test
    void terminalFilesystemSocketAndSchedulerStructs() {
        assertEquals(36, Structs.Termios.LAYOUT.byteSize());
        assertOffsets(Structs.Termios.LAYOUT, "c_line", 16, "c_cc", 17);
        assertEquals(120, Structs.Statfs.LAYOUT.byteSize());
        assertOffsets(Structs.Statfs.LAYOUT, "f_type", 0, "f_bsize", 8, "f_namelen", 64, "f_frsize", 72, "f_flags", 80);
        assertEquals(110, Structs.SockaddrUn.LAYOUT.byteSize());
        assertEquals(2, Structs.SockaddrUn.PATH_OFFSET);
        assertEquals(56, Structs.SchedAttr.LAYOUT.byteSize());
    }

    @Test
    void bpfAttrViews() {
        assertEquals(144, Structs.BpfAttr.PROG_LOAD.byteSize());
        assertOffsets(Structs.BpfAttr.PROG_LOAD, "insn_cnt", 4, "insns", 8, "license", 16, "log_level", 24,
                "log_size", 28, "log_buf", 32, "kern_version", 40, "prog_flags", 44, "prog_name", 48,
                "prog_ifindex", 64, "expected_attach_type", 68);
        assertEquals(144, Structs.BpfAttr.PROG_ATTACH.byteSize());
        assertOffsets(Structs.BpfAttr.PROG_ATTACH, "target_fd", 0, "attach_bpf_fd", 4, "attach_type", 8,
                "attach_flags", 12, "replace_bpf_fd", 16);
        assertEquals(144, Structs.BpfAttr.PROG_QUERY.byteSize());
        assertOffsets(Structs.BpfAttr.PROG_QUERY, "target_fd", 0, "attach_type", 4, "query_flags", 8,
                "attach_flags", 12, "prog_ids", 16, "prog_cnt", 24);
    }

    @Test
    void sockFilterEncodesLittleEndian() {
        // BPF_RET|BPF_K, SECCOMP_RET_ALLOW
        byte[] insn = Structs.SockFilter.encode(0x06, 0, 0, 0x7fff0000);
        assertEquals("06 00 00 00 00 00 ff 7f", java.util.HexFormat.ofDelimiter(" ").formatHex(insn));
        byte[] jump = Structs.SockFilter.encode(0x15, 1, 2, 59);
        assertEquals("15 00 01 02 3b 00 00 00", java.util.HexFormat.ofDelimiter(" ").formatHex(jump));
    }
}

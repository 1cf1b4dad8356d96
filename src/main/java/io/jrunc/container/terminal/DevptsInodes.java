package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.Syscalls.FileStat;
import io.jrunc.sys.Syscalls.Statfs;

/**
 * runc's checks (checkPtmxHandle, getPtyPeer) that an O_PATH handle is the real devpts inode
 * before it is opened: a container controls its /dev, and opening a FIFO or some other device
 * named "ptmx" could hang or harm init. Each check returns runc's message, or null when it passes.
 */
final class DevptsInodes {
    private DevptsInodes() {}

    static final long DEVPTS_SUPER_MAGIC = 0x1cd1L;
    /** TTYAUX_MAJOR and the ptmx minor; devpts always gives its ptmx inode number 2. */
    static final int PTMX_MAJOR = 5;
    static final int PTMX_MINOR = 2;
    static final long PTMX_INODE = 2;
    /** Unix-98 pty peers are char devices 136:N (the kernel's 20-bit minors keep one major). */
    static final int UNIX98_PTY_SLAVE_MAJOR = 136;

    static String checkPtmx(FileStat stat, Statfs statfs) {
        if (statfs.type() != DEVPTS_SUPER_MAGIC) {
            return "ptmx handle is not on a real devpts mount: super magic is " + goHex(statfs.type());
        }
        if (stat.inode() != PTMX_INODE) {
            return "ptmx handle has wrong inode number: " + Long.toUnsignedString(stat.inode());
        }
        if (stat.fileType() != Linux.S_IFCHR || stat.rdevMajor() != PTMX_MAJOR || stat.rdevMinor() != PTMX_MINOR) {
            return "ptmx handle is not a real char ptmx device: ftype " + goHex(stat.fileType()) + " "
                    + stat.rdevMajor() + ":" + stat.rdevMinor();
        }
        return null;
    }

    static String checkPeer(FileStat stat, Statfs statfs, int number) {
        if (statfs.type() != DEVPTS_SUPER_MAGIC) {
            return "pty peer handle is not on a real devpts mount: super magic is " + goHex(statfs.type());
        }
        if (stat.fileType() != Linux.S_IFCHR || stat.rdevMajor() != UNIX98_PTY_SLAVE_MAJOR
                || stat.rdevMinor() != number) {
            return "pty peer handle is not the real char device for pty " + Integer.toUnsignedString(number)
                    + ": ftype " + goHex(stat.fileType()) + " " + stat.rdevMajor() + ":" + stat.rdevMinor();
        }
        return null;
    }

    /** runc's sys.VerifyInode: fstat and fstatfs of the handle, errors naming the handle's path. */
    static FileStat stat(Syscalls sys, int handle, String name) {
        try {
            return sys.statx(handle, "", Linux.AT_EMPTY_PATH);
        } catch (JruncException e) {
            throw Failures.call("fstat " + name, e);
        }
    }

    static Statfs statfs(Syscalls sys, int handle, String name) {
        try {
            return sys.fstatfs(handle);
        } catch (JruncException e) {
            throw Failures.call("fstatfs " + name, e);
        }
    }

    /** Go's {@code %#x}: "0x1021994", "0x0". */
    static String goHex(long v) {
        return "0x" + Long.toHexString(v);
    }
}

package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.RecordingSyscalls;
import io.jrunc.sys.Structs;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.Syscalls.Termios;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The host terminal: cfmakeraw's bits, raw mode and its undoing, and which terminal is the host's. */
class RawModeTest {
    private final RealKernel kernel = new RealKernel();
    private final Syscalls sys = kernel.sys;

    @AfterEach
    void closeFds() {
        kernel.close();
    }

    private static Termios termios(int iflag, int oflag, int cflag, int lflag, int vmin, int vtime) {
        byte[] cc = new byte[Structs.Termios.NCCS];
        for (int i = 0; i < cc.length; i++) {
            cc[i] = (byte) (0x40 + i);
        }
        cc[Linux.VMIN] = (byte) vmin;
        cc[Linux.VTIME] = (byte) vtime;
        return new Termios(iflag, oflag, cflag, lflag, 0, cc);
    }

    /** Flag words before and after glibc 2.x cfmakeraw(3), printed by a C program on x86-64. */
    @Test
    void rawMatchesGlibcCfmakeraw() {
        int[][] cases = {
            // iflag, oflag, cflag, lflag, vmin, vtime -> iflag, oflag, cflag, lflag
            {0x500, 0x5, 0x4bf, 0x8a3b, 1, 0, /* -> */ 0x0, 0x4, 0x4bf, 0xa30},          // the kernel's tty_std_termios
            {0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xff, 0xff, /* -> */ 0xfffffa14, 0xfffffffe, 0xfffffeff, 0xffff7fb4},
            {0x55eb, 0xd, 0x1a0, 0x814b, 4, 9, /* -> */ 0x5000, 0xc, 0xb0, 0x100},        // parity, 7 bits, IXOFF, IUTF8, TOSTOP
        };
        for (int[] c : cases) {
            Termios before = termios(c[0], c[1], c[2], c[3], c[4], c[5]);
            Termios raw = before.raw();
            assertEquals(c[6], raw.iflag(), "iflag of " + Integer.toHexString(c[0]));
            assertEquals(c[7], raw.oflag(), "oflag of " + Integer.toHexString(c[1]));
            assertEquals(c[8], raw.cflag(), "cflag of " + Integer.toHexString(c[2]));
            assertEquals(c[9], raw.lflag(), "lflag of " + Integer.toHexString(c[3]));
            assertEquals(1, raw.cc()[Linux.VMIN]);
            assertEquals(0, raw.cc()[Linux.VTIME]);
            for (int i = 0; i < Structs.Termios.NCCS; i++) {
                if (i != Linux.VMIN && i != Linux.VTIME) {
                    assertEquals(before.cc()[i], raw.cc()[i], "c_cc[" + i + "] untouched");
                }
            }
            assertEquals(before.line(), raw.line());
        }
    }

    @Test
    void makeRawThenRestoreOnARealTerminal() {
        int[] pty = kernel.openPty();
        Termios original = sys.tcgetattr(pty[1]);
        HostConsole host = HostConsole.of(sys, pty[1]);

        host.makeRaw();
        Termios raw = sys.tcgetattr(pty[1]);
        assertEquals(original.raw().iflag(), raw.iflag());
        assertEquals(original.raw().oflag(), raw.oflag());
        assertEquals(original.raw().lflag(), raw.lflag());
        assertEquals(original.raw().cflag(), raw.cflag());
        assertEquals(0, raw.lflag() & (Linux.ICANON | Linux.ECHO | Linux.ISIG));

        host.makeRaw(); // a second call must not make raw the state to return to
        host.close();
        Termios back = sys.tcgetattr(pty[1]);
        assertEquals(original.iflag(), back.iflag());
        assertEquals(original.oflag(), back.oflag());
        assertEquals(original.lflag(), back.lflag());
        assertEquals(original.cflag(), back.cflag());
        assertArrayEquals(original.cc(), back.cc());
        host.close(); // harmless twice
        assertDoesNotThrow(() -> sys.fcntl(pty[1], Linux.F_GETFD, 0), "not the console's to close");
    }

    @Test
    void makeRawOnSomethingElseFailsInRuncsWords() {
        int[] pipe = kernel.pipe();
        JruncException e = assertThrows(JruncException.class, () -> HostConsole.of(sys, pipe[0]).makeRaw());
        assertEquals("failed to set the terminal from the stdin: inappropriate ioctl for device", e.getMessage());
        assertEquals(Errno.ENOTTY, e.errno());
    }

    @Test
    void theHostTerminalIsStderrFirstThenStdoutThenStdin() {
        assertEquals(2, HostConsole.find(new RecordingSyscalls()).fd());
        assertEquals(1, HostConsole.find(new RecordingSyscalls().failWhen("tcgetattr(2)", Errno.ENOTTY)).fd());
        assertEquals(0, HostConsole.find(new RecordingSyscalls().failWhen("tcgetattr(2)", Errno.ENOTTY)
                .failWhen("tcgetattr(1)", Errno.ENOTTY)).fd());
    }

    @Test
    void withAllStdioRedirectedTheControllingTerminalIsOpened() {
        RecordingSyscalls fake = new RecordingSyscalls().failWhen("tcgetattr(0)", Errno.ENOTTY)
                .failWhen("tcgetattr(1)", Errno.ENOTTY).failWhen("tcgetattr(2)", Errno.ENOTTY);
        HostConsole host = HostConsole.find(fake);
        assertEquals("openat(AT_FDCWD, \"/dev/tty\", O_RDONLY, 0)", fake.calls().get(3));
        assertEquals(3, host.fd());
        host.close();
        assertEquals("close(3)", fake.lastCall());
    }

    @Test
    void withoutAnyTerminalFindFailsAsRuncDoes() {
        RecordingSyscalls fake = new RecordingSyscalls().failWhen("tcgetattr(", Errno.ENOTTY)
                .failWhen("openat(AT_FDCWD, \"/dev/tty\"", Errno.ENXIO);
        JruncException e = assertThrows(JruncException.class, () -> HostConsole.find(fake));
        assertEquals("open /dev/tty: no such device or address", e.getMessage());
    }
}

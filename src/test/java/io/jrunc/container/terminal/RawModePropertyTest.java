package io.jrunc.container.terminal;

import io.jrunc.sys.Linux;
import io.jrunc.sys.Structs;
import io.jrunc.sys.Syscalls.Termios;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** cfmakeraw(3) as a pure function of any termios: which bits it clears, sets and keeps. */
class RawModePropertyTest {
    private static final int IFLAG_CLEARED = Linux.IGNBRK | Linux.BRKINT | Linux.PARMRK | Linux.ISTRIP
            | Linux.INLCR | Linux.IGNCR | Linux.ICRNL | Linux.IXON;
    private static final int LFLAG_CLEARED = Linux.ECHO | Linux.ECHONL | Linux.ICANON | Linux.ISIG | Linux.IEXTEN;

    @Property
    void clearsAndSetsExactlyCfmakerawsBits(@ForAll int iflag, @ForAll int oflag, @ForAll int cflag,
                                            @ForAll int lflag, @ForAll @Size(Structs.Termios.NCCS) byte[] cc) {
        Termios raw = new Termios(iflag, oflag, cflag, lflag, 0, cc).raw();
        assertEquals(iflag & ~IFLAG_CLEARED, raw.iflag());
        assertEquals(oflag & ~Linux.OPOST, raw.oflag());
        assertEquals((cflag & ~(Linux.CSIZE | Linux.PARENB)) | Linux.CS8, raw.cflag());
        assertEquals(lflag & ~LFLAG_CLEARED, raw.lflag());
        byte[] expected = cc.clone();
        expected[Linux.VMIN] = 1;
        expected[Linux.VTIME] = 0;
        assertArrayEquals(expected, raw.cc());
    }

    @Property
    void isIdempotent(@ForAll int iflag, @ForAll int oflag, @ForAll int cflag, @ForAll int lflag,
                      @ForAll @Size(Structs.Termios.NCCS) byte[] cc) {
        Termios once = new Termios(iflag, oflag, cflag, lflag, 0, cc).raw();
        Termios twice = once.raw();
        assertEquals(once.iflag(), twice.iflag());
        assertEquals(once.oflag(), twice.oflag());
        assertEquals(once.cflag(), twice.cflag());
        assertEquals(once.lflag(), twice.lflag());
        assertArrayEquals(once.cc(), twice.cc());
    }
}

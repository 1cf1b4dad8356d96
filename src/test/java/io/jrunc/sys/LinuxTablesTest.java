package io.jrunc.sys;

import io.jrunc.JruncException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The name tables and decoders of {@link Linux}, {@link Errno} and {@link GoQuote}. */
class LinuxTablesTest {

    @ParameterizedTest
    @CsvSource({"KILL,9", "SIGKILL,9", "sigkill,9", "kill,9", "Term,15", "9,9", "15,15", "0,0", "64,64",
            "+9,9", "SIGRTMIN_NOT,-1", "hup,1", "SIGSYS,31", "STKFLT,16", "IO,29", "pwr,30", "WINCH,28"})
    void signalNumberParsesLikeRuncKill(String raw, int expected) {
        if (expected < 0) {
            assertThrows(JruncException.class, () -> Linux.signalNumber(raw));
        } else {
            assertEquals(expected, Linux.signalNumber(raw));
        }
    }

    @Test
    void unknownSignalSaysSoInRuncWords() {
        JruncException e = assertThrows(JruncException.class, () -> Linux.signalNumber("FOO"));
        assertEquals("unknown signal \"FOO\"", e.getMessage());
        // runc only knows the classic names; real-time signals go by number
        assertThrows(JruncException.class, () -> Linux.signalNumber("RTMIN"));
        assertThrows(JruncException.class, () -> Linux.signalNumber("SIGIOT"));
        assertThrows(JruncException.class, () -> Linux.signalNumber(""));
        assertEquals("unknown signal \"99999999999\"",
                assertThrows(JruncException.class, () -> Linux.signalNumber("99999999999")).getMessage());
    }

    @Test
    void signalNamesCoverClassicAndRealTimeSignals() {
        assertEquals("SIGHUP", Linux.signalName(1));
        assertEquals("SIGKILL", Linux.signalName(Linux.SIGKILL));
        assertEquals("SIGSYS", Linux.signalName(31));
        assertEquals("SIGRTMIN", Linux.signalName(34));
        assertEquals("SIGRTMIN+1", Linux.signalName(35));
        assertEquals("SIGRTMIN+15", Linux.signalName(49));
        assertEquals("SIGRTMAX-14", Linux.signalName(50));
        assertEquals("SIGRTMAX-1", Linux.signalName(63));
        assertEquals("SIGRTMAX", Linux.signalName(64));
        assertEquals("SIG32", Linux.signalName(32));
        for (int s = 1; s <= 31; s++) {
            assertEquals(s, Linux.signalNumber(Linux.signalName(s)), "round trip of " + s);
        }
    }

    @Test
    void waitStatusDecoding() {
        int exited3 = 3 << 8;
        assertTrue(Linux.isExited(exited3));
        assertFalse(Linux.isSignaled(exited3));
        assertEquals(3, Linux.exitCode(exited3));

        int killed = Linux.SIGKILL;
        assertFalse(Linux.isExited(killed));
        assertTrue(Linux.isSignaled(killed));
        assertEquals(9, Linux.termSignal(killed));
        assertEquals(137, Linux.exitCode(killed));

        int segvCore = Linux.SIGSEGV | 0x80;
        assertTrue(Linux.coreDumped(segvCore));
        assertEquals(139, Linux.exitCode(segvCore));

        int stopped = (Linux.SIGSTOP << 8) | 0x7f;
        assertTrue(Linux.isStopped(stopped));
        assertFalse(Linux.isSignaled(stopped));
        assertEquals(Linux.SIGSTOP, Linux.stopSignal(stopped));
        assertEquals(-1, Linux.exitCode(stopped));

        assertEquals(-1, Linux.exitCode(0xffff)); // WIFCONTINUED
        assertEquals(0, Linux.exitCode(0));
    }

    @Test
    void capabilities() {
        assertEquals(0, Linux.capabilityNumber("CAP_CHOWN"));
        assertEquals(21, Linux.capabilityNumber("CAP_SYS_ADMIN"));
        assertEquals(40, Linux.capabilityNumber("CAP_CHECKPOINT_RESTORE"));
        assertEquals(-1, Linux.capabilityNumber("CAP_NOPE"));
        assertEquals(-1, Linux.capabilityNumber("SYS_ADMIN"));
        assertEquals(-1, Linux.capabilityNumber("cap_sys_admin"));
        assertEquals("CAP_BPF", Linux.capabilityName(39));
        assertNull(Linux.capabilityName(41));
        assertEquals(41, Linux.capabilityNames().size());
        for (int c = 0; c <= Linux.CAP_LAST_CAP; c++) {
            assertEquals(c, Linux.capabilityNumber(Linux.capabilityName(c)));
        }
    }

    @Test
    void rlimits() {
        assertEquals(7, Linux.rlimitNumber("RLIMIT_NOFILE"));
        assertEquals(15, Linux.rlimitNumber("RLIMIT_RTTIME"));
        assertEquals(-1, Linux.rlimitNumber("RLIMIT_BOGUS"));
        assertEquals(-1, Linux.rlimitNumber("rlimit_nofile"));
        assertEquals("RLIMIT_AS", Linux.rlimitName(9));
        assertNull(Linux.rlimitName(16));
    }

    @Test
    void namespaceTypes() {
        assertEquals(Linux.CLONE_NEWNET, Linux.namespaceFlag("network"));
        assertEquals(Linux.CLONE_NEWNS, Linux.namespaceFlag("mount"));
        assertEquals(Linux.CLONE_NEWTIME, Linux.namespaceFlag("time"));
        assertEquals(0, Linux.namespaceFlag("net"));
        assertEquals("net", Linux.namespaceProcName("network"));
        assertEquals("mnt", Linux.namespaceProcName("mount"));
        assertNull(Linux.namespaceProcName("bogus"));
        assertEquals("user", Linux.namespaceTypeOfFlag(Linux.CLONE_NEWUSER).ociName());
        assertEquals(8, Linux.NAMESPACE_TYPES.size());
    }

    @Test
    void makedevMatchesTheKernelEncoding() {
        assertEquals(0x103, Linux.makedev(1, 3)); // /dev/null
        assertEquals(0x500, Linux.makedev(5, 0)); // /dev/tty
        assertEquals(0x8802, Linux.makedev(136, 2)); // /dev/pts/2
        assertEquals(0x100012300045L, Linux.makedev(0x1000, 0x12345)); // both split across the words, as glibc's makedev
    }

    @Test
    void errnoMessagesAreGos() {
        assertEquals("no such file or directory", Errno.message(Errno.ENOENT));
        assertEquals("operation not permitted", Errno.message(1));
        assertEquals("file exists", Errno.message(17));
        assertEquals("device or resource busy", Errno.message(16));
        assertEquals("invalid argument", Errno.message(22));
        assertEquals("resource temporarily unavailable", Errno.message(Errno.EAGAIN));
        assertEquals("too many levels of symbolic links", Errno.message(Errno.ELOOP));
        assertEquals("invalid cross-device link", Errno.message(Errno.EXDEV));
        assertEquals("operation not possible due to RF-kill", Errno.message(132));
        assertEquals("errno 41", Errno.message(41));
        assertEquals("errno 58", Errno.message(58));
        assertEquals("errno 133", Errno.message(133)); // Go's table stops at ERFKILL
        assertEquals("errno 0", Errno.message(0));
        assertEquals("errno 500", Errno.message(500));
    }

    @Test
    void errnoNames() {
        assertEquals("ENOENT", Errno.name(2));
        assertEquals("EHWPOISON", Errno.name(133));
        assertNull(Errno.name(41));
        assertNull(Errno.name(0));
        assertEquals(2, Errno.number("ENOENT"));
        assertEquals(11, Errno.number("EWOULDBLOCK"));
        assertEquals(95, Errno.number("ENOTSUP"));
        assertEquals(-1, Errno.number("EWHATEVER"));
        for (int e = 1; e <= Errno.MAX; e++) {
            String name = Errno.name(e);
            if (name != null) {
                assertEquals(e, Errno.number(name));
            }
        }
    }

    @Test
    void errnoExceptionCarriesMessageAndNumber() {
        JruncException e = Errno.exception(Errno.ENOENT, "openat /x");
        assertEquals("openat /x: no such file or directory", e.getMessage());
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void goQuote() {
        assertEquals("\"FOO\"", GoQuote.quote("FOO"));
        assertEquals("\"a\\\"b\\\\c\"", GoQuote.quote("a\"b\\c"));
        assertEquals("\"\\n\\t\\x00\\x7f\"", GoQuote.quote("\n\t\0\u007f"));
        assertEquals("\"héllo 世界\"", GoQuote.quote("héllo 世界"));
        assertEquals("\"\\u200b\"", GoQuote.quote("\u200b"));
        assertEquals("\"\\u00a0\"", GoQuote.quote("\u00a0"));
        assertEquals("\"\"", GoQuote.quote(""));
    }
}

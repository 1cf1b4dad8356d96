package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.spec.Process;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.RecordingSyscalls;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RlimitsTest {

    @Test
    void mapsEveryNameTheSpecAllowsToItsResource() {
        String[] names = {"RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS",
            "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING",
            "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME"};
        for (int i = 0; i < names.length; i++) {
            List<Rlimits.Limit> limits = Rlimits.resolve(List.of(new Process.Rlimit(names[i], 20, 10)));
            assertEquals(List.of(new Rlimits.Limit(i, 10, 20)), limits, names[i]);
        }
    }

    @Test
    void unknownTypeIsRejectedWithRuncsMessageAndPath() {
        List<Process.Rlimit> rlimits = List.of(new Process.Rlimit("RLIMIT_NOFILE", 1, 1),
                new Process.Rlimit("RLIMIT_FOO", 1, 1));
        JruncException e = assertThrows(JruncException.class, () -> Rlimits.resolve(rlimits));
        assertEquals("process.rlimits[1].type: wrong rlimit value: RLIMIT_FOO", e.getMessage());

        RecordingSyscalls sys = new RecordingSyscalls();
        assertThrows(JruncException.class, () -> Rlimits.apply(sys, rlimits, 77));
        assertEquals(List.of(), sys.calls(), "nothing is set when one name is wrong");
    }

    @Test
    void appliesToTheGivenPidInOrder() {
        RecordingSyscalls sys = new RecordingSyscalls();
        Rlimits.apply(sys, List.of(new Process.Rlimit("RLIMIT_NPROC", 200, 100),
                new Process.Rlimit("RLIMIT_NOFILE", Linux.RLIM_INFINITY, 1024)), 4242);
        assertEquals(List.of("setrlimit(4242, RLIMIT_NPROC, 100, 200)",
                "setrlimit(4242, RLIMIT_NOFILE, 1024, RLIM_INFINITY)"), sys.calls());
    }

    @Test
    void failureNamesTheResourceNumberAsRuncDoes() {
        RecordingSyscalls sys = new RecordingSyscalls().failWhen("setrlimit(", Errno.EPERM);
        JruncException e = assertThrows(JruncException.class,
                () -> Rlimits.apply(sys, List.of(new Process.Rlimit("RLIMIT_NOFILE", 1 << 20, 1 << 20)), 0));
        assertEquals("error setting rlimit type 7: operation not permitted", e.getMessage());
        assertEquals(Errno.EPERM, e.errno());
    }
}

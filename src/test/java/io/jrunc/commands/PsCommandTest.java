package io.jrunc.commands;

import io.jrunc.JruncException;
import io.jrunc.cli.CliHarness;
import io.jrunc.cli.Command;
import io.jrunc.sys.Errno;
import io.jrunc.sys.RecordingSyscalls;
import io.jrunc.sys.Syscalls;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ps: the cgroup's pids as runc's JSON, and the host's ps output filtered to them (the fork faked). */
class PsCommandTest {
    private static final List<Command> COMMANDS = List.of(new PsCommand());
    private static final String PS_EF = """
            UID          PID    PPID  C STIME TTY          TIME CMD
            root           1       0  0 10:00 ?        00:00:01 /sbin/init
            root        4321    4300  0 10:01 ?        00:00:00 sh -c sleep 100
            root        4400    4321  0 10:01 ?        00:00:00 sleep 100
            root        5000       1  0 10:02 pts/0    00:00:00 bash
            """;

    /** The kernel with /bin/ps, whose run (parent side) prints {@code output} and exits with {@code status}. */
    private static CgroupKernel withPs(String output, int status) {
        CgroupKernel k = CgroupKernel.v1(null);
        k.file("/usr/bin/ps", "");
        k.procs(4321, 4400);
        k.pipeOutput = output.getBytes(StandardCharsets.UTF_8);
        k.willReturn("wait4(", new Syscalls.WaitStatus(RecordingSyscalls.CHILD_PID, status << 8));
        return k;
    }

    @Test
    void jsonListsTheHostPidsOfTheCgroup() {
        CgroupKernel k = CgroupKernel.v1(null);
        k.procs(4321, 4400);
        CliHarness.Outcome o = k.run(COMMANDS, "ps", "--format", "json", "c1");
        assertEquals(0, o.status(), o.err());
        assertEquals("[4321,4400]\n", o.out());
    }

    @Test
    void jsonOfNoProcessesIsGosNilSlice() {
        CgroupKernel k = CgroupKernel.v1(null).stopInit();
        k.procs();
        CliHarness.Outcome o = k.run(COMMANDS, "ps", "-f", "json", "c1");
        assertEquals(0, o.status(), o.err());
        assertEquals("null\n", o.out());
    }

    @Test
    void anUnknownFormatIsRefused() {
        CliHarness.Outcome o = CgroupKernel.v1(null).run(COMMANDS, "ps", "-f", "yaml", "c1");
        assertEquals(1, o.status());
        assertTrue(o.err().contains("msg=\"invalid format option\""), o.err());
    }

    @Test
    void tableKeepsTheHeaderAndTheContainersLines() {
        CgroupKernel k = withPs(PS_EF, 0);
        CliHarness.Outcome o = k.run(COMMANDS, "ps", "c1");
        assertEquals(0, o.status(), o.err());
        assertEquals("""
                UID          PID    PPID  C STIME TTY          TIME CMD
                root        4321    4300  0 10:01 ?        00:00:00 sh -c sleep 100
                root        4400    4321  0 10:01 ?        00:00:00 sleep 100
                """, o.out());
        assertEquals(1, k.calls("clone3(").size());
        assertTrue(k.calls().contains("wait4(" + RecordingSyscalls.CHILD_PID + ", 0)"), k.calls().toString());
    }

    @Test
    void psOptionsAfterTheIdGoToPs() {
        CgroupKernel k = withPs("  PID COMMAND\n 4400 sleep\n   17 other\n", 0);
        k.willReturn("clone3(", 0); // the child side: it execs ps
        RecordingSyscalls.Exit exit = assertThrows(RecordingSyscalls.Exit.class,
                () -> HostCommand.combinedOutput(k, "ps", List.of("-o", "pid,comm", "-e")));
        assertEquals(HostCommand.EXEC_FAILED_STATUS, exit.status);
        assertTrue(k.calls().stream().anyMatch(c -> c.startsWith("execve(\"/usr/bin/ps\", [\"ps\", \"-o\", \"pid,comm\", \"-e\"]")),
                k.calls().toString());
        int out = k.pipes.get(0)[1];
        assertTrue(k.calls().contains("dup3(" + out + ", 1, 0)") && k.calls().contains("dup3(" + out + ", 2, 0)"),
                k.calls().toString());
        assertTrue(k.calls().contains("closeRange(3, -1, CLOSE_RANGE_CLOEXEC)"), k.calls().toString());
    }

    @Test
    void aFailingPsIsReportedWithItsOutput() {
        CgroupKernel k = withPs("error: unsupported option (BSD syntax)\n", 1);
        CliHarness.Outcome o = k.run(COMMANDS, "ps", "c1", "-Q");
        assertEquals(1, o.status());
        assertTrue(o.err().contains("msg=\"exit status 1: error: unsupported option (BSD syntax)\\n\""), o.err());
    }

    @Test
    void psOutputWithoutPidColumnIsAnError() {
        CgroupKernel k = withPs("USER COMMAND\nroot sh\n", 0);
        CliHarness.Outcome o = k.run(COMMANDS, "ps", "c1", "-o", "user,comm");
        assertEquals(1, o.status());
        assertTrue(o.err().contains("msg=\"couldn't find PID field in ps output\""), o.err());
    }

    @Test
    void withoutPsInPathGosLookupErrorIsReported() {
        CgroupKernel k = CgroupKernel.v1(null);
        CliHarness.Outcome o = k.run(COMMANDS, "ps", "c1");
        assertEquals(1, o.status());
        assertTrue(o.err().contains("msg=\"exec: \\\"ps\\\": executable file not found in $PATH: \""), o.err());
    }

    @Test
    void anExecFailureComesBackThroughTheReportPipe() {
        CgroupKernel k = CgroupKernel.v1(null);
        k.file("/usr/bin/ps", "");
        k.pipeReport = new byte[] {(byte) Errno.EACCES, 0, 0, 0};
        JruncException e = assertThrows(JruncException.class, () -> HostCommand.combinedOutput(k, "ps", List.of()));
        assertEquals("fork/exec /usr/bin/ps: permission denied", e.getMessage());
        assertEquals(1, k.calls("wait4(").size(), "the failed child is reaped");
    }

    @Test
    void filterParsesThePidColumnAsGoDoes() {
        assertEquals("PID CMD\n7 x\n", PsCommand.filter("PID CMD\n7 x\n8 y\n\n", List.of(7)));
        JruncException e = assertThrows(JruncException.class, () -> PsCommand.filter("PID CMD\nabc x\n", List.of(7)));
        assertEquals("unable to parse pid: strconv.Atoi: parsing \"abc\": invalid syntax", e.getMessage());
    }
}

package io.jrunc.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.cli.CliHarness;
import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.Invocation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandArgumentsTest {

    /** Runs {@code spec} with a body that records what it was given. */
    private static Invocation capture(CommandSpec spec, String... args) {
        Invocation[] seen = new Invocation[1];
        Command probe = new Command() {
            @Override
            public CommandSpec spec() {
                return spec;
            }

            @Override
            public int run(Invocation inv) {
                seen[0] = inv;
                return 0;
            }
        };
        CliHarness.Outcome o = new CliHarness(List.of(probe)).run(args);
        assertEquals(0, o.status(), o.err());
        return seen[0];
    }

    @Test
    void execStopsAtTheContainerIdAndPassesTheRestThrough() {
        Invocation inv = capture(ExecCommand.SPEC, "exec", "-t", "--env", "A=1", "--env", "B=2",
                "--user", "1000:1000", "ctr", "sh", "-c", "ls -l", "--tty=false", "-e", "X");
        assertTrue(inv.flags().bool("tty"));
        assertEquals(List.of("A=1", "B=2"), inv.flags().strings("env"));
        assertEquals("1000:1000", inv.flags().string("u"));
        assertEquals("ctr", inv.containerId());
        assertEquals(List.of("sh", "-c", "ls -l", "--tty=false", "-e", "X"), ExecCommand.processArgs(inv));
    }

    @Test
    void execTakesCapsGidsAndCgroupsRepeatedly() {
        Invocation inv = capture(ExecCommand.SPEC, "exec", "--cap", "CAP_SYS_ADMIN", "--cap", "CAP_NET_RAW",
                "-g", "10", "-g", "0x14", "--cgroup", "cpu:/a", "--cgroup", "memory:/b", "-d", "--pid-file", "p",
                "--preserve-fds", "2", "--ignore-paused", "ctr", "true");
        assertEquals(List.of("CAP_SYS_ADMIN", "CAP_NET_RAW"), inv.flags().strings("cap"));
        assertEquals(List.of(10L, 20L), inv.flags().longs("additional-gids"));
        assertEquals(List.of("cpu:/a", "memory:/b"), inv.flags().strings("cgroup"));
        assertTrue(inv.flags().bool("detach"));
        assertEquals(2, inv.flags().integer("preserve-fds"));
        assertTrue(inv.flags().bool("ignore-paused"));
    }

    @Test
    void psPassesItsTrailingOptionsToPs() {
        Invocation inv = capture(PsCommand.SPEC, "ps", "-f", "json", "ctr", "-o", "pid,comm");
        assertEquals("json", inv.flags().string("format"));
        assertEquals(List.of("ctr", "-o", "pid,comm"), inv.args());
    }

    @Test
    void killDefaultsToSigterm() {
        assertEquals("SIGTERM", KillCommand.signalArgument(capture(KillCommand.SPEC, "kill", "ctr")));
        Invocation inv = capture(KillCommand.SPEC, "kill", "ctr", "KILL", "--all");
        assertEquals("KILL", KillCommand.signalArgument(inv));
        assertTrue(inv.flags().bool("all"));
    }

    @Test
    void createAndRunTakeRuncsFlags() {
        Invocation create = capture(CreateCommand.SPEC, "create", "ctr", "-b", "/bundle", "--console-socket", "/s",
                "--pidfd-socket", "/p", "--pid-file", "/pid", "--no-pivot", "--no-new-keyring", "--preserve-fds=3");
        assertEquals("/bundle", create.flags().string("bundle"));
        assertEquals(3, create.flags().integer("preserve-fds"));
        assertTrue(create.flags().bool("no-pivot") && create.flags().bool("no-new-keyring"));
        Invocation run = capture(RunCommand.SPEC, "run", "-d", "--keep", "--bundle=/b", "ctr");
        assertTrue(run.flags().bool("detach") && run.flags().bool("keep"));
        assertEquals("/b", run.flags().string("b"));
    }

    @Test
    void listAndEventsFlags() {
        Invocation list = capture(ListCommand.SPEC, "list", "-q", "--format", "json");
        assertTrue(list.flags().bool("quiet"));
        assertEquals("json", list.flags().string("f"));
        Invocation events = capture(EventsCommand.SPEC, "events", "--stats", "--interval", "2s", "ctr");
        assertEquals(java.time.Duration.ofSeconds(2), events.flags().duration("interval"));
    }

    @Test
    void updateAcceptsHiddenObsoleteFlags() {
        Invocation inv = capture(UpdateCommand.SPEC, "update", "--kernel-memory", "1M", "--memory", "1G",
                "--pids-limit", "100", "--resources=-", "ctr");
        assertEquals("1G", inv.flags().string("memory"));
        assertEquals(100, inv.flags().integer("pids-limit"));
        assertEquals("-", inv.flags().string("resources"));
        assertEquals(List.of("ctr"), inv.args());
    }

    @Test
    void aDashValueAfterTheIdIsNotCarriedAlongByReordering() {
        // urfave v1 only carries a flag's value along when it does not start with a dash, so the
        // id after "-r -" becomes the value; callers (go-runc) write --resources=- for that reason
        Invocation inv = capture(UpdateCommand.SPEC, "update", "-r", "-", "ctr");
        assertEquals("ctr", inv.flags().string("resources"));
        assertEquals(List.of("-"), inv.args());
    }

    @ParameterizedTest
    @CsvSource({
            "start, exactly 1",
            "state, exactly 1",
            "delete, exactly 1",
            "pause, exactly 1",
            "resume, exactly 1",
            "events, exactly 1",
            "update, exactly 1",
            "create, exactly 1",
            "run, exactly 1",
            "checkpoint, exactly 1",
            "restore, exactly 1",
            "kill, a minimum of 1",
            "exec, a minimum of 1",
            "ps, a minimum of 1"})
    void commandsWithoutTheirContainerIdFailWithRuncsWording(String command, String count) {
        CliHarness.Outcome o = new CliHarness(Commands.all()).run(command);
        assertEquals(1, o.status());
        assertTrue(o.out().startsWith("Incorrect Usage.\n\nNAME:\n   jrunc " + command + " - "), o.out());
        assertTrue(o.err().endsWith("msg=\"jrunc: \\\"" + command + "\\\" requires " + count + " argument(s)\"\n"), o.err());
    }

    @ParameterizedTest
    @CsvSource({"list, x", "spec, x", "features, x"})
    void commandsWithoutArgumentsRefuseOne(String command, String extra) {
        CliHarness.Outcome o = new CliHarness(Commands.all()).run(command, extra);
        assertEquals(1, o.status());
        assertTrue(o.err().contains("requires exactly 0 argument(s)"), o.err());
    }

    @Test
    void killRefusesAThirdArgument() {
        CliHarness.Outcome o = new CliHarness(Commands.all()).run("kill", "a", "KILL", "extra");
        assertTrue(o.err().contains("jrunc: \\\"kill\\\" requires a maximum of 2 argument(s)"), o.err());
    }

    @ParameterizedTest
    @CsvSource({
            "checkpoint, checkpoint is not supported",
            "restore, restore is not supported"})
    void unfinishedCommandsSaySo(String command, String message) {
        CliHarness.Outcome o = new CliHarness(Commands.all()).run(command, "ctr");
        assertEquals(1, o.status());
        assertTrue(o.err().contains("msg=\"" + message + "\""), o.err());
    }
}

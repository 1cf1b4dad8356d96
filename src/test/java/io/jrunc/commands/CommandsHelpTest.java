package io.jrunc.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.cli.CliHarness;
import io.jrunc.cli.Command;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CommandsHelpTest {

    static Stream<String> names() {
        return Commands.all().stream().map(c -> c.spec().name());
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyCommandHasHelpReachableThreeWays(String name) {
        CliHarness cli = new CliHarness(Commands.all());
        CliHarness.Outcome viaFlag = cli.run(name, "--help");
        assertEquals(0, viaFlag.status());
        assertEquals("", viaFlag.err());
        Command command = Commands.all().stream().filter(c -> c.spec().name().equals(name)).findFirst().orElseThrow();
        assertTrue(viaFlag.out().startsWith("NAME:\n   jrunc " + name + " - " + command.spec().usage() + "\n\nUSAGE:\n   jrunc "
                + name), viaFlag.out());
        assertEquals(viaFlag.out(), cli.run(name, "-h").out());
        assertEquals(viaFlag.out(), cli.run("help", name).out());
    }

    @Test
    void theAppHelpListsEveryCommandInRuncsOrder() {
        String help = new CliHarness(Commands.all()).run("help").out();
        int at = help.indexOf("COMMANDS:");
        String list = help.substring(at, help.indexOf("\n\n", at));
        assertEquals(List.of("checkpoint", "create", "delete", "events", "exec", "kill", "list", "pause", "ps",
                "restore", "resume", "run", "spec", "start", "state", "update", "features", "help,"),
                list.lines().skip(1).map(l -> l.strip().split(" ")[0]).toList());
        assertTrue(list.contains("\n   help, h     Shows a list of commands or help for one command"), list);
    }

    @Test
    void helpForAnUnknownTopicFails() {
        CliHarness.Outcome o = new CliHarness(Commands.all()).run("help", "nope");
        assertEquals(1, o.status());
        assertTrue(o.err().contains("No help topic for 'nope'"), o.err());
    }

    @Test
    void deleteHelpMatchesRuncLayout() {
        assertEquals("""
                NAME:
                   jrunc delete - delete any resources held by the container often used with detached container

                USAGE:
                   jrunc delete [command options] <container-id>

                Where "<container-id>" is the name for the instance of the container.

                EXAMPLE:
                For example, if the container id is "ubuntu01" and jrunc list currently shows the
                status of "ubuntu01" as "stopped" the following will delete resources held for
                "ubuntu01" removing "ubuntu01" from the jrunc list of containers:

                       # jrunc delete ubuntu01

                OPTIONS:
                   --force, -f  Forcibly deletes the container if it is still running (uses SIGKILL)
                \s\s\s
                """, new CliHarness(Commands.all()).run("delete", "--help").out());
    }

    @Test
    void startHelpHasNoOptionsSection() {
        assertEquals("""
                NAME:
                   jrunc start - executes the user defined process in a created container

                USAGE:
                   jrunc start <container-id>

                Where "<container-id>" is your name for the instance of the container that you
                are starting. The name you provide for the container instance must be unique on
                your host.

                DESCRIPTION:
                   The start command executes the user defined process in a created container.
                """, new CliHarness(Commands.all()).run("start", "--help").out());
    }

    @Test
    void execOptionsAreAlignedInOneBlock() {
        String help = new CliHarness(Commands.all()).run("exec", "--help").out();
        assertTrue(help.contains("\n   --env value, -e value              set environment variables\n"), help);
        assertTrue(help.contains("\n   --additional-gids value, -g value  additional gids\n"), help);
        assertTrue(help.contains("\n   --preserve-fds value               Pass N additional file descriptors to the "
                + "container (stdio + $LISTEN_FDS + N in total) (default: 0)\n"), help);
    }

    @Test
    void updateHelpHidesObsoleteFlagsAndKeepsTheResourcesExample() {
        String help = new CliHarness(Commands.all()).run("update", "--help").out();
        assertTrue(help.contains("   --resources value, -r value  path to the file containing the resources to update"), help);
        assertTrue(help.contains("\n  \"memory\": {\n"), help);
        assertTrue(!help.contains("kernel-memory"), help);
    }
}

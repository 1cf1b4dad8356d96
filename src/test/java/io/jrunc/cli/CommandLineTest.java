package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.RecordingSyscalls;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    /** A command that remembers how it was called. */
    static final class Probe implements Command {
        final CommandSpec spec;
        Invocation seen;
        RuntimeException failure;

        Probe(CommandSpec spec) {
            this.spec = spec;
        }

        @Override
        public CommandSpec spec() {
            return spec;
        }

        @Override
        public int run(Invocation inv) {
            seen = inv;
            if (failure != null) {
                throw failure;
            }
            return 0;
        }
    }

    private final Probe start = new Probe(new CommandSpec("start", "start it", "<container-id>", "", List.of()));
    private final Probe delete = new Probe(new CommandSpec("delete", "delete it", "<container-id>", "",
            List.of(FlagSpec.bool("force, f", "Forcibly deletes the container"))));
    private final CliHarness cli = new CliHarness(List.of(start, delete));

    private static final String TEXT_ERROR_PREFIX = "time=\"2026-11-28T02:45:11Z\" level=error msg=";

    @Test
    void versionPrintsThreeLines() {
        for (String flag : List.of("--version", "-v", "-version")) {
            CliHarness.Outcome o = cli.run(flag);
            assertEquals(0, o.status());
            String[] lines = o.out().split("\n");
            assertEquals(3, lines.length, o.out());
            assertEquals("jrunc version 0.1.0", lines[0]);
            assertTrue(lines[1].matches("commit: \\S+"), lines[1]);
            assertEquals("spec: 1.3.0", lines[2]);
            assertEquals("", o.err());
        }
    }

    @Test
    void helpFlagsAndNoArgumentsShowTheAppHelp() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {})) {
            CliHarness.Outcome o = cli.run(args);
            assertEquals(0, o.status());
            assertTrue(o.out().startsWith("NAME:\n   jrunc - Open Container Initiative runtime\n"), o.out());
            assertTrue(o.out().contains("\nCOMMANDS:\n   start   start it\n   delete  delete it\n"), o.out());
        }
    }

    @Test
    void unknownCommandFailsWithUrfaveWording() {
        CliHarness.Outcome o = cli.run("frobnicate", "x");
        assertEquals(CommandLine.UNKNOWN_COMMAND_STATUS, o.status());
        assertEquals(1, o.status());
        assertEquals(TEXT_ERROR_PREFIX + "\"No help topic for 'frobnicate'\"\n", o.err());
        assertEquals("", o.out());
    }

    @Test
    void unknownGlobalFlagPrintsIncorrectUsageAndAppHelpThenTheError() {
        CliHarness.Outcome o = cli.run("--bogus", "start", "x");
        assertEquals(1, o.status());
        assertTrue(o.out().startsWith("Incorrect Usage. flag provided but not defined: -bogus\n\nNAME:\n"), o.out());
        assertEquals(TEXT_ERROR_PREFIX + "\"flag provided but not defined: -bogus\"\n", o.err());
        assertNull(start.seen);
    }

    @Test
    void unknownCommandFlagPrintsIncorrectUsageAndCommandHelp() {
        CliHarness.Outcome o = cli.run("delete", "--bogus", "x");
        assertEquals(1, o.status());
        assertTrue(o.out().startsWith("Incorrect Usage: flag provided but not defined: -bogus\n\n"
                + "NAME:\n   jrunc delete - delete it\n"), o.out());
        assertEquals(TEXT_ERROR_PREFIX + "\"flag provided but not defined: -bogus\"\n", o.err());
    }

    @Test
    void globalFlagsAfterTheCommandAreNotGlobal() {
        CliHarness.Outcome o = cli.run("start", "--root", "/x", "id");
        assertEquals(1, o.status());
        assertTrue(o.err().contains("flag provided but not defined: -root"), o.err());
    }

    @Test
    void commandFlagsMayFollowTheContainerId() {
        assertEquals(0, cli.run("delete", "ctr", "--force").status());
        assertTrue(delete.seen.flags().bool("force"));
        assertEquals(List.of("ctr"), delete.seen.args());
    }

    @Test
    void commandHelpFlagShowsItsHelpAndRunsNothing() {
        for (String flag : List.of("--help", "-h")) {
            CliHarness.Outcome o = cli.run("delete", "ctr", flag);
            assertEquals(0, o.status());
            assertTrue(o.out().startsWith("NAME:\n   jrunc delete - delete it\n\nUSAGE:\n"
                    + "   jrunc delete [command options] <container-id>\n"), o.out());
        }
        assertNull(delete.seen);
    }

    @Test
    void argumentCountErrorsPrintIncorrectUsageAndRuncsMessage() {
        start.failure = null;
        Command strict = new Command() {
            @Override
            public CommandSpec spec() {
                return start.spec;
            }

            @Override
            public int run(Invocation inv) {
                inv.requireExactly(1);
                return 0;
            }
        };
        CliHarness.Outcome o = new CliHarness(List.of(strict)).run("start");
        assertEquals(1, o.status());
        assertTrue(o.out().startsWith("Incorrect Usage.\n\nNAME:\n   jrunc start - start it\n"), o.out());
        assertEquals(TEXT_ERROR_PREFIX + "\"jrunc: \\\"start\\\" requires exactly 1 argument(s)\"\n", o.err());
    }

    @Test
    void minimumAndMaximumWording() {
        Command counts = new Command() {
            @Override
            public CommandSpec spec() {
                return new CommandSpec("kill", "kill", "", "", List.of());
            }

            @Override
            public int run(Invocation inv) {
                inv.requireAtLeast(1);
                inv.requireAtMost(2);
                return 0;
            }
        };
        CliHarness h = new CliHarness(List.of(counts));
        assertTrue(h.run("kill").err().contains("jrunc: \\\"kill\\\" requires a minimum of 1 argument(s)"));
        assertTrue(h.run("kill", "a", "b", "c").err().contains("jrunc: \\\"kill\\\" requires a maximum of 2 argument(s)"));
        assertEquals(0, h.run("kill", "a", "b").status());
    }

    @Test
    void commandFailuresAreOneLogLineOnStderrAndStatusOne() {
        start.failure = new JruncException("container \"x\" does not exist");
        CliHarness.Outcome o = cli.run("start", "x");
        assertEquals(1, o.status());
        assertEquals(TEXT_ERROR_PREFIX + "\"container \\\"x\\\" does not exist\"\n", o.err());
    }

    @Test
    void aBugIsLoggedAsAnInternalErrorAndStillPropagates() {
        start.failure = new IllegalStateException("oops");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        CommandLine cl = new CommandLine(List.of(start), new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), cli.sys(),
                java.time.InstantSource.fixed(CliHarness.NOW));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> cl.execute(List.of("start", "x")));
        assertEquals(TEXT_ERROR_PREFIX + "\"internal error: java.lang.IllegalStateException: oops\"\n",
                err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void onATerminalErrorsUseLogrusColouredShortForm() {
        start.failure = new JruncException("boom");
        CliHarness tty = new CliHarness(List.of(start), new RecordingSyscalls());
        CliHarness.Outcome o = tty.run("start", "x");
        assertEquals("\u001b[31mERRO\u001b[0m[0000] boom" + " ".repeat(40) + " \n", o.err());
    }

    @Test
    void jsonLogFileGetsOneLineAndStderrTheBareMessage() {
        start.failure = new JruncException("container <x> & \"y\" failed");
        cli.sys().file("/var/log/jrunc.log", "");
        CliHarness.Outcome o = cli.run("--log", "/var/log/jrunc.log", "--log-format", "json", "start", "x");
        assertEquals(1, o.status());
        assertEquals("{\"level\":\"error\",\"msg\":\"container \\u003cx\\u003e \\u0026 \\\"y\\\" failed\","
                + "\"time\":\"2026-11-28T02:45:11Z\"}\n", cli.sys().text("/var/log/jrunc.log"));
        assertEquals("container <x> & \"y\" failed\n", o.err());
        assertEquals(1, cli.sys().calls("write(").size(), "one write(2) per line");
    }

    @Test
    void jsonFormatWithoutLogFileWritesJsonToStderr() {
        start.failure = new JruncException("nope");
        CliHarness.Outcome o = cli.run("--log-format=json", "start", "x");
        assertEquals("{\"level\":\"error\",\"msg\":\"nope\",\"time\":\"2026-11-28T02:45:11Z\"}\n", o.err());
    }

    @Test
    void logFileIsOpenedForAppendingWithMode0644() {
        cli.run("--log", "/tmp/j.log", "start", "x");
        assertEquals(List.of("openat(AT_FDCWD, \"/tmp/j.log\", O_WRONLY|O_CREAT|O_APPEND|O_CLOEXEC, 0644)"),
                cli.sys().calls("openat("));
    }

    @Test
    void anUnopenableLogFileIsTheError() {
        cli.sys().failWhen("openat(AT_FDCWD, \"/nope/j.log\"", Errno.ENOENT);
        CliHarness.Outcome o = cli.run("--log", "/nope/j.log", "start", "x");
        assertEquals(1, o.status());
        assertTrue(o.err().startsWith(TEXT_ERROR_PREFIX) && o.err().contains("no such file or directory"), o.err());
        assertNull(start.seen);
    }

    @Test
    void invalidLogFormatIsRefusedAsRuncDoes() {
        CliHarness.Outcome o = cli.run("--log-format", "xml", "start", "x");
        assertEquals(1, o.status());
        assertEquals(TEXT_ERROR_PREFIX + "\"invalid log-format: xml\"\n", o.err());
    }

    @Test
    void debugAddsDebugLines() {
        Command chatty = new Command() {
            @Override
            public CommandSpec spec() {
                return new CommandSpec("chat", "chat", "", "", List.of());
            }

            @Override
            public int run(Invocation inv) {
                inv.log().debug("detail");
                return 0;
            }
        };
        CliHarness h = new CliHarness(List.of(chatty));
        assertEquals("", h.run("chat").err());
        assertEquals("time=\"2026-11-28T02:45:11Z\" level=debug msg=detail\n", h.run("--debug", "chat").err());
    }

    @Test
    void rootIsMadeAbsoluteAndClean() {
        cli.sys().willReturn("getcwd", "/home/me");
        cli.run("--root", "state/../run", "start", "x");
        assertEquals("/home/me/run", start.seen.globals().root());
        assertTrue(start.seen.globals().rootGiven());
    }

    @Test
    void rootMustNotBeSlash() {
        CliHarness.Outcome o = cli.run("--root", "/..", "start", "x");
        assertEquals(1, o.status());
        assertEquals(TEXT_ERROR_PREFIX + "\"Option --root argument should not be set to /\"\n", o.err());
    }

    @Test
    void defaultRootIsRunJruncForRoot() {
        cli.sys().environment(List.of("XDG_RUNTIME_DIR=/run/user/0"));
        cli.sys().file("/proc/self/uid_map", "         0          0 4294967295\n");
        cli.run("start", "x");
        assertEquals("/run/jrunc", start.seen.globals().root());
        assertFalse(start.seen.globals().rootGiven());
    }

    @Test
    void rootlessCallersGetTheirXdgRuntimeDirWithTheStickyBit() {
        cli.sys().ids(1000, 1000).environment(List.of("XDG_RUNTIME_DIR=/run/user/1000"));
        assertEquals(0, cli.run("start", "x").status());
        assertEquals("/run/user/1000/jrunc", start.seen.globals().root());
        assertTrue(cli.sys().has("/run/user/1000/jrunc"));
        assertEquals(01700, cli.sys().modeOf("/run/user/1000/jrunc") & 07777);
    }

    @Test
    void obsoleteCriuFlagIsAcceptedWithRuncsWarning() {
        CliHarness.Outcome o = cli.run("--criu", "/usr/sbin/criu", "start", "x");
        assertEquals(0, o.status());
        assertEquals("WARNING: --criu ignored (criu binary from $PATH is used); do not use\n", o.err());
    }

    @Test
    void globalOptionsReachTheCommand() {
        cli.run("--systemd-cgroup", "--rootless=false", "-debug", "start", "x");
        GlobalOptions g = start.seen.globals();
        assertTrue(g.systemdCgroup());
        assertTrue(g.debug());
        assertEquals(Boolean.FALSE, g.rootlessSetting());
        assertNotNull(start.seen.sys());
    }

    @Test
    void rootlessValueIsCheckedWhenACommandAsks() {
        cli.run("--rootless", "maybe", "start", "x");
        JruncException e = org.junit.jupiter.api.Assertions.assertThrows(JruncException.class,
                () -> start.seen.globals().rootlessSetting());
        assertEquals("strconv.ParseBool: parsing \"maybe\": invalid syntax", e.getMessage());
        cli.run("--rootless", "AUTO", "start", "x");
        assertNull(start.seen.globals().rootlessSetting());
    }
}

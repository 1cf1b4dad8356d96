package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HelpTextTest {

    @Test
    void commandHelpFollowsUrfaveTemplateWithAlignedOptions() {
        CommandSpec spec = new CommandSpec("demo", "do a thing", "<container-id>", "The demo command demonstrates.",
                List.of(FlagSpec.string("bundle, b", "path to the bundle"),
                        FlagSpec.bool("no-pivot", "do not pivot"),
                        FlagSpec.string("format, f", "table", "select one of: table or json"),
                        FlagSpec.integer("preserve-fds", "pass N fds"),
                        FlagSpec.string("secret", "hidden").hide()));
        assertEquals("""
                NAME:
                   jrunc demo - do a thing

                USAGE:
                   jrunc demo [command options] <container-id>

                DESCRIPTION:
                   The demo command demonstrates.

                OPTIONS:
                   --bundle value, -b value  path to the bundle
                   --no-pivot                do not pivot
                   --format value, -f value  select one of: table or json (default: "table")
                   --preserve-fds value      pass N fds (default: 0)
                \s\s\s
                """, HelpText.command("jrunc", spec));
    }

    @Test
    void aCommandWithoutFlagsOrArgsUsageHasNoOptionsSection() {
        CommandSpec spec = new CommandSpec("bare", "nothing", "", "", List.of());
        assertEquals("""
                NAME:
                   jrunc bare - nothing

                USAGE:
                   jrunc bare [arguments...]
                """, HelpText.command("jrunc", spec));
    }

    @Test
    void aMultiLineUsageEndsTheAlignmentRunAsGoTabwriterDoes() {
        String text = HelpText.alignColumns("   --a value\tfirst line\nsecond line\n   --bb\tx\n   --ccc\ty\n");
        assertEquals("   --a value  first line\nsecond line\n   --bb   x\n   --ccc  y\n", text);
    }

    @Test
    void appHelpListsCommandsWithAliasesAndVisibleGlobalOptions() {
        List<CommandSpec> commands = List.of(
                new CommandSpec("start", "start it", "", "", List.of()),
                new CommandSpec("help", "Shows a list of commands or help for one command", "[command]", "",
                        List.of()).withAliases("h"));
        String help = HelpText.app("jrunc", "Open Container Initiative runtime", "0.1.0\ncommit: abc\nspec: 1.3.0",
                commands, GlobalFlags.specs("/run/jrunc"));
        assertTrue(help.startsWith("NAME:\n   jrunc - Open Container Initiative runtime\n\nUSAGE:\n"
                + "   jrunc [global options] command [command options] [arguments...]\n\n"
                + "VERSION:\n   0.1.0\ncommit: abc\nspec: 1.3.0\n\nCOMMANDS:\n"
                + "   start    start it\n"
                + "   help, h  Shows a list of commands or help for one command\n\nGLOBAL OPTIONS:\n"), help);
        assertTrue(help.contains("\n   --root value        root directory for storage of container state "
                + "(this should be located in tmpfs) (default: \"/run/jrunc\")\n"), help);
        assertTrue(help.endsWith("   --version, -v       print the version\n"), help);
        assertTrue(!help.contains("criu"), "hidden --criu stays out of help");
    }
}

package io.jrunc.commands;

import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.Invocation;
import java.util.List;

/** {@code jrunc help [command]} (also {@code jrunc h}): urfave/cli's built-in help command. */
public final class HelpCommand implements Command {

    static final CommandSpec SPEC = new CommandSpec("help", "Shows a list of commands or help for one command",
            "[command]", "", List.of()).withAliases("h");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        if (inv.args().isEmpty()) {
            inv.printAppHelp();
        } else {
            inv.printHelpFor(inv.arg(0));
        }
        return 0;
    }
}

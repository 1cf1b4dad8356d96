package io.jrunc.commands;

import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.Invocation;
import java.util.List;

/**
 * {@code jrunc ps [--format table|json] <container-id> [ps options]}: the container's processes.
 * Everything after the id goes to ps(1), so options there are not jrunc's.
 */
public final class PsCommand implements Command {

    static final CommandSpec SPEC = new CommandSpec("ps", "ps displays the processes running inside a container",
            "<container-id> [ps options]", "", List.of(SharedFlags.format())).keepingArgOrder();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireAtLeast(1);
        throw NotImplemented.of("ps");
    }
}

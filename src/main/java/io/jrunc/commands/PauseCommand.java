package io.jrunc.commands;

import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.Invocation;
import java.util.List;

/** {@code jrunc pause <container-id>}: freezes every process of the container. */
public final class PauseCommand implements Command {

    // runc's text has a space after "paused."; kept for identical help output
    static final CommandSpec SPEC = new CommandSpec("pause", "pause suspends all processes inside the container",
            "<container-id>\n\nWhere \"<container-id>\" is the name for the instance of the container to be\npaused. ",
            """
            The pause command suspends all processes in the instance of the container.

            Use jrunc list to identify instances of containers and their current status.""",
            List.of());

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireExactly(1);
        ContainerCommands.load(inv, inv.containerId()).pause();
        return 0;
    }
}

package io.jrunc.commands;

import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.Invocation;
import java.util.List;

/** {@code jrunc start <container-id>}: runs the user process of a created container. */
public final class StartCommand implements Command {

    static final CommandSpec SPEC = new CommandSpec("start", "executes the user defined process in a created container", """
            <container-id>

            Where "<container-id>" is your name for the instance of the container that you
            are starting. The name you provide for the container instance must be unique on
            your host.""",
            "The start command executes the user defined process in a created container.",
            List.of());

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireExactly(1);
        ContainerCommands.load(inv, inv.containerId()).start();
        return 0;
    }
}

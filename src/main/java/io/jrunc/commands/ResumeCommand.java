package io.jrunc.commands;

import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.Invocation;
import java.util.List;

/** {@code jrunc resume <container-id>}: thaws a paused container. */
public final class ResumeCommand implements Command {

    static final CommandSpec SPEC = new CommandSpec("resume", "resumes all processes that have been previously paused", """
            <container-id>

            Where "<container-id>" is the name for the instance of the container to be
            resumed.""", """
            The resume command resumes all processes in the instance of the container.

            Use jrunc list to identify instances of containers and their current status.""",
            List.of());

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireExactly(1);
        ContainerCommands.load(inv, inv.containerId()).resume();
        return 0;
    }
}

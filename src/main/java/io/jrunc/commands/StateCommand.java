package io.jrunc.commands;

import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.Invocation;
import io.jrunc.json.Json;
import java.util.List;

/** {@code jrunc state <container-id>}: the OCI state of a container as JSON. */
public final class StateCommand implements Command {

    static final CommandSpec SPEC = new CommandSpec("state", "output the state of a container", """
            <container-id>

            Where "<container-id>" is your name for the instance of the container.""", """
            The state command outputs current state information for the
            instance of a container.""",
            List.of());

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireExactly(1);
        // runc prints json.MarshalIndent(state, "", "  ") without a final newline
        inv.out().print(Json.writeIndented(ContainerCommands.load(inv, inv.containerId()).state().toRuncJson(), "  "));
        inv.out().flush();
        return 0;
    }
}

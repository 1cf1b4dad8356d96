package io.jrunc.commands;

import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.FlagSpec;
import io.jrunc.cli.Invocation;
import io.jrunc.container.Container;
import io.jrunc.JruncException;
import java.util.List;

/** {@code jrunc delete [--force] <container-id>}: removes a stopped (or, forced, any) container. */
public final class DeleteCommand implements Command {

    static final CommandSpec SPEC = new CommandSpec("delete",
            "delete any resources held by the container often used with detached container", """
            <container-id>

            Where "<container-id>" is the name for the instance of the container.

            EXAMPLE:
            For example, if the container id is "ubuntu01" and jrunc list currently shows the
            status of "ubuntu01" as "stopped" the following will delete resources held for
            "ubuntu01" removing "ubuntu01" from the jrunc list of containers:

                   # jrunc delete ubuntu01""",
            "",
            List.of(FlagSpec.bool("force, f", "Forcibly deletes the container if it is still running (uses SIGKILL)")));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireExactly(1);
        String id = inv.containerId();
        boolean force = inv.flags().bool("force");
        Container container;
        try {
            container = ContainerCommands.load(inv, id);
        } catch (JruncException e) {
            // engines delete --force what may already be gone: that is success (runc does the same)
            if (force && "container does not exist".equals(e.getMessage())) return 0;
            throw e;
        }
        for (String warning : container.delete(force)) inv.log().warn(warning);
        return 0;
    }
}

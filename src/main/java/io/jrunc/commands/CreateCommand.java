package io.jrunc.commands;

import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.Invocation;
import io.jrunc.container.ContainerCreator;
import io.jrunc.JruncException;
import java.util.List;

/** {@code jrunc create [options] <container-id>}: sets a container up and leaves it waiting for start. */
public final class CreateCommand implements Command {

    static final CommandSpec SPEC = new CommandSpec("create", "create a container", """
            <container-id>

            Where "<container-id>" is your name for the instance of the container that you
            are starting. The name you provide for the container instance must be unique on
            your host.""", """
            The create command creates an instance of a container for a bundle. The bundle
            is a directory with a specification file named "config.json" and a root
            filesystem.

            The specification file includes an args parameter. The args parameter is used
            to specify command(s) that get run when the container is started. To change the
            command(s) that get executed on start, edit the args parameter of the spec. See
            "jrunc spec --help" for more explanation.""",
            List.of(
                    SharedFlags.bundle(),
                    SharedFlags.consoleSocket(),
                    SharedFlags.initPidfdSocket(),
                    SharedFlags.pidFile(),
                    SharedFlags.noPivot(),
                    SharedFlags.noNewKeyring(),
                    SharedFlags.preserveFds()));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireExactly(1);
        String id = inv.containerId();
        try {
            ContainerCreator creator = new ContainerCreator(inv.sys(), ContainerCommands.store(inv), inv.log()::warn);
            creator.create(creator.plan(ContainerCommands.createOptions(inv, id)));
        } catch (JruncException e) {
            throw e.withContext("jrunc create failed");
        }
        return 0;
    }
}

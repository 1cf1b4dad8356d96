package io.jrunc.commands;

import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.FlagSpec;
import io.jrunc.cli.Invocation;
import java.util.List;

/** {@code jrunc events [--stats] [--interval 5s] <container-id>}: OOM notices and resource statistics as JSON lines. */
public final class EventsCommand implements Command {

    static final CommandSpec SPEC = new CommandSpec("events",
            "display container events such as OOM notifications, cpu, memory, and IO usage statistics", """
            <container-id>

            Where "<container-id>" is the name for the instance of the container.""", """
            The events command displays information about the container. By default the
            information is displayed once every 5 seconds.""",
            List.of(
                    FlagSpec.duration("interval", "5s", "set the stats collection interval"),
                    FlagSpec.bool("stats", "display the container's stats then exit")));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireExactly(1);
        throw NotImplemented.of("events");
    }
}

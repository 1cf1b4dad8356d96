package io.jrunc.commands;

import io.jrunc.JruncException;
import io.jrunc.cgroups.CgroupManager;
import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.FlagSpec;
import io.jrunc.cli.Invocation;
import io.jrunc.container.Container;
import io.jrunc.container.events.ContainerEvents;
import io.jrunc.json.JsonValue;
import io.jrunc.spec.State;
import java.time.Duration;
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
        Container container = ContainerCommands.load(inv, inv.containerId());
        Duration interval = inv.flags().duration("interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new JruncException("duration interval must be greater than 0");
        }
        String id = container.record().id();
        if (State.STOPPED.equals(container.status())) {
            throw new JruncException("container with id " + id + " is not running");
        }
        CgroupManager cgroup = container.record().cgroupManager(inv.sys());
        if (cgroup == null) throw new JruncException("cgroups not configured for container");
        ContainerEvents events = new ContainerEvents(inv.sys(), id, cgroup, System::nanoTime);
        if (inv.flags().bool("stats")) {
            print(inv, events.statsNow());
            return 0;
        }
        events.watch(interval, e -> print(inv, e), inv.log()::error);
        return 0;
    }

    private static void print(Invocation inv, JsonValue event) {
        inv.out().print(ContainerEvents.line(event));
        inv.out().flush();
    }
}

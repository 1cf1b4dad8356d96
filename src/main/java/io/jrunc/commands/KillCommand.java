package io.jrunc.commands;

import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.FlagSpec;
import io.jrunc.cli.Invocation;
import io.jrunc.sys.Linux;
import io.jrunc.JruncException;
import java.util.List;

/** {@code jrunc kill [--all] <container-id> [signal]}: signals the container's init process (SIGTERM by default). */
public final class KillCommand implements Command {

    /** The signal sent when the call names none. */
    public static final String DEFAULT_SIGNAL = "SIGTERM";

    static final CommandSpec SPEC = new CommandSpec("kill",
            "kill sends the specified signal (default: SIGTERM) to the container's init process", """
            <container-id> [signal]

            Where "<container-id>" is the name for the instance of the container and
            "[signal]" is the signal to be sent to the init process.

            EXAMPLE:
            For example, if the container id is "ubuntu01" the following will send a "KILL"
            signal to the init process of the "ubuntu01" container:

                   # jrunc kill ubuntu01 KILL""",
            "",
            List.of(FlagSpec.bool("all, a", "send the specified signal to all processes inside the container")));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireAtLeast(1);
        inv.requireAtMost(2);
        String id = inv.containerId();
        String raw = signalArgument(inv);
        int signal = Linux.signalNumber(raw);
        if (signal < 0 || signal > Linux.SIGRTMAX) throw new JruncException("unknown signal " + raw);
        if (inv.flags().bool("all")) {
            ContainerCommands.load(inv, id).signalAll(signal);
        } else {
            ContainerCommands.load(inv, id).signal(signal);
        }
        return 0;
    }

    /** The signal argument as given, or SIGTERM when the call has only the container id. */
    public static String signalArgument(Invocation inv) {
        String s = inv.arg(1);
        return s.isEmpty() ? DEFAULT_SIGNAL : s;
    }
}

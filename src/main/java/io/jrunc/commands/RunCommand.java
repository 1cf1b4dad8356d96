package io.jrunc.commands;

import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.FlagSpec;
import io.jrunc.cli.Invocation;
import io.jrunc.sys.Syscalls;
import io.jrunc.sys.Linux;
import io.jrunc.container.StateStore;
import io.jrunc.container.CreateOptions;
import io.jrunc.container.SignalForwarder;
import io.jrunc.container.terminal.ConsoleSocket;
import io.jrunc.container.terminal.HostConsole;
import io.jrunc.container.terminal.TerminalRelay;
import io.jrunc.container.ContainerCreator;
import io.jrunc.container.Container;
import io.jrunc.JruncException;
import java.util.List;

/** {@code jrunc run [options] <container-id>}: create and start in one step, by default waiting for the container. */
public final class RunCommand implements Command {

    static final CommandSpec SPEC = new CommandSpec("run", "create and run a container", """
            <container-id>

            Where "<container-id>" is your name for the instance of the container that you
            are starting. The name you provide for the container instance must be unique on
            your host.""", """
            The run command creates an instance of a container for a bundle. The bundle
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
                    SharedFlags.detach(),
                    FlagSpec.bool("keep", "do not delete the container after it exits"),
                    SharedFlags.pidFile(),
                    SharedFlags.noSubreaper(),
                    SharedFlags.noPivot(),
                    SharedFlags.noNewKeyring(),
                    SharedFlags.preserveFds()));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    /**
     * create + start, then (unless --detach) forward signals to the container's init until it
     * exits and exit with its status; the container is deleted afterwards unless --keep.
     */
    @Override
    public int run(Invocation inv) {
        inv.requireExactly(1);
        String id = inv.containerId();
        Syscalls sys = inv.sys();
        StateStore store = ContainerCommands.store(inv);
        boolean detach = inv.flags().bool("detach");
        // signals are blocked before the clone so none sent meanwhile is lost
        try (SignalForwarder forwarder = detach ? null : SignalForwarder.install(sys)) {
            if (!detach && !inv.flags().bool("no-subreaper")) sys.prctl(Linux.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
            Container container;
            TerminalRelay relay = null;
            try {
                ContainerCreator creator = new ContainerCreator(sys, store, inv.log()::warn);
                CreateOptions options = ContainerCommands.createOptions(inv, id);
                ContainerCreator.Plan plan = creator.plan(detach ? options : options.inForeground());
                int relayEnd = -1;
                HostConsole host = null;
                if (plan.terminal() && options.consoleSocket() == null) {
                    // no console socket in the foreground: jrunc itself holds the pty master and relays
                    host = HostConsole.find(sys);
                    int[] pair = ConsoleSocket.pair(sys);
                    relayEnd = pair[0];
                    plan = plan.withConsoleFd(pair[1]);
                }
                container = Container.of(sys, store, creator.create(plan));
                if (relayEnd >= 0) {
                    try {
                        ConsoleSocket.Master master = ConsoleSocket.receiveMaster(sys, relayEnd);
                        sys.close(relayEnd);
                        relay = TerminalRelay.start(sys, master.fd(), host);
                    } catch (JruncException e) {
                        // created but unusable: nothing of it may outlive this failed run
                        container.killAndWait();
                        container.destroy();
                        throw e;
                    }
                }
            } catch (JruncException e) {
                throw e.withContext("jrunc run failed");
            }
            try (TerminalRelay terminal = relay) {
                try {
                    container.start();
                } catch (JruncException e) {
                    container.killAndWait();
                    container.destroy();
                    throw e.withContext("jrunc run failed");
                }
                if (detach) return 0;
                int status = forwarder.forwardUntilExit(container.record().initPid(), terminal);
                if (!inv.flags().bool("keep")) {
                    for (String warning : container.destroy()) inv.log().warn(warning);
                }
                return status;
            }
        }
    }
}

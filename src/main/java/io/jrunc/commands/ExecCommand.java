package io.jrunc.commands;

import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.FlagSpec;
import io.jrunc.cli.Invocation;
import java.util.List;

/**
 * {@code jrunc exec [options] <container-id> <command> [args...]}: a new process in a running
 * container. Options end at the container id; everything after it is the command line.
 */
public final class ExecCommand implements Command {

    /** runc exits 255 when exec itself fails (as opposed to the process failing). */
    public static final int EXEC_FAILED_STATUS = 255;

    static final CommandSpec SPEC = new CommandSpec("exec", "execute new process inside the container", """
            <container-id> <command> [command options]  || -p process.json <container-id>

            Where "<container-id>" is the name for the instance of the container and
            "<command>" is the command to be executed in the container.
            "<command>" can't be empty unless a "-p" flag provided.

            EXAMPLE:
            For example, if the container is configured to run the linux ps command the
            following will output a list of processes running in the container:

                   # jrunc exec <container-id> ps""",
            "",
            List.of(
                    SharedFlags.consoleSocket(),
                    FlagSpec.string("pidfd-socket",
                            "path to an AF_UNIX socket which will receive a file descriptor referencing the exec process"),
                    FlagSpec.string("cwd", "current working directory in the container"),
                    FlagSpec.stringSlice("env, e", "set environment variables"),
                    FlagSpec.bool("tty, t", "allocate a pseudo-TTY"),
                    FlagSpec.string("user, u", "UID (format: <uid>[:<gid>])"),
                    FlagSpec.int64Slice("additional-gids, g", "additional gids"),
                    FlagSpec.string("process, p", "path to the process.json"),
                    SharedFlags.detach(),
                    SharedFlags.pidFile(),
                    FlagSpec.string("process-label",
                            "set the asm process label for the process commonly used with selinux"),
                    FlagSpec.string("apparmor", "set the apparmor profile for the process"),
                    FlagSpec.bool("no-new-privs", "set the no new privileges value for the process"),
                    FlagSpec.stringSlice("cap, c", "add a capability to the bounding set for the process"),
                    SharedFlags.preserveFds(),
                    FlagSpec.stringSlice("cgroup",
                            "run the process in an (existing) sub-cgroup(s). Format is [<controller>:]<cgroup>."),
                    FlagSpec.bool("ignore-paused", "allow exec in a paused container"))).keepingArgOrder();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireAtLeast(1);
        throw NotImplemented.of("exec");
    }

    /** The command to run: every argument after the container id. */
    public static List<String> processArgs(Invocation inv) {
        List<String> args = inv.args();
        return args.size() <= 1 ? List.of() : args.subList(1, args.size());
    }
}

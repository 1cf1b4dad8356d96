package io.jrunc.commands;

import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.FlagSpec;
import io.jrunc.JruncException;
import io.jrunc.cli.ContainerId;
import io.jrunc.cli.Invocation;
import io.jrunc.cli.ParsedFlags;
import io.jrunc.cli.Paths;
import io.jrunc.container.exec.ContainerExec;
import io.jrunc.container.exec.ExecOptions;
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

    /**
     * runc's exec: usage errors and a bad --pid-file exit 1; every other failure is printed as
     * "exec failed: ..." and exits 255, so that it cannot be mistaken for the process's own exit
     * code, which is returned in the foreground (128+N for a death by signal N).
     */
    @Override
    public int run(Invocation inv) {
        inv.requireAtLeast(1);
        String pidFile = inv.flags().string("pid-file");
        pidFile = pidFile == null || pidFile.isEmpty() ? null : Paths.abs(inv.sys(), pidFile); // runc's revisePidFile
        try {
            ExecOptions options = options(inv, pidFile);
            ContainerId.validate(options.id());
            ContainerExec exec = new ContainerExec(inv.sys(), ContainerCommands.store(inv));
            ContainerExec.Plan plan = exec.plan(options);
            for (String warning : plan.warnings()) {
                inv.log().warn(warning);
            }
            return exec.run(plan);
        } catch (JruncException e) {
            return inv.fail(e.withContext("exec failed"), EXEC_FAILED_STATUS);
        }
    }

    /** The command line as {@link ExecOptions}; flags runc reads with IsSet stay null when not given. */
    static ExecOptions options(Invocation inv, String pidFile) {
        ParsedFlags f = inv.flags();
        long preserve = f.integer("preserve-fds");
        return new ExecOptions(
                inv.arg(0),
                processArgs(inv),
                f.string("process"),
                f.bool("detach"),
                pidFile,
                f.strings("env"),
                f.string("cwd"),
                f.string("user"),
                f.longs("additional-gids"),
                f.strings("cap"),
                f.isSet("no-new-privs") ? f.bool("no-new-privs") : null,
                f.isSet("tty") ? f.bool("tty") : null,
                f.string("apparmor"),
                f.string("process-label"),
                (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, preserve)),
                f.strings("cgroup"),
                f.bool("ignore-paused"),
                f.string("console-socket"),
                f.string("pidfd-socket"));
    }

    /** The command to run: every argument after the container id. */
    public static List<String> processArgs(Invocation inv) {
        List<String> args = inv.args();
        return args.size() <= 1 ? List.of() : args.subList(1, args.size());
    }
}

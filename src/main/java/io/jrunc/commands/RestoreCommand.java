package io.jrunc.commands;

import io.jrunc.JruncException;
import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.FlagSpec;
import io.jrunc.cli.Invocation;
import java.util.List;

/** {@code jrunc restore [options] <container-id>}: runc's CRIU restore, parsed and refused (no CRIU support). */
public final class RestoreCommand implements Command {

    static final CommandSpec SPEC = new CommandSpec("restore", "restore a container from a previous checkpoint", """
            <container-id>

            Where "<container-id>" is the name for the instance of the container to be
            restored.""", """
            Restores the saved state of the container instance that was previously saved
            using the jrunc checkpoint command.""",
            List.of(
                    SharedFlags.consoleSocket(),
                    FlagSpec.string("image-path", "path to criu image files for restoring"),
                    FlagSpec.string("work-path", "path for saving work files and logs"),
                    FlagSpec.bool("tcp-established", "allow open tcp connections"),
                    FlagSpec.bool("ext-unix-sk", "allow external unix sockets"),
                    FlagSpec.bool("shell-job", "allow shell jobs"),
                    FlagSpec.bool("file-locks", "handle file locks, for safety"),
                    FlagSpec.string("manage-cgroups-mode", "cgroups mode: soft|full|strict|ignore (default: soft)"),
                    FlagSpec.string("bundle, b", "path to the root of the bundle directory"),
                    SharedFlags.detach(),
                    SharedFlags.pidFile(),
                    SharedFlags.noSubreaper(),
                    SharedFlags.noPivot(),
                    FlagSpec.stringSlice("empty-ns", "create a namespace, but don't restore its properties"),
                    FlagSpec.bool("auto-dedup", "enable auto deduplication of memory images"),
                    FlagSpec.bool("lazy-pages", "use userfaultfd to lazily restore memory pages"),
                    FlagSpec.string("lsm-profile",
                            "Specify an LSM profile to be used during restore in the form of TYPE:NAME."),
                    FlagSpec.string("lsm-mount-context", "Specify an LSM mount context to be used during restore.")));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireExactly(1);
        throw new JruncException("restore is not supported");
    }
}

package io.jrunc.commands;

import io.jrunc.JruncException;
import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.FlagSpec;
import io.jrunc.cli.Invocation;
import java.util.List;

/**
 * {@code jrunc checkpoint [options] <container-id>}: accepted with all of runc's CRIU options so
 * that callers get a clear refusal rather than a usage error; jrunc has no CRIU support.
 */
public final class CheckpointCommand implements Command {

    static final CommandSpec SPEC = new CommandSpec("checkpoint", "checkpoint a running container", """
            <container-id>

            Where "<container-id>" is the name for the instance of the container to be
            checkpointed.""",
            "The checkpoint command saves the state of the container instance.",
            List.of(
                    FlagSpec.string("image-path", "path for saving criu image files"),
                    FlagSpec.string("work-path", "path for saving work files and logs"),
                    FlagSpec.string("parent-path", "path for previous criu image files in pre-dump"),
                    FlagSpec.bool("leave-running", "leave the process running after checkpointing"),
                    FlagSpec.bool("tcp-established", "allow open tcp connections"),
                    FlagSpec.bool("ext-unix-sk", "allow external unix sockets"),
                    FlagSpec.bool("shell-job", "allow shell jobs"),
                    FlagSpec.bool("lazy-pages", "use userfaultfd to lazily restore memory pages"),
                    FlagSpec.integer("status-fd", -1, "criu writes \\0 to this FD once lazy-pages is ready"),
                    FlagSpec.string("page-server", "ADDRESS:PORT of the page server"),
                    FlagSpec.bool("file-locks", "handle file locks, for safety"),
                    FlagSpec.bool("pre-dump",
                            "dump container's memory information only, leave the container running after this"),
                    FlagSpec.string("manage-cgroups-mode", "cgroups mode: soft|full|strict|ignore (default: soft)"),
                    FlagSpec.stringSlice("empty-ns", "create a namespace, but don't restore its properties"),
                    FlagSpec.bool("auto-dedup", "enable auto deduplication of memory images")));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireExactly(1);
        throw new JruncException("checkpoint is not supported");
    }
}

package io.jrunc.cli;

/** One jrunc subcommand: its command-line shape and what it does. */
public interface Command {

    CommandSpec spec();

    /**
     * Runs the command after its flags are parsed. Returns the process exit status (0 on success;
     * run/create pass the container's status through). Failures are thrown as
     * {@link io.jrunc.JruncException}: the CLI prints and logs them and exits 1.
     */
    int run(Invocation invocation);
}

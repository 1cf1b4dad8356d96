package io.jrunc;

import io.jrunc.cli.CommandLine;
import io.jrunc.commands.Commands;
import io.jrunc.sys.Syscalls;
import java.io.PrintStream;
import java.time.InstantSource;
import java.util.Arrays;

/**
 * The jrunc executable. Every engine call starts here, so nothing happens before dispatch beyond
 * building the command table: no schema loading, no reflection, no I/O in static initialisers.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out, System.err, Syscalls.linux());
        } catch (RuntimeException e) {
            status = 1; // already reported as "internal error" by the command line
        }
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /** One jrunc call with the given streams and kernel; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err, Syscalls sys) {
        return run(args, out, err, sys, InstantSource.system());
    }

    /** As {@link #run(String[], PrintStream, PrintStream, Syscalls)} with a chosen clock (log timestamps). */
    public static int run(String[] args, PrintStream out, PrintStream err, Syscalls sys, InstantSource clock) {
        return new CommandLine(Commands.all(), out, err, sys, clock).execute(Arrays.asList(args));
    }
}

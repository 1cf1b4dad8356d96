package io.jrunc.cli;

import io.jrunc.JruncException;
import io.jrunc.log.Logger;
import io.jrunc.sys.GoQuote;
import io.jrunc.sys.Syscalls;
import java.io.PrintStream;
import java.util.List;

/** Everything a command sees of its call: its flags and arguments, the global options, the streams, the kernel, the log. */
public final class Invocation {
    private final CommandLine cli;
    private final CommandSpec spec;
    private final GlobalOptions globals;
    private final ParsedFlags flags;
    private final List<String> args;

    Invocation(CommandLine cli, CommandSpec spec, GlobalOptions globals, ParsedFlags flags, List<String> args) {
        this.cli = cli;
        this.spec = spec;
        this.globals = globals;
        this.flags = flags;
        this.args = List.copyOf(args);
    }

    public CommandSpec spec() {
        return spec;
    }

    public GlobalOptions globals() {
        return globals;
    }

    public ParsedFlags flags() {
        return flags;
    }

    /** The arguments after the flags, in order (for exec: the container id, then the command). */
    public List<String> args() {
        return args;
    }

    /** Argument {@code i}, or "" when there are fewer (urfave's {@code Args().Get(i)}). */
    public String arg(int i) {
        return i < args.size() ? args.get(i) : "";
    }

    public PrintStream out() {
        return cli.out();
    }

    public PrintStream err() {
        return cli.err();
    }

    public Syscalls sys() {
        return cli.sys();
    }

    public Logger log() {
        return cli.log();
    }

    /** runc's checkArgs(ctx, n, exactArgs). */
    public void requireExactly(int n) {
        if (args.size() != n) {
            throw usage("requires exactly " + n + " argument(s)");
        }
    }

    /** runc's checkArgs(ctx, n, minArgs). */
    public void requireAtLeast(int n) {
        if (args.size() < n) {
            throw usage("requires a minimum of " + n + " argument(s)");
        }
    }

    /** runc's checkArgs(ctx, n, maxArgs). */
    public void requireAtMost(int n) {
        if (args.size() > n) {
            throw usage("requires a maximum of " + n + " argument(s)");
        }
    }

    /** Like runc: "Incorrect Usage." and the command's help on stdout, the error itself for stderr. */
    private JruncException usage(String what) {
        PrintStream out = cli.out();
        out.print("Incorrect Usage.\n\n");
        printCommandHelp();
        return new JruncException(CommandLine.PROGRAM + ": " + GoQuote.quote(spec.name()) + " " + what);
    }

    /** The first argument as a container id, checked as runc checks ids. */
    public String containerId() {
        return ContainerId.validate(arg(0));
    }

    public void printCommandHelp() {
        cli.out().print(HelpText.command(CommandLine.PROGRAM, spec));
        cli.out().flush();
    }

    public void printAppHelp() {
        cli.printAppHelp();
    }

    /** {@code jrunc help NAME}: that command's help, or runc's "No help topic for 'NAME'" error. */
    public void printHelpFor(String commandName) {
        cli.printHelpFor(commandName);
    }

    /**
     * Reports {@code error} the way a failing command does (log line, plus plain stderr when
     * logging to a file) and returns {@code status}, for the commands whose failures do not exit 1
     * (runc exec exits 255).
     */
    public int fail(JruncException error, int status) {
        return cli.fatal(error, status);
    }
}

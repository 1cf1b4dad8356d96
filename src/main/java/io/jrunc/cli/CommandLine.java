package io.jrunc.cli;

import io.jrunc.JruncException;
import io.jrunc.log.FileSink;
import io.jrunc.log.LogFormat;
import io.jrunc.log.Logger;
import io.jrunc.log.StderrSink;
import io.jrunc.sys.Linux;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * jrunc's urfave/cli v1 app: global flags, runc's Before step (root directory, logging), command
 * dispatch, help and version, and runc's way of failing: one error line through the logger on
 * stderr (or the --log file plus a plain line on stderr), exit status 1.
 */
public final class CommandLine {
    public static final String PROGRAM = "jrunc";

    /**
     * Exit status for an unknown command or help topic. urfave/cli (so runc) exits 3 there; jrunc
     * keeps 1 so that every usage error has the same status.
     */
    public static final int UNKNOWN_COMMAND_STATUS = 1;

    static final String USAGE = """
            Open Container Initiative runtime

            jrunc is a command line client for running applications packaged according to
            the Open Container Initiative (OCI) format and is a compliant implementation of the
            Open Container Initiative specification.

            jrunc integrates well with existing process supervisors to provide a production
            container runtime environment for applications. It can be used with your
            existing process monitoring tools and the container will be spawned as a
            direct child of the process supervisor.

            Containers are configured using bundles. A bundle for a container is a directory
            that includes a specification file named "config.json" and a root filesystem.
            The root filesystem contains the contents of the container.

            To start a new instance of a container:

                # jrunc run [ -b bundle ] <container-id>

            Where "<container-id>" is your name for the instance of the container that you
            are starting. The name you provide for the container instance must be unique on
            your host. Providing the bundle directory using "-b" is optional. The default
            value for "bundle" is the current directory.""";

    private final List<Command> commands;
    private final PrintStream out;
    private final PrintStream err;
    private final Syscalls sys;
    private Logger log;

    public CommandLine(List<Command> commands, PrintStream out, PrintStream err, Syscalls sys, InstantSource clock) {
        this.commands = List.copyOf(commands);
        this.out = out;
        this.err = err;
        this.sys = sys;
        this.log = new Logger(new StderrSink(err, sys), LogFormat.TEXT, false, clock, clock.instant());
    }

    /** Runs one jrunc call ({@code argv} without the program name) and returns the exit status. */
    public int execute(List<String> argv) {
        try {
            return dispatch(argv);
        } catch (JruncException e) {
            return fatal(e, 1);
        } catch (RuntimeException e) {
            // a bug: still leave the one error record engines look for in the log, then let it
            // propagate (Main turns it into status 1; tests see the exception itself)
            if (log.isDebugEnabled()) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                log.debug(trace.toString());
            }
            fatal(new JruncException("internal error: " + e), 1);
            throw e;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int dispatch(List<String> argv) {
        FlagParser.Result global;
        try {
            global = FlagParser.parse(GlobalFlags.specs(GlobalFlags.DEFAULT_ROOT), argv);
        } catch (FlagParseException e) {
            out.print(e.isTwoForms() ? e.getMessage() + "\n" : "Incorrect Usage. " + e.getMessage() + "\n\n");
            printAppHelp();
            throw e;
        }
        ParsedFlags g = global.flags();
        if (g.bool("help")) {
            printAppHelp();
            return 0;
        }
        if (g.bool("version")) {
            out.print(PROGRAM + " version " + VersionInfo.load().text() + "\n");
            return 0;
        }
        GlobalOptions options = before(g);

        List<String> rest = global.args();
        if (rest.isEmpty()) {
            printAppHelp();
            return 0;
        }
        Command command = find(rest.get(0));
        if (command == null) {
            return fatal(noHelpTopic(rest.get(0)), UNKNOWN_COMMAND_STATUS);
        }
        return run(command, options, rest.subList(1, rest.size()));
    }

    /** runc's app.Before: root directory, the obsolete --criu warning, then logging (configLogrus). */
    private GlobalOptions before(ParsedFlags g) {
        String root;
        boolean rootGiven = g.isSet("root");
        if (rootGiven) {
            root = Paths.abs(sys, g.string("root"));
            if (root.equals("/")) {
                throw new JruncException("Option --root argument should not be set to /");
            }
        } else {
            DefaultRoot d = DefaultRoot.resolve(sys);
            root = d.path();
            if (d.fromXdg()) {
                prepareXdgRoot(root);
            }
        }
        if (g.isSet("criu")) {
            err.print("WARNING: --criu ignored (criu binary from $PATH is used); do not use\n");
        }
        GlobalOptions options = new GlobalOptions(root, rootGiven, g.string("log"), g.string("log-format"),
                g.bool("debug"), g.bool("systemd-cgroup"), g.string("rootless"));
        LogFormat format = LogFormat.parse(options.logFormat());
        if (options.log().isEmpty()) {
            log = log.reconfigure(new StderrSink(err, sys), format, options.debug());
        } else {
            log = log.reconfigure(FileSink.open(sys, options.log()), format, options.debug());
        }
        return options;
    }

    /** $XDG_RUNTIME_DIR/jrunc must exist with the sticky bit, or the session cleaner may prune it. */
    private void prepareXdgRoot(String root) {
        try {
            SysFiles.mkdirs(sys, Linux.AT_FDCWD, root, 0700);
        } catch (JruncException e) {
            err.print("the path in $XDG_RUNTIME_DIR must be writable by the user\n");
            throw e;
        }
        try {
            sys.fchmodat(Linux.AT_FDCWD, root, 01700);
        } catch (JruncException e) {
            err.print("you should check permission of the path in $XDG_RUNTIME_DIR\n");
            throw e;
        }
    }

    private int run(Command command, GlobalOptions options, List<String> args) {
        CommandSpec spec = command.spec();
        List<FlagSpec> flags = new ArrayList<>(spec.flags());
        flags.add(GlobalFlags.HELP);
        List<String> ordered = spec.keepArgOrder() ? args : ArgReorder.reorder(flags, args);
        FlagParser.Result parsed;
        try {
            parsed = FlagParser.parse(flags, ordered);
        } catch (FlagParseException e) {
            out.print("Incorrect Usage: " + e.getMessage() + "\n\n");
            out.print(HelpText.command(PROGRAM, spec));
            throw e;
        }
        if (parsed.flags().bool("help")) {
            out.print(HelpText.command(PROGRAM, spec));
            return 0;
        }
        return command.run(new Invocation(this, spec, options, parsed.flags(), parsed.args()));
    }

    private Command find(String word) {
        for (Command c : commands) {
            if (c.spec().hasName(word)) {
                return c;
            }
        }
        return null;
    }

    private static JruncException noHelpTopic(String word) {
        return new JruncException("No help topic for '" + word + "'");
    }

    void printAppHelp() {
        List<CommandSpec> specs = commands.stream().map(Command::spec).toList();
        String defaultRoot = DefaultRoot.resolve(sys).path();
        out.print(HelpText.app(PROGRAM, USAGE, VersionInfo.load().text(), specs, GlobalFlags.specs(defaultRoot)));
        out.flush();
    }

    void printHelpFor(String word) {
        Command c = find(word);
        if (c == null) {
            throw noHelpTopic(word);
        }
        out.print(HelpText.command(PROGRAM, c.spec()));
        out.flush();
    }

    /** runc's fatalWithCode: the error through the logger, and as plain text on stderr when the log is a file. */
    int fatal(JruncException e, int status) {
        String message = String.valueOf(e.getMessage());
        log.error(message);
        if (!log.writesToStderr()) {
            err.print(message + "\n");
            err.flush();
        }
        return status;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    Syscalls sys() {
        return sys;
    }

    Logger log() {
        return log;
    }
}

package io.jrunc.commands;

import io.jrunc.cli.Command;
import java.util.List;

/** Every jrunc subcommand, in the order runc lists them in its help. */
public final class Commands {
    private Commands() {}

    public static List<Command> all() {
        return List.of(
                new CheckpointCommand(),
                new CreateCommand(),
                new DeleteCommand(),
                new EventsCommand(),
                new ExecCommand(),
                new KillCommand(),
                new ListCommand(),
                new PauseCommand(),
                new PsCommand(),
                new RestoreCommand(),
                new ResumeCommand(),
                new RunCommand(),
                new SpecCommand(),
                new StartCommand(),
                new StateCommand(),
                new UpdateCommand(),
                new FeaturesCommand(),
                new HelpCommand());
    }
}

package io.jrunc.cli;

import java.util.List;

/**
 * How a subcommand looks on the command line and in its help, as runc's {@code cli.Command}
 * declares it.
 *
 * @param name           the command word
 * @param aliases        other words for it (only {@code help} has one: {@code h})
 * @param usage          the one-line summary shown in the command list
 * @param argsUsage      what follows the options in the USAGE line (may run over several lines)
 * @param description    the DESCRIPTION paragraph, or ""
 * @param flags          the command's own flags, in help order ({@code --help} is added by the CLI)
 * @param keepArgOrder   true where runc sets SkipArgReorder: flag parsing stops at the first
 *                       argument and everything after it is passed through (exec, ps)
 */
public record CommandSpec(String name, List<String> aliases, String usage, String argsUsage, String description,
                          List<FlagSpec> flags, boolean keepArgOrder) {

    public CommandSpec {
        aliases = List.copyOf(aliases);
        flags = List.copyOf(flags);
    }

    public CommandSpec(String name, String usage, String argsUsage, String description, List<FlagSpec> flags) {
        this(name, List.of(), usage, argsUsage, description, flags, false);
    }

    /** The same command with runc's SkipArgReorder: flags only before the first argument. */
    public CommandSpec keepingArgOrder() {
        return new CommandSpec(name, aliases, usage, argsUsage, description, flags, true);
    }

    public CommandSpec withAliases(String... more) {
        return new CommandSpec(name, List.of(more), usage, argsUsage, description, flags, keepArgOrder);
    }

    public boolean hasName(String word) {
        return name.equals(word) || aliases.contains(word);
    }

    /** The flags help lists: the declared ones minus the hidden. */
    public List<FlagSpec> visibleFlags() {
        return flags.stream().filter(f -> !f.hidden()).toList();
    }
}

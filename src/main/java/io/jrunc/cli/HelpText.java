package io.jrunc.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The help screens urfave/cli v1 renders for runc (its AppHelpTemplate and CommandHelpTemplate,
 * written through a tabwriter with padding 2), with jrunc's name.
 */
public final class HelpText {
    private HelpText() {}

    /** {@code jrunc <command> --help} and {@code jrunc help <command>}. */
    public static String command(String program, CommandSpec spec) {
        String helpName = program + " " + spec.name();
        List<FlagSpec> flags = spec.visibleFlags();
        StringBuilder b = new StringBuilder();
        b.append("NAME:\n   ").append(helpName).append(" - ").append(spec.usage()).append("\n\n");
        b.append("USAGE:\n   ").append(helpName);
        if (!flags.isEmpty()) {
            b.append(" [command options]");
        }
        b.append(' ').append(spec.argsUsage().isEmpty() ? "[arguments...]" : spec.argsUsage());
        if (!spec.description().isEmpty()) {
            b.append("\n\nDESCRIPTION:\n   ").append(spec.description());
        }
        if (!flags.isEmpty()) {
            b.append("\n\nOPTIONS:\n   ");
            for (FlagSpec f : flags) {
                b.append(f.helpLine()).append("\n   ");
            }
        }
        b.append('\n');
        return alignColumns(b.toString());
    }

    /** {@code jrunc --help}, {@code jrunc help} and {@code jrunc} alone. */
    public static String app(String program, String usage, String version, List<CommandSpec> commands,
                             List<FlagSpec> globalFlags) {
        StringBuilder b = new StringBuilder();
        b.append("NAME:\n   ").append(program).append(" - ").append(usage).append("\n\n");
        b.append("USAGE:\n   ").append(program).append(" [global options] command [command options] [arguments...]");
        b.append("\n\nVERSION:\n   ").append(version);
        b.append("\n\nCOMMANDS:");
        for (CommandSpec c : commands) {
            b.append("\n   ").append(c.name());
            for (String alias : c.aliases()) {
                b.append(", ").append(alias);
            }
            b.append('\t').append(c.usage());
        }
        b.append("\n\nGLOBAL OPTIONS:");
        for (FlagSpec f : globalFlags) {
            if (!f.hidden()) {
                b.append("\n   ").append(f.helpLine());
            }
        }
        b.append('\n');
        return alignColumns(b.toString());
    }

    /**
     * Go's tabwriter as urfave uses it (min width 1, padding 2, one tab per line here): in every
     * run of consecutive lines that contain a tab, the text before the tab is padded to the
     * longest such text plus two spaces. A line without a tab ends the run, which is why a flag
     * whose usage spans several lines is aligned on its own.
     */
    static String alignColumns(String text) {
        String[] lines = text.split("\n", -1);
        List<String> out = new ArrayList<>(lines.length);
        int i = 0;
        while (i < lines.length) {
            if (lines[i].indexOf('\t') < 0) {
                out.add(lines[i++]);
                continue;
            }
            int end = i;
            int width = 0;
            while (end < lines.length && lines[end].indexOf('\t') >= 0) {
                String cell = lines[end].substring(0, lines[end].indexOf('\t'));
                width = Math.max(width, cell.codePointCount(0, cell.length()));
                end++;
            }
            for (; i < end; i++) {
                int tab = lines[i].indexOf('\t');
                String cell = lines[i].substring(0, tab);
                StringBuilder line = new StringBuilder(cell);
                for (int n = cell.codePointCount(0, cell.length()); n < width + 2; n++) {
                    line.append(' ');
                }
                out.add(line.append(lines[i], tab + 1, lines[i].length()).toString());
            }
        }
        return String.join("\n", out);
    }
}

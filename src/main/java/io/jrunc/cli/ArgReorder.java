package io.jrunc.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * urfave/cli v1's reordering of a subcommand's arguments, which lets callers write flags after the
 * container id ({@code jrunc delete ID --force}) although Go's flag parsing stops at the first
 * argument. Only the command's own flags move, each with the argument after it when that does not
 * start with a dash; everything from {@code --} on stays where it is. Commands that pass their
 * trailing arguments through (exec, ps) skip this step.
 */
final class ArgReorder {
    private ArgReorder() {}

    static List<String> reorder(List<FlagSpec> flags, List<String> args) {
        List<String> moved = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        boolean nextMayBeValue = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                rest.addAll(args.subList(i, args.size()));
                break;
            } else if (nextMayBeValue && !arg.startsWith("-")) {
                nextMayBeValue = false;
                moved.add(arg);
            } else if (isOwnFlag(flags, arg)) {
                moved.add(arg);
                nextMayBeValue = !arg.contains("=");
            } else {
                rest.add(arg);
            }
        }
        moved.addAll(rest);
        return moved;
    }

    private static boolean isOwnFlag(List<FlagSpec> flags, String arg) {
        if (arg.equals("-") || !arg.startsWith("-")) {
            return false;
        }
        String name = arg.startsWith("--") ? arg.substring(2) : arg;
        if (name.startsWith("-")) {
            name = name.substring(1);
        }
        int eq = name.indexOf('=');
        if (eq >= 0) {
            name = name.substring(0, eq);
        }
        for (FlagSpec f : flags) {
            if (f.hasName(name)) {
                return true;
            }
        }
        return false;
    }
}

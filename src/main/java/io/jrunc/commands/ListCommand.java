package io.jrunc.commands;

import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.FlagSpec;
import io.jrunc.cli.Invocation;
import java.util.ArrayList;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Linux;
import io.jrunc.spec.State;
import io.jrunc.json.JsonValue;
import io.jrunc.json.Json;
import io.jrunc.container.StateStore;
import io.jrunc.container.Container;
import io.jrunc.JruncException;
import java.util.List;

/** {@code jrunc list [--format table|json] [--quiet]}: the containers under --root. */
public final class ListCommand implements Command {

    static final CommandSpec SPEC = new CommandSpec("list", "lists containers started by jrunc with the given root", """


            Where the given root is specified via the global option "--root"
            (default: "/run/jrunc").

            EXAMPLE 1:
            To list containers created via the default "--root":
                   # jrunc list

            EXAMPLE 2:
            To list containers created using a non-default value for "--root":
                   # jrunc --root value list""",
            "",
            List.of(SharedFlags.format(), FlagSpec.bool("quiet, q", "display only container IDs")));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireExactly(0);
        String format = inv.flags().string("format");
        boolean quiet = inv.flags().bool("quiet");
        if (!format.equals("table") && !format.equals("json")) throw new JruncException("invalid format option");
        StateStore store = ContainerCommands.store(inv);
        List<State> states = new ArrayList<>();
        for (String id : store.ids()) {
            Container container;
            try {
                container = Container.load(inv.sys(), store, id);
            } catch (JruncException e) {
                continue; // deleted meanwhile, or a half-written directory: runc skips those too
            }
            State s = container.state();
            states.add(new State(s.ociVersion(), s.id(), s.status(), s.pid(), s.bundle(), s.rootfs(), s.created(),
                    s.annotations(), ownerOf(inv, store.dir(id))));
        }
        if (quiet) {
            for (State s : states) inv.out().println(s.id());
        } else if (format.equals("json")) {
            List<JsonValue> items = new ArrayList<>();
            for (State s : states) items.add(s.toRuncJson());
            inv.out().println(Json.write(Json.array(items)));
        } else {
            inv.out().print(table(states));
        }
        inv.out().flush();
        return 0;
    }

    /** runc's table: Go's tabwriter with minwidth 12, padding 3; the last column is not padded. */
    static String table(List<State> states) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"});
        for (State s : states) {
            rows.add(new String[] {s.id(), Integer.toString(s.pid()), s.status(), s.bundle(),
                    State.rfc3339Nano(s.created()), s.owner()});
        }
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns - 1; c++) width[c] = Math.max(width[c], Math.max(12, row[c].length() + 3));
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < columns - 1; c++) out.append(row[c]).append(" ".repeat(width[c] - row[c].length()));
            out.append(row[columns - 1]).append('\n');
        }
        return out.toString();
    }

    /** The user name owning the container's state directory, as runc's list shows it (the uid when unnamed). */
    private static String ownerOf(Invocation inv, String dir) {
        int uid = inv.sys().statx(Linux.AT_FDCWD, dir, 0).uid();
        try {
            for (String line : SysFiles.readString(inv.sys(), Linux.AT_FDCWD, "/etc/passwd").split("\n")) {
                String[] f = line.split(":");
                if (f.length > 2 && f[2].equals(Integer.toString(uid))) return f[0];
            }
        } catch (JruncException e) {
            // no /etc/passwd: fall back to the number
        }
        return "#" + uid;
    }
}

package io.jrunc.commands;

import io.jrunc.JruncException;
import io.jrunc.cgroups.CgroupManager;
import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.Invocation;
import io.jrunc.container.Container;
import io.jrunc.container.hooks.GoProcessState;
import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import io.jrunc.spec.State;
import io.jrunc.sys.GoQuote;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code jrunc ps [--format table|json] <container-id> [ps options]}: the container's processes.
 * Everything after the id goes to ps(1), so options there are not jrunc's.
 *
 * <p>As runc: the pids are the host pids in the container's cgroup (and its sub-cgroups); json
 * prints them as Go encodes an []int ({@code [1,2]}, {@code null} for none); table runs the host's
 * ps (default {@code -ef}), prints its header and the lines whose PID column is one of them.
 */
public final class PsCommand implements Command {

    static final CommandSpec SPEC = new CommandSpec("ps", "ps displays the processes running inside a container",
            "<container-id> [ps options]", "", List.of(SharedFlags.format())).keepingArgOrder();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireAtLeast(1);
        Container container = ContainerCommands.load(inv, inv.containerId());
        List<Integer> pids = processes(inv, container);
        switch (inv.flags().string("format")) {
            case "table" -> { }
            case "json" -> {
                inv.out().print(json(pids) + "\n");
                inv.out().flush();
                return 0;
            }
            default -> throw new JruncException("invalid format option");
        }
        List<String> psArgs = inv.args().subList(1, inv.args().size());
        if (psArgs.isEmpty()) psArgs = List.of("-ef");
        HostCommand.Result r;
        try {
            r = HostCommand.combinedOutput(inv.sys(), "ps", psArgs);
        } catch (JruncException e) {
            throw new JruncException(e.getMessage() + ": ", e.errno(), e); // Go's "%w: %s" without output
        }
        String output = new String(r.output(), StandardCharsets.UTF_8);
        if (!GoProcessState.success(r.status())) {
            throw new JruncException(GoProcessState.describe(r.status()) + ": " + output);
        }
        inv.out().print(filter(output, pids));
        inv.out().flush();
        return 0;
    }

    /** runc's Processes: the cgroup's pids; none for a stopped container whose cgroup is gone. */
    static List<Integer> processes(Invocation inv, Container container) {
        CgroupManager cgroup = container.record().cgroupManager(inv.sys());
        if (cgroup == null) return List.of();
        try {
            if (State.STOPPED.equals(container.status()) && !cgroup.exists()) return List.of();
            return cgroup.pids();
        } catch (JruncException e) {
            throw new JruncException("unable to get all container pids: " + e.getMessage(), e.errno(), e);
        }
    }

    /** Go's json.Encoder of an []int: a nil slice (no pids) is null. */
    static String json(List<Integer> pids) {
        if (pids.isEmpty()) return "null";
        List<JsonValue> values = new ArrayList<>();
        for (int pid : pids) values.add(Json.number(pid));
        return Json.write(Json.array(values));
    }

    /**
     * ps output reduced to its header and the lines of the container's processes: the PID column
     * is found in the header ("couldn't find PID field in ps output" when missing) and each
     * line's field there must parse as a number (as Go's strconv.Atoi).
     */
    static String filter(String psOutput, List<Integer> pids) {
        String[] lines = psOutput.split("\n", -1);
        int pidIndex = fields(lines[0]).indexOf("PID");
        if (pidIndex < 0) throw new JruncException("couldn't find PID field in ps output");
        Set<Long> wanted = new HashSet<>();
        for (int pid : pids) wanted.add((long) pid);
        StringBuilder out = new StringBuilder(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) continue;
            List<String> fields = fields(lines[i]);
            if (pidIndex >= fields.size()) continue; // runc would index out of range here
            if (wanted.contains(atoi(fields.get(pidIndex)))) out.append(lines[i]).append('\n');
        }
        return out.toString();
    }

    /** Go's strings.Fields: the runs of non-space characters. */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        for (String f : line.trim().split("[ \\t\\n\\v\\f\\r]+")) {
            if (!f.isEmpty()) out.add(f);
        }
        return out;
    }

    /** strconv.Atoi, with runc's wrapping of its error. */
    private static long atoi(String s) {
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        boolean syntax = !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9');
        String problem = syntax ? null : "invalid syntax";
        if (syntax) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                problem = "value out of range";
            }
        }
        throw new JruncException("unable to parse pid: strconv.Atoi: parsing " + GoQuote.quote(s) + ": " + problem);
    }
}

package io.jrunc.commands;

import io.jrunc.JruncException;
import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.FlagSpec;
import io.jrunc.cli.Invocation;
import io.jrunc.container.Container;
import io.jrunc.spec.Resources;
import io.jrunc.sys.Errno;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;
import java.util.List;

import static io.jrunc.sys.Linux.AT_FDCWD;

/**
 * {@code jrunc update [options] <container-id>}: changes the cgroup limits of a running container.
 * The request (flags, or a resources document with {@code -r}) is merged onto the resources saved
 * for the container ({@link ResourceUpdate}), written to its cgroup and saved for the next update.
 */
public final class UpdateCommand implements Command {

    static final String RESOURCES_USAGE = """
            path to the file containing the resources to update or '-' to read from the standard input

            The accepted format is as follow (unchanged values can be omitted):

            {
              "memory": {
                "limit": 0,
                "reservation": 0,
                "swap": 0,
                "checkBeforeUpdate": true
              },
              "cpu": {
                "shares": 0,
                "quota": 0,
                "burst": 0,
                "period": 0,
                "realtimeRuntime": 0,
                "realtimePeriod": 0,
                "cpus": "",
                "mems": "",
                "idle": 0
              },
              "blockIO": {
                "weight": 0
              }
            }

            Note: if data is to be read from a file or the standard input, all
            other options are ignored.
            """;

    static final CommandSpec SPEC = new CommandSpec("update", "update container resource constraints",
            "<container-id>", "",
            List.of(
                    FlagSpec.string("resources, r", RESOURCES_USAGE),
                    FlagSpec.integer("blkio-weight", "Specifies per cgroup weight, range is from 10 to 1000"),
                    FlagSpec.string("cpu-period",
                            "CPU CFS period to be used for hardcapping (in usecs). 0 to use system default"),
                    FlagSpec.string("cpu-quota", "CPU CFS hardcap limit (in usecs). Allowed cpu time in a given period"),
                    FlagSpec.string("cpu-burst", "CPU CFS hardcap burst limit (in usecs). "
                            + "Allowed accumulated cpu time additionally for burst a given period"),
                    FlagSpec.string("cpu-share", "CPU shares (relative weight vs. other containers)"),
                    FlagSpec.string("cpu-rt-period",
                            "CPU realtime period to be used for hardcapping (in usecs). 0 to use system default"),
                    FlagSpec.string("cpu-rt-runtime",
                            "CPU realtime hardcap limit (in usecs). Allowed cpu time in a given period"),
                    FlagSpec.string("cpuset-cpus", "CPU(s) to use"),
                    FlagSpec.string("cpuset-mems", "Memory node(s) to use"),
                    FlagSpec.string("kernel-memory", "(obsoleted; do not use)").hide(),
                    FlagSpec.string("kernel-memory-tcp", "(obsoleted; do not use)").hide(),
                    FlagSpec.string("memory", "Memory limit (in bytes)"),
                    FlagSpec.string("cpu-idle", "set cgroup SCHED_IDLE or not, 0: default behavior, 1: SCHED_IDLE"),
                    FlagSpec.string("memory-reservation", "Memory reservation or soft_limit (in bytes)"),
                    FlagSpec.string("memory-swap",
                            "Total memory usage (memory + swap); set '-1' to enable unlimited swap"),
                    FlagSpec.integer("pids-limit", "Maximum number of pids allowed in the container"),
                    FlagSpec.string("l3-cache-schema", "The string of Intel RDT/CAT L3 cache schema"),
                    FlagSpec.string("mem-bw-schema", "The string of Intel RDT/MBA memory bandwidth schema")));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireExactly(1);
        Container container = ContainerCommands.load(inv, inv.containerId());
        String in = inv.flags().string("resources");
        Resources request = in == null || in.isEmpty()
                ? ResourceUpdate.fromFlags(inv.flags())
                : ResourceUpdate.fromDocument(readResources(inv.sys(), in));
        ResourceUpdate.warnIgnored(request, inv.log()::warn);
        Resources merged = ResourceUpdate.merge(container.resources(), request);
        checkIntelRdt(inv);
        container.update(merged, inv.log()::warn);
        return 0;
    }

    /** The document of -r: standard input for "-", else the file (Go's "open PATH: ..." when it cannot be read). */
    private static byte[] readResources(Syscalls sys, String in) {
        if (in.equals("-")) return SysFiles.readAll(sys, 0);
        try {
            return SysFiles.readFile(sys, AT_FDCWD, in);
        } catch (JruncException e) {
            throw Errno.exception(e.errno(), "open " + in);
        }
    }

    /**
     * jrunc has no Intel RDT support: a schema is refused with runc's words when the host has no
     * such feature, and as an unsupported update where it has (runc: only of an RDT config made at create).
     */
    private static void checkIntelRdt(Invocation inv) {
        String l3 = inv.flags().string("l3-cache-schema");
        String mb = inv.flags().string("mem-bw-schema");
        boolean wantsL3 = l3 != null && !l3.isEmpty();
        boolean wantsMb = mb != null && !mb.isEmpty();
        if (wantsL3 && !SysFiles.exists(inv.sys(), AT_FDCWD, "/sys/fs/resctrl/info/L3")) {
            throw new JruncException("Intel RDT/CAT: l3 cache schema is not enabled");
        }
        if (wantsMb && !SysFiles.exists(inv.sys(), AT_FDCWD, "/sys/fs/resctrl/info/MB")) {
            throw new JruncException("Intel RDT/MBA: memory bandwidth schema is not enabled");
        }
        if (wantsL3 || wantsMb) {
            throw new JruncException("updating a non-existent Intel RDT configuration is not supported");
        }
    }
}

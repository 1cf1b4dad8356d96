package io.jrunc.cli;

import java.util.List;

/** The flags jrunc takes before the command word, as runc declares them (plus urfave's help and version). */
public final class GlobalFlags {
    private GlobalFlags() {}

    public static final String DEFAULT_ROOT = "/run/jrunc";

    static final FlagSpec HELP = FlagSpec.bool("help, h", "show help");
    static final FlagSpec VERSION = FlagSpec.bool("version, v", "print the version");

    /** In help order; {@code defaultRoot} is what --root shows as its default. */
    static List<FlagSpec> specs(String defaultRoot) {
        return List.of(
                FlagSpec.bool("debug", "enable debug logging"),
                FlagSpec.string("log", "set the log file to write jrunc logs to (default is '/dev/stderr')"),
                FlagSpec.string("log-format", "text", "set the log format ('text' (default), or 'json')"),
                FlagSpec.string("root", defaultRoot,
                        "root directory for storage of container state (this should be located in tmpfs)"),
                FlagSpec.string("criu", "(obsoleted; do not use)").hide(),
                FlagSpec.bool("systemd-cgroup", "enable systemd cgroup support, expects cgroupsPath to be of form "
                        + "\"slice:prefix:name\" for e.g. \"system.slice:runc:434234\""),
                FlagSpec.string("rootless", "auto", "ignore cgroup permission errors ('true', 'false', or 'auto')"),
                HELP,
                VERSION);
    }
}

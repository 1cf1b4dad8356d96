package io.jrunc.commands;

import io.jrunc.cli.FlagSpec;

/** Flags several commands declare with the same words. */
final class SharedFlags {
    private SharedFlags() {}

    static final String CONSOLE_SOCKET_USAGE = "path to an AF_UNIX socket which will receive a file descriptor "
            + "referencing the master end of the console's pseudoterminal";

    static FlagSpec bundle() {
        return FlagSpec.string("bundle, b", "path to the root of the bundle directory, defaults to the current directory");
    }

    static FlagSpec consoleSocket() {
        return FlagSpec.string("console-socket", CONSOLE_SOCKET_USAGE);
    }

    static FlagSpec initPidfdSocket() {
        return FlagSpec.string("pidfd-socket",
                "path to an AF_UNIX socket which will receive a file descriptor referencing the init process");
    }

    static FlagSpec pidFile() {
        return FlagSpec.string("pid-file", "specify the file to write the process id to");
    }

    static FlagSpec detach() {
        return FlagSpec.bool("detach, d", "detach from the container's process");
    }

    static FlagSpec noSubreaper() {
        return FlagSpec.bool("no-subreaper", "disable the use of the subreaper used to reap reparented processes");
    }

    static FlagSpec noPivot() {
        return FlagSpec.bool("no-pivot", "do not use pivot root to jail process inside rootfs.  "
                + "This should be used whenever the rootfs is on top of a ramdisk");
    }

    static FlagSpec noNewKeyring() {
        return FlagSpec.bool("no-new-keyring", "do not create a new session keyring for the container.  "
                + "This will cause the container to inherit the calling processes session key");
    }

    static FlagSpec preserveFds() {
        return FlagSpec.integer("preserve-fds",
                "Pass N additional file descriptors to the container (stdio + $LISTEN_FDS + N in total)");
    }

    static FlagSpec format() {
        return FlagSpec.string("format, f", "table", "select one of: table or json");
    }
}

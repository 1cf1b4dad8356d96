package io.jrunc.commands;

import io.jrunc.JruncException;
import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.FlagSpec;
import io.jrunc.cli.Invocation;
import io.jrunc.json.Json;
import io.jrunc.spec.DefaultSpec;
import io.jrunc.spec.Spec;
import io.jrunc.spec.SpecWriter;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code jrunc spec [--bundle DIR] [--rootless]}: writes a starter config.json into the bundle. */
public final class SpecCommand implements Command {

    static final String CONFIG = "config.json";

    static final CommandSpec SPEC = new CommandSpec("spec", "create a new specification file", "", """
            The spec command creates the new specification file named "config.json" for
            the bundle.

            The spec generated is just a starter file. Editing of the spec is required to
            achieve desired results. For example, the newly generated spec includes an args
            parameter that is initially set to call the "sh" command when the container is
            started. Calling "sh" may work for an ubuntu container or busybox, but will not
            work for containers that do not include the "sh" program.

            EXAMPLE:
              To run docker's hello-world container one needs to set the args parameter
            in the spec to call hello. This can be done using the sed command or a text
            editor. The following commands create a bundle for hello-world, change the
            default args parameter in the spec from "sh" to "/hello", then run the hello
            command in a new hello-world container named container1:

                mkdir hello
                cd hello
                docker pull hello-world
                docker export $(docker create hello-world) > hello-world.tar
                mkdir rootfs
                tar -C rootfs -xf hello-world.tar
                jrunc spec
                sed -i 's;"sh";"/hello";' config.json
                jrunc run container1

            In the run command above, "container1" is the name for the instance of the
            container that you are starting. The name you provide for the container instance
            must be unique on your host.

            An alternative for generating a customized spec config is to use "oci-runtime-tool", the
            sub-command "oci-runtime-tool generate" has lots of options that can be used to do any
            customizations as you want, see runtime-tools (https://github.com/opencontainers/runtime-tools)
            to get more information.

            When starting a container through jrunc, jrunc needs root privilege. If not
            already running as root, you can use sudo to give jrunc root privilege. For
            example: "sudo jrunc start container1" will give jrunc root privilege to start the
            container on your host.

            Alternatively, you can start a rootless container, which has the ability to run
            without root privileges. For this to work, the specification file needs to be
            adjusted accordingly. You can pass the parameter --rootless to this command to
            generate a proper rootless spec file.

            Note that --rootless is not needed when you execute jrunc as the root in a user namespace
            created by an unprivileged user.
            """,
            List.of(
                    FlagSpec.string("bundle, b", "path to the root of the bundle directory"),
                    FlagSpec.bool("rootless", "generate a configuration for a rootless container")));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireExactly(0);
        Syscalls sys = inv.sys();
        Spec spec = DefaultSpec.create(inv.flags().bool("rootless"), sys.geteuid(), sys.getegid(), cgroupV2Only(sys));
        // runc prints MarshalIndent's output with a tab indent and no final newline
        byte[] data = Json.writeIndented(SpecWriter.toJson(spec), "\t").getBytes(StandardCharsets.UTF_8);
        String bundle = inv.flags().string("bundle");
        int dir = bundle.isEmpty() ? Linux.AT_FDCWD : openBundle(sys, bundle);
        try {
            writeNewConfig(sys, dir, data);
        } finally {
            if (dir != Linux.AT_FDCWD) {
                sys.close(dir);
            }
        }
        return 0;
    }

    /** runc changes into the bundle; jrunc opens it instead (same errors, no process-wide cwd change). */
    private static int openBundle(Syscalls sys, String bundle) {
        try {
            return sys.openat(Linux.AT_FDCWD, bundle, Linux.O_PATH | Linux.O_DIRECTORY, 0);
        } catch (JruncException e) {
            throw new JruncException("chdir " + bundle + ": " + Errno.message(e.errno()), e.errno());
        }
    }

    /** O_EXCL makes "already there" one atomic check instead of runc's stat-then-write. */
    private static void writeNewConfig(Syscalls sys, int dir, byte[] data) {
        int fd;
        try {
            fd = sys.openat(dir, CONFIG, Linux.O_WRONLY | Linux.O_CREAT | Linux.O_EXCL, 0666);
        } catch (JruncException e) {
            if (e.errno() == Errno.EEXIST) {
                throw new JruncException("File " + CONFIG + " exists. Remove it first", e.errno());
            }
            throw new JruncException("open " + CONFIG + ": " + Errno.message(e.errno()), e.errno());
        }
        try {
            SysFiles.writeAll(sys, fd, data);
        } finally {
            sys.close(fd);
        }
    }

    /**
     * runc adds a cgroup namespace to the example when the host runs the unified (v2-only)
     * hierarchy, which it recognises, as here, by the file system type of /sys/fs/cgroup.
     */
    private static boolean cgroupV2Only(Syscalls sys) {
        try {
            return sys.statfs("/sys/fs/cgroup").type() == Linux.CGROUP2_SUPER_MAGIC;
        } catch (JruncException e) {
            return false;
        }
    }
}

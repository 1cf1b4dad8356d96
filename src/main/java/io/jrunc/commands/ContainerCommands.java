package io.jrunc.commands;

import io.jrunc.JruncException;
import io.jrunc.cli.Invocation;
import io.jrunc.cli.Paths;
import io.jrunc.container.Container;
import io.jrunc.container.CreateOptions;
import io.jrunc.container.StateStore;
import io.jrunc.sys.Syscalls;

import java.util.List;

/** What the container commands share: the state store under --root, loading a container, create's options. */
final class ContainerCommands {
    private ContainerCommands() {}

    static StateStore store(Invocation inv) {
        return new StateStore(inv.sys(), inv.globals().root());
    }

    static Container load(Invocation inv, String id) {
        return Container.load(inv.sys(), store(inv), id);
    }

    /** create's and run's flags, with the bundle and pid file made absolute as runc does. */
    static CreateOptions createOptions(Invocation inv, String id) {
        Syscalls sys = inv.sys();
        String bundle = inv.flags().string("bundle");
        bundle = Paths.abs(sys, bundle == null || bundle.isEmpty() ? "." : bundle);
        String pidFile = inv.flags().string("pid-file");
        pidFile = pidFile == null || pidFile.isEmpty() ? null : Paths.abs(sys, pidFile);
        String consoleSocket = inv.flags().string("console-socket");
        consoleSocket = consoleSocket == null || consoleSocket.isEmpty() ? null : Paths.abs(sys, consoleSocket);
        long preserve = inv.flags().integer("preserve-fds");
        if (preserve < 0) throw new JruncException("--preserve-fds must be a non-negative number");
        return new CreateOptions(id, bundle, pidFile, inv.flags().bool("no-pivot"), inv.flags().bool("no-new-keyring"),
                (int) preserve, listenFds(sys), consoleSocket, inv.globals().systemdCgroup());
    }

    /**
     * Socket activation as runc does it: when jrunc was started with LISTEN_FDS for its own pid,
     * those fds (from 3 on) go to the container too.
     */
    private static int listenFds(Syscalls sys) {
        List<String> env = sys.environment();
        String fds = value(env, "LISTEN_FDS");
        String pid = value(env, "LISTEN_PID");
        if (fds == null || pid == null || !pid.equals(Integer.toString(sys.getpid()))) return 0;
        try {
            return Math.max(0, Integer.parseInt(fds));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String value(List<String> env, String name) {
        for (String entry : env) {
            if (entry.startsWith(name + "=")) return entry.substring(name.length() + 1);
        }
        return null;
    }
}

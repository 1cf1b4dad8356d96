package io.jrunc.container;

/**
 * What create (and run) were asked for, besides the bundle's config.
 *
 * @param bundle        absolute path of the bundle directory
 * @param pidFile       where to write the init's host pid, or null
 * @param preserveFds   how many fds after stdio (and the LISTEN_FDS ones) the process keeps
 * @param listenFds     the socket-activation fds (LISTEN_FDS) jrunc was given for the container
 * @param consoleSocket the AF_UNIX socket path for the pty master, or null
 * @param systemdCgroup --systemd-cgroup: cgroupsPath is "slice:prefix:name" for systemd
 * @param foreground    jrunc stays attached (run without --detach): a terminal needs no console socket
 */
public record CreateOptions(
        String id,
        String bundle,
        String pidFile,
        boolean noPivot,
        boolean noNewKeyring,
        int preserveFds,
        int listenFds,
        String consoleSocket,
        boolean systemdCgroup,
        boolean foreground) {

    /** create's options: jrunc detaches once the container is created. */
    public CreateOptions(String id, String bundle, String pidFile, boolean noPivot, boolean noNewKeyring, int preserveFds,
                         int listenFds, String consoleSocket, boolean systemdCgroup) {
        this(id, bundle, pidFile, noPivot, noNewKeyring, preserveFds, listenFds, consoleSocket, systemdCgroup, false);
    }

    public CreateOptions inForeground() {
        return new CreateOptions(id, bundle, pidFile, noPivot, noNewKeyring, preserveFds, listenFds, consoleSocket,
                systemdCgroup, true);
    }
}

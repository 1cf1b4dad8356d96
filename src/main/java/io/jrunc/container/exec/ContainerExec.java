package io.jrunc.container.exec;

import io.jrunc.JruncException;
import io.jrunc.container.Container;
import io.jrunc.container.ContainerRecord;
import io.jrunc.container.ContainerStatus;
import io.jrunc.container.SignalForwarder;
import io.jrunc.container.StateStore;
import io.jrunc.container.SyncChannel;
import io.jrunc.container.process.Rlimits;
import io.jrunc.container.terminal.ConsoleSocket;
import io.jrunc.container.terminal.HostConsole;
import io.jrunc.container.terminal.TerminalRelay;
import io.jrunc.json.Json;
import io.jrunc.spec.Process;
import io.jrunc.spec.Spec;
import io.jrunc.spec.State;
import io.jrunc.sys.Errno;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.jrunc.sys.Linux.AF_UNIX;
import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.PR_SET_DUMPABLE;
import static io.jrunc.sys.Linux.SIGKILL;
import static io.jrunc.sys.Linux.SOCK_CLOEXEC;
import static io.jrunc.sys.Linux.SOCK_SEQPACKET;
import static io.jrunc.sys.Linux.SOCK_STREAM;

/**
 * {@code jrunc exec}, the parent side: a new process in the namespaces, cgroups and security
 * settings of a running (or created) container.
 *
 * <p>{@link #plan} checks everything it can without side effects: the container exists and is not
 * stopped (nor paused, unless allowed), the process (see {@link ExecProcess}), the --cgroup
 * sub-paths, the terminal flags and the preserved fds. {@link #run} then:
 * <ol>
 *   <li>reads the init's cgroups and opens the init's namespaces that are not ours, then checks
 *       that the init is still the process create started (its start time): from here on the
 *       namespace fds pin the container's namespaces, whatever happens to the pid;</li>
 *   <li>with -t: connects to --console-socket (-d), or finds its own terminal and makes a
 *       socketpair to receive the pty master on (foreground);</li>
 *   <li>makes the SOCK_SEQPACKET sync socketpair and, in the foreground, blocks signals into a
 *       signalfd (so none is lost while the process starts);</li>
 *   <li>becomes non-dumpable (CVE-2019-5736: nothing inside the container may open this process's
 *       /proc files, /proc/PID/exe least of all), joins the pid namespace and forks: the child is
 *       born in the container's pid namespace (and, with clone3, in its cgroup2 directory), and is
 *       jrunc's own child, so wait4 works; the child joins the other cgroups itself
 *       ({@link ExecCgroups#joinSelf});</li>
 *   <li>sets the process's rlimits on it (from here, in the host's namespaces, as runc's parent
 *       does), then lets it proceed ({@link ExecChild});</li>
 *   <li>waits for "ready" and then for the channel to close (execve closed it) or an error;</li>
 *   <li>sends a pidfd to --pidfd-socket; with a foreground terminal receives the pty master and
 *       starts relaying (host terminal raw); writes --pid-file;</li>
 *   <li>-d returns 0; otherwise forwards every signal to the process (SIGWINCH resizes its
 *       terminal instead) and returns its exit code (128+signal for a signal death).</li>
 * </ol>
 * A failure after the fork kills and reaps the child. jrunc itself never enters the container's
 * mount or user namespace, so the pid file, the cgroup files and the log stay the host's.
 */
public final class ContainerExec {
    /** runc's wording in front of every failure of starting the process. */
    public static final String START_FAILED = "unable to start container process";

    /**
     * The checked inputs of one exec.
     *
     * @param spec           the container's config with the exec process (fallbacks applied) as its process
     * @param containerUmask the umask of the container's config, applied to the exec process too (else inherited)
     * @param subCgroups     the parsed --cgroup sub-paths
     * @param warnings       what to log (validator warnings)
     */
    public record Plan(ExecOptions options, ContainerRecord record, Spec spec, Long containerUmask,
                       Map<String, String> subCgroups, List<String> warnings) {}

    private final Syscalls sys;
    private final StateStore store;

    public ContainerExec(Syscalls sys, StateStore store) {
        this.sys = sys;
        this.store = store;
    }

    /** Every check that needs no side effect, in runc's order. The id must be valid already. */
    public Plan plan(ExecOptions o) {
        Container container = Container.load(sys, store, o.id());
        String status = container.status();
        if (State.STOPPED.equals(status)) {
            throw new JruncException("cannot exec in a stopped container");
        }
        if (State.PAUSED.equals(status) && !o.ignorePaused()) {
            throw new JruncException("cannot exec in a paused container (use --ignore-paused to override)");
        }
        if (o.processPath() == null && o.args().isEmpty()) {
            throw new JruncException("process args cannot be empty");
        }
        ContainerRecord record = container.record();
        Spec config = record.spec();
        Process process = ExecProcess.build(sys, o, config);
        Spec spec = config.withProcess(process);
        List<String> warnings = ExecProcess.validate(sys, spec);
        Map<String, String> subCgroups = ExecCgroups.parseSubPaths(o.cgroups());
        checkTerminal(o, process.terminal());
        checkPreservedFds(o.preserveFds());
        Long umask = config.process() == null ? null : config.process().user().umask();
        return new Plan(o, record, spec, umask, subCgroups, warnings);
    }

    /** runc's checkTerminal. */
    private static void checkTerminal(ExecOptions o, boolean terminal) {
        if (o.detach() && terminal && o.consoleSocket() == null) {
            throw new JruncException("cannot allocate tty if jrunc will detach without setting console socket");
        }
        if ((!o.detach() || !terminal) && o.consoleSocket() != null) {
            throw new JruncException("cannot use console socket if jrunc will not detach or allocate tty");
        }
    }

    /** Each of fds 3..3+N-1 must be open (runc: "unable to stat preserved-fd 0 (of 2): ..."). */
    private void checkPreservedFds(int count) {
        if (count < 0) {
            throw new JruncException("--preserve-fds must be a non-negative number");
        }
        for (int i = 0; i < count; i++) {
            String path = "/proc/self/fd/" + (3 + i);
            try {
                sys.statx(AT_FDCWD, path, 0);
            } catch (JruncException e) {
                String what = e.errno() != 0 ? Errno.message(e.errno()) : e.getMessage();
                throw new JruncException("unable to stat preserved-fd " + i + " (of " + count + "): stat " + path
                        + ": " + what, e.errno(), e);
            }
        }
    }

    /** Starts the process; returns its exit code in the foreground, 0 with -d once it runs. */
    public int run(Plan plan) {
        SignalForwarder forwarder = null;
        TerminalRelay relay = null;
        try {
            Started started = start(plan, !plan.options().detach());
            forwarder = started.forwarder();
            relay = started.relay();
            if (forwarder == null) {
                return 0;
            }
            try {
                return forwarder.forwardUntilExit(started.pid(), relay);
            } catch (RuntimeException | Error e) {
                killAndReap(started.pid()); // as runc's terminate: no process left behind unwaited
                throw e;
            }
        } finally {
            try {
                if (relay != null) {
                    relay.close(); // the host terminal back as it was
                }
            } finally {
                if (forwarder != null) {
                    forwarder.close();
                }
            }
        }
    }

    /**
     * The running process and, in the foreground, the forwarder to wait with and the relay of its
     * terminal (null without -t).
     */
    record Started(int pid, SignalForwarder forwarder, TerminalRelay relay) {}

    private Started start(Plan plan, boolean foreground) {
        ExecOptions o = plan.options();
        int initPid = plan.record().initPid();
        ExecCgroups cgroups = ExecCgroups.of(sys, initPid, plan.subCgroups());
        SignalForwarder forwarder = null;
        int pidfdSocket = -1;
        int[] pair = null;
        int[] console = {-1, -1}; // {jrunc's end or -1, the child's end}: a pair, or -1 and the --console-socket connection
        HostConsole host = null;
        TerminalRelay relay = null;
        int pid = -1;
        try (InitNamespaces namespaces = InitNamespaces.open(sys, initPid)) {
            // the namespace fds now pin the container's namespaces: make sure they are the container's
            if (!ContainerStatus.isInitAlive(sys, plan.record())) {
                throw new JruncException("cannot exec in a stopped container");
            }
            if (o.pidfdSocket() != null) {
                pidfdSocket = connect(o.pidfdSocket());
            }
            if (plan.spec().process().terminal()) {
                if (o.consoleSocket() != null) {
                    console[1] = ConsoleSocket.connect(sys, o.consoleSocket()); // -d: the caller gets the master
                } else {
                    host = HostConsole.find(sys); // foreground: jrunc relays between its terminal and the pty
                    console = ConsoleSocket.pair(sys);
                }
            }
            pair = sys.socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
            if (foreground) {
                forwarder = SignalForwarder.install(sys);
            }
            sys.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
            namespaces.joinPid();
            int cgroup2Fd = cgroups.openCgroup2Dir();
            Syscalls.Forked child;
            try {
                child = sys.forkInto(0, cgroup2Fd);
            } finally {
                closeQuietly(cgroup2Fd);
            }
            pid = child.pid();
            if (pid == 0) {
                closeQuietly(pair[0]);
                closeQuietly(console[0]);
                new ExecChild(sys, plan, new SyncChannel(sys, pair[1]), namespaces, cgroups, child.inCgroup(), console[1])
                        .run(); // never returns
            }
            closeQuietly(pair[1]);
            pair[1] = -1;
            closeQuietly(console[1]);
            console[1] = -1;
            namespaces.close();
            try {
                try {
                    Rlimits.apply(sys, plan.spec().process().rlimits(), pid);
                } catch (JruncException e) {
                    throw e.withContext("error setting rlimits for process");
                }
                proceed(pair[0]);
                awaitExec(new SyncChannel(sys, pair[0]));
                if (pidfdSocket >= 0) {
                    sendPidfd(pidfdSocket, pid);
                }
            } catch (JruncException e) {
                throw e.withContext(START_FAILED);
            }
            if (console[0] >= 0) {
                ConsoleSocket.Master master = ConsoleSocket.receiveMaster(sys, console[0]);
                closeQuietly(console[0]);
                console[0] = -1;
                try {
                    relay = TerminalRelay.start(sys, master.fd(), host);
                } catch (RuntimeException | Error e) {
                    closeQuietly(master.fd());
                    throw e;
                }
                host = null; // the relay owns it now
            }
            if (o.pidFile() != null) {
                writePidFile(o.pidFile(), pid);
            }
            Started started = new Started(pid, forwarder, relay);
            forwarder = null; // handed over
            relay = null;
            return started;
        } catch (RuntimeException | Error e) {
            if (pid > 0) {
                killAndReap(pid);
            }
            throw e;
        } finally {
            if (relay != null) {
                relay.close();
            }
            if (host != null) {
                host.close();
            }
            closeQuietly(console[0]);
            closeQuietly(console[1]);
            if (forwarder != null) {
                forwarder.close();
            }
            if (pair != null) {
                closeQuietly(pair[0]);
                closeQuietly(pair[1]);
            }
            closeQuietly(pidfdSocket);
        }
    }

    /**
     * Lets the child go on. Sent with MSG_NOSIGNAL: a child that already failed has closed its end,
     * and its error, still queued for us, is what {@link #awaitExec} reports, not an EPIPE (nor a
     * SIGPIPE that would kill jrunc).
     */
    private void proceed(int fd) {
        byte[] message = Json.write(Json.object().put("type", SyncChannel.GO).build()).getBytes(StandardCharsets.UTF_8);
        try {
            sys.sendFd(fd, message, -1);
        } catch (JruncException e) {
            if (e.errno() != Errno.EPIPE && e.errno() != Errno.ECONNRESET) {
                throw e;
            }
        }
    }

    /** "ready", then end of file once execve closed the child's end; an error message instead is the failure. */
    private static void awaitExec(SyncChannel channel) {
        String message = channel.receive();
        if (message == null) {
            throw new JruncException("exec process exited before it was ready");
        }
        if (!SyncChannel.READY.equals(message)) {
            throw new JruncException("unexpected message from exec process: " + message);
        }
        String after = channel.receive();
        if (after != null) {
            throw new JruncException("unexpected message from exec process: " + after);
        }
    }

    /** runc's setupPidfdSocket: connected before the process starts, so a bad path fails early. */
    private int connect(String path) {
        int fd = sys.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        try {
            sys.connect(fd, path);
            return fd;
        } catch (JruncException e) {
            closeQuietly(fd);
            String what = e.errno() != 0 ? Errno.message(e.errno()) : e.getMessage();
            throw new JruncException("failed to dail " + path + ": dial unix " + path + ": connect: " + what,
                    e.errno(), e);
        }
    }

    /** runc's setupPidfd: a pidfd of the process, sent with the data "setns". */
    private void sendPidfd(int socket, int pid) {
        int pidfd;
        try {
            pidfd = sys.pidfdOpen(pid, 0);
        } catch (JruncException e) {
            throw e.withContext("failed to setup pidfd: failed to pidfd_open");
        }
        try {
            sys.sendFd(socket, "setns".getBytes(StandardCharsets.US_ASCII), pidfd);
        } catch (JruncException e) {
            throw e.withContext("failed to setup pidfd: failed to send pidfd on socket");
        } finally {
            closeQuietly(pidfd);
        }
    }

    /** As create: atomically (temporary file, rename), no newline. */
    private void writePidFile(String path, int pid) {
        SysFiles.writeFileAtomic(sys, AT_FDCWD, path, Integer.toString(pid).getBytes(StandardCharsets.US_ASCII), 0644);
    }

    private void killAndReap(int pid) {
        try {
            sys.kill(pid, SIGKILL);
        } catch (JruncException ignored) {
            // already gone: reaping is all that is left
        }
        try {
            sys.wait4(pid, 0);
        } catch (JruncException ignored) {
            // reaped already
        }
    }

    private void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            sys.close(fd);
        } catch (JruncException ignored) {
            // nothing to do
        }
    }
}

package io.jrunc.container;

import io.jrunc.JruncException;
import io.jrunc.cgroups.LateJoin;
import io.jrunc.container.hooks.HookPhase;
import io.jrunc.container.hooks.HookRunner;
import io.jrunc.container.process.ProcessSetup;
import io.jrunc.container.rootfs.CgroupHost;
import io.jrunc.container.rootfs.ContainerRootfs;
import io.jrunc.container.terminal.ContainerConsole;
import io.jrunc.container.terminal.Pty;
import io.jrunc.spec.Process;
import io.jrunc.spec.Linux.Namespace;
import io.jrunc.spec.Spec;
import io.jrunc.spec.State;
import io.jrunc.sys.Syscalls;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;

import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.CLONE_NEWCGROUP;
import static io.jrunc.sys.Linux.CLOSE_RANGE_CLOEXEC;
import static io.jrunc.sys.Linux.F_SETFD;
import static io.jrunc.sys.Linux.O_CLOEXEC;
import static io.jrunc.sys.Linux.O_RDONLY;
import static io.jrunc.sys.Linux.O_WRONLY;
import static io.jrunc.sys.Linux.PR_SET_PDEATHSIG;
import static io.jrunc.sys.Linux.SIGKILL;
import static io.jrunc.sys.Linux.SIG_SETMASK;

/**
 * The child side of create, in the forked init (single-threaded: the native image runs Java here
 * safely). Builds the container in runc's order and never returns: it execs the user process or
 * reports its error to the parent over the sync channel and exits 1.
 */
final class ContainerInit {
    private final Syscalls sys;
    private final ContainerCreator.Plan plan;
    private final SyncChannel channel;
    private final int stateDirFd;
    private final boolean placedInCgroupByClone;
    private final Consumer<String> warn;
    private boolean channelOpen = true;

    /**
     * @param placedInCgroupByClone clone3 put the init in its cgroup2 directory (CLONE_INTO_CGROUP)
     * @param warn the parent's logger, inherited through the fork: warnings reach the same log file or stderr
     */
    ContainerInit(Syscalls sys, ContainerCreator.Plan plan, SyncChannel channel, int stateDirFd,
                  boolean placedInCgroupByClone, Consumer<String> warn) {
        this.sys = sys;
        this.plan = plan;
        this.channel = channel;
        this.stateDirFd = stateDirFd;
        this.placedInCgroupByClone = placedInCgroupByClone;
        this.warn = warn;
    }

    void run() {
        try {
            setUp();
        } catch (JruncException e) {
            report(e);
        } catch (RuntimeException | Error e) {
            report(new JruncException("container init failed: " + e));
        }
        sys.exitGroup(1);
    }

    private void setUp() {
        Spec spec = plan.spec();
        sys.sigprocmask(SIG_SETMASK, 0); // `run` blocks signals for its signalfd; the container must not inherit that
        sys.prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0); // a create that dies mid-setup takes its init along
        awaitParent(SyncChannel.GO); // the parent has finished its part of the clone
        // in its cgroups before hooks look for it there, and before a new cgroup namespace takes
        // the cgroups it is in as its root; only then may the memory cgroup's join wait for the end
        boolean newCgroupNamespace = plan.namespaces().isNew("cgroup");
        LateJoin memoryJoin = plan.cgroup().joinSelf(placedInCgroupByClone, !newCgroupNamespace);
        joinNamespaces();
        if (newCgroupNamespace) sys.unshare((int) CLONE_NEWCGROUP);

        ProcessSetup process = new ProcessSetup(sys, spec, false);
        process.writeOomScoreAdj();
        ContainerRootfs rootfs = new ContainerRootfs(sys, plan.rootfsConfig(), CgroupHost.of(sys, plan.cgroup().paths()));
        rootfs.prepare();
        if (!HookPhase.PRESTART.of(spec.hooks()).isEmpty() || !HookPhase.CREATE_RUNTIME.of(spec.hooks()).isEmpty()) {
            channel.send(SyncChannel.HOOKS);
            awaitParent(SyncChannel.HOOKS_DONE);
        }
        rootfs.changeToRootfs();
        new HookRunner(sys).run(HookPhase.CREATE_CONTAINER, HookPhase.CREATE_CONTAINER.of(spec.hooks()), state(State.CREATING));
        rootfs.enter(spec.process().cwd());
        if (plan.consoleFd() >= 0) {
            Process.ConsoleSize size = spec.process().consoleSize();
            ContainerConsole.setUpForInit(sys, plan.consoleFd(), size == null ? null : Pty.initialSize(size.height(), size.width()));
        }
        rootfs.finish();
        process.setHostAndDomainName();
        rootfs.restrict();

        process.applyUmask();
        process.setNoNewPrivileges();
        process.applyRlimits();
        process.switchIdentity().forEach(warn);
        String executable = process.resolveExecutable(); // a missing binary is a create-time error, as in runc
        process.setPersonality();
        memoryJoin.complete(); // from here on the init allocates next to nothing before it execs

        sys.prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0); // create exits now; the init outlives it
        channel.send(SyncChannel.READY);
        channel.close();
        channelOpen = false;

        waitForStart();
        new HookRunner(sys).run(HookPhase.START_CONTAINER, HookPhase.START_CONTAINER.of(spec.hooks()), state(State.CREATED));
        keepOnlyInheritedFds();
        process.exec(executable);
    }

    /** Waits for the parent's word; a parent that went away has already reported its error, so the init just ends. */
    private void awaitParent(String message) {
        String got = channel.receive();
        if (got == null) sys.exitGroup(1);
        if (!message.equals(got)) throw new JruncException("unexpected message from jrunc: " + got + " (expected " + message + ")");
    }

    /** setns into every namespace given by path, except pid and time, which the parent entered before the clone. */
    private void joinNamespaces() {
        for (Namespace ns : plan.namespaces().joined()) {
            if (ns.type().equals("pid") || ns.type().equals("time")) continue;
            int fd;
            try {
                fd = sys.openat(AT_FDCWD, ns.path(), O_RDONLY | O_CLOEXEC, 0);
            } catch (JruncException e) {
                throw e.withContext("failed to open " + ns.type() + " namespace " + ns.path());
            }
            try {
                sys.setns(fd, (int) Namespaces.flagOf(ns.type()));
            } catch (JruncException e) {
                throw e.withContext("failed to join " + ns.type() + " namespace " + ns.path());
            } finally {
                sys.close(fd);
            }
        }
    }

    /**
     * Blocks opening the exec fifo for writing until {@code start} opens it for reading, then
     * writes the byte start waits for. The fifo is reached through the state directory fd kept
     * from before pivot_root; it is close-on-exec, so it never reaches the container process.
     */
    private void waitForStart() {
        int fd = sys.openat(stateDirFd, StateStore.EXEC_FIFO, O_WRONLY | O_CLOEXEC, 0);
        try {
            sys.write(fd, new byte[] {'0'}, 0, 1);
        } finally {
            sys.close(fd);
        }
        sys.close(stateDirFd);
    }

    /** The process keeps stdio, the LISTEN_FDS sockets and --preserve-fds, nothing else of jrunc's or its caller's. */
    private void keepOnlyInheritedFds() {
        int keep = plan.options().listenFds() + plan.options().preserveFds();
        for (int fd = 3; fd < 3 + keep; fd++) sys.fcntl(fd, F_SETFD, 0);
        sys.closeRange(3 + keep, Integer.MAX_VALUE, CLOSE_RANGE_CLOEXEC);
    }

    private State state(String status) {
        Spec spec = plan.spec();
        return new State(spec.ociVersion(), plan.options().id(), status, sys.getpid(), plan.options().bundle(),
                plan.rootfs(), Instant.now(), spec.annotations(), "");
    }

    /** Before "ready" the parent is listening and reports the error; after it, stderr is all there is. */
    private void report(JruncException e) {
        if (channelOpen) {
            try {
                channel.sendError(e);
                return;
            } catch (RuntimeException ignored) {
                // the parent is gone: fall through to stderr
            }
        }
        byte[] line = ("jrunc init: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            sys.write(2, line, 0, line.length);
        } catch (RuntimeException ignored) {
            // nowhere left to report to
        }
    }

}

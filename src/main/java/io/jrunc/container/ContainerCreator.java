package io.jrunc.container;

import io.jrunc.JruncException;
import io.jrunc.cgroups.CgroupDeviceRule;
import io.jrunc.cgroups.CgroupLayout;
import io.jrunc.cgroups.CgroupManager;
import io.jrunc.container.hooks.HookPhase;
import io.jrunc.container.hooks.HookRunner;
import io.jrunc.container.process.ProcessValidator;
import io.jrunc.container.rootfs.RootfsConfig;
import io.jrunc.container.rootfs.Sysctls;
import io.jrunc.container.terminal.ConsoleSocket;
import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import io.jrunc.schema.SchemaValidator;
import io.jrunc.spec.Resources;
import io.jrunc.spec.Spec;
import io.jrunc.spec.SpecParser;
import io.jrunc.spec.State;
import io.jrunc.sys.Errno;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.jrunc.sys.Linux.AF_UNIX;
import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.SIGKILL;
import static io.jrunc.sys.Linux.SOCK_CLOEXEC;
import static io.jrunc.sys.Linux.SOCK_SEQPACKET;

/**
 * The parent side of create: validates everything it can before the first side effect, then makes
 * the state directory and exec fifo, clones the init into its new namespaces, serves the init's
 * requests (prestart/createRuntime hooks) until it reports ready, and records the container.
 * Any failure after the first side effect undoes all of it: the init is killed and reaped and the
 * state directory removed; mounts live in the init's mount namespace and die with it.
 */
public final class ContainerCreator {
    private final Syscalls sys;
    private final StateStore store;
    private final Consumer<String> warn;
    /** Whether clone3 placed the init in its cgroup2 directory (CLONE_INTO_CGROUP); set in parent and init alike. */
    private boolean clonedIntoCgroup;

    public ContainerCreator(Syscalls sys, StateStore store) {
        this(sys, store, warning -> { });
    }

    /** @param warn where warnings go (the command's log): config problems runc only warns about, also from the init */
    public ContainerCreator(Syscalls sys, StateStore store, Consumer<String> warn) {
        this.sys = sys;
        this.store = store;
        this.warn = warn;
    }

    /** The checked inputs of one create: the config as read and parsed, the rootfs, the namespaces. */
    public record Plan(CreateOptions options, JsonValue configJson, Spec spec, String rootfs, Namespaces namespaces,
                       RootfsConfig rootfsConfig, CgroupManager cgroup, List<String> warnings, int consoleFd) {
        /**
         * The same plan with the socket the init sends its pty master over: foreground run makes a
         * socketpair and relays the other end itself. create takes ownership of the fd.
         */
        public Plan withConsoleFd(int fd) {
            return new Plan(options, configJson, spec, rootfs, namespaces, rootfsConfig, cgroup, warnings, fd);
        }

        public boolean terminal() {
            return spec.process().terminal();
        }
    }

    /** Reads, validates and checks the bundle: every error jrunc can find without side effects. */
    public Plan plan(CreateOptions options) {
        JsonValue json = readConfig(options.bundle());
        SchemaValidator.requireValidConfig(json);
        Spec spec = SpecParser.parse(json);
        if (spec.process() == null) throw new JruncException("process property must not be empty");
        if (spec.process().args().isEmpty()) throw new JruncException("args must not be empty");
        if (spec.process().terminal() && options.consoleSocket() == null && !options.foreground()) {
            throw new JruncException("cannot allocate tty if jrunc will detach without setting console socket");
        }
        if (!spec.process().terminal() && options.consoleSocket() != null) {
            throw new JruncException("cannot use console socket if jrunc will not detach or allocate tty");
        }
        Namespaces namespaces = Namespaces.of(spec.linux() == null ? List.of() : spec.linux().namespaces());
        String rootfs = resolveRootfs(options.bundle(), spec.root().path());
        List<String> warnings = new ArrayList<>(ProcessValidator.validate(spec));
        Resources resources = resources(spec);
        warnings.addAll(CgroupManager.ignoredSettingWarnings(resources));
        // refuses a systemd cgroupsPath where no systemd runs before anything is created
        CgroupManager cgroup = CgroupManager.forContainer(sys, CgroupLayout.detect(sys), options.id(),
                spec.linux() == null ? null : spec.linux().cgroupsPath(), options.systemdCgroup());
        RootfsConfig rootfsConfig = RootfsConfig.of(spec, options.bundle(), options.noPivot(), null);
        Sysctls.validate(spec, sys); // compares a joined netns with ours: only meaningful in the parent
        warnings.forEach(warn);
        return new Plan(options, json, spec, rootfs, namespaces, rootfsConfig, cgroup, warnings, -1);
    }

    /**
     * create: returns the recorded container, its init waiting on the exec fifo. With a terminal,
     * the init sends its pty master over the plan's console fd, or over --console-socket, which
     * is connected here, after every check has passed.
     */
    public ContainerRecord create(Plan plan) {
        CreateOptions o = plan.options();
        if (plan.terminal() && plan.consoleFd() < 0) {
            plan = plan.withConsoleFd(ConsoleSocket.connect(sys, o.consoleSocket()));
        }
        try {
            return createWithConsole(plan);
        } finally {
            if (plan.consoleFd() >= 0) sys.close(plan.consoleFd()); // the init has its own copy
        }
    }

    private ContainerRecord createWithConsole(Plan plan) {
        CreateOptions o = plan.options();
        store.createDir(o.id());
        int initPid = -1;
        boolean cgroupCreated = false;
        // -1 once closed or handed on; Linux releases an fd even when close(2) reports an error
        int parentEnd = -1;
        int initEnd = -1;
        int stateDirFd = -1;
        try {
            Resources resources = resources(plan.spec());
            plan.cgroup().create(resources);
            cgroupCreated = true;
            plan.cgroup().apply(resources, CgroupDeviceRule.forContainer(resources.devices(), devicePaths(plan.spec())));
            store.createExecFifo(o.id());
            int[] pair = sys.socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
            parentEnd = pair[0];
            initEnd = pair[1];
            stateDirFd = store.openDir(o.id());
            ParentNamespaces.enter(sys, plan.spec(), plan.namespaces());
            initPid = cloneInit(plan.namespaces().cloneFlags(), plan.cgroup());
            if (initPid == 0) runInit(plan, parentEnd, initEnd, stateDirFd); // never returns
            closeQuietly(initEnd);
            initEnd = -1;
            closeQuietly(stateDirFd);
            stateDirFd = -1;
            SyncChannel channel = new SyncChannel(sys, parentEnd);
            parentEnd = -1;
            ContainerRecord record;
            SysFiles.PreparedFile state;
            try {
                channel.send(SyncChannel.GO); // first: the init builds the container while its record is made
                ProcStat stat = ContainerStatus.readStat(sys, initPid);
                record = new ContainerRecord(o.id(), initPid, stat == null ? 0 : stat.startTime(),
                        o.bundle(), plan.rootfs(), Instant.now(), "", plan.configJson(), plan.cgroup().toJson());
                state = store.prepare(record); // in place once the init is ready; removed with the state dir otherwise
                serveInit(channel, record); // the init joins its cgroups itself (CgroupManager.joinSelf)
            } catch (RuntimeException e) {
                // the init dies before its channel closes: it must not see the parent vanish and speak up
                killAndReap(initPid);
                initPid = -1;
                throw e;
            } finally {
                closeQuietly(channel.fd());
            }
            state.publish();
            if (o.pidFile() != null) writePidFile(o.pidFile(), initPid);
            return record;
        } catch (RuntimeException e) {
            if (initPid > 0) killAndReap(initPid);
            for (int fd : new int[] {parentEnd, initEnd, stateDirFd}) closeQuietly(fd);
            if (cgroupCreated) destroyQuietly(plan.cgroup(), e);
            store.remove(o.id());
            throw e;
        }
    }

    /**
     * The forked child becomes the init and must never return into create: an escaping error
     * would run the parent's cleanup (remove the state dir, the cgroup) from the child.
     */
    private void runInit(Plan plan, int parentEnd, int initEnd, int stateDirFd) {
        try {
            closeQuietly(parentEnd);
            new ContainerInit(sys, plan, new SyncChannel(sys, initEnd), stateDirFd, clonedIntoCgroup, warn).run();
        } catch (RuntimeException | Error ignored) {
            // ContainerInit reports its own errors; nothing else may run in this process
        }
        sys.exitGroup(1);
    }

    private void closeQuietly(int fd) {
        if (fd < 0) return;
        try {
            sys.close(fd);
        } catch (JruncException ignored) {
            // the fd is released even when close reports an error
        }
    }

    private void serveInit(SyncChannel channel, ContainerRecord record) {
        while (true) {
            String message = channel.receive();
            if (message == null) throw new JruncException("container init exited before it was ready");
            switch (message) {
                case SyncChannel.HOOKS -> {
                    State state = record.state(State.CREATING);
                    HookRunner runner = new HookRunner(sys);
                    runner.run(HookPhase.PRESTART, HookPhase.PRESTART.of(record.spec().hooks()), state);
                    runner.run(HookPhase.CREATE_RUNTIME, HookPhase.CREATE_RUNTIME.of(record.spec().hooks()), state);
                    channel.send(SyncChannel.HOOKS_DONE);
                }
                case SyncChannel.READY -> {
                    return;
                }
                default -> throw new JruncException("unexpected message from container init: " + message);
            }
        }
    }

    /**
     * clone3 with fork semantics, straight into the container's cgroup2 directory where the host has
     * one (CLONE_INTO_CGROUP); plain clone where clone3 is refused.
     */
    private int cloneInit(long flags, CgroupManager cgroup) {
        int cgroupFd = cgroup.cgroupFd();
        try {
            Syscalls.Forked init = sys.forkInto(flags, cgroupFd);
            clonedIntoCgroup = init.inCgroup();
            return init.pid();
        } finally {
            closeQuietly(cgroupFd); // must not throw: a cloned init would be lost, never killed
        }
    }

    private static Resources resources(Spec spec) {
        Resources r = spec.linux() == null ? null : spec.linux().resources();
        return r == null ? Resources.EMPTY : r;
    }

    private static List<String> devicePaths(Spec spec) {
        return spec.linux() == null ? List.of() : spec.linux().devices().stream().map(d -> d.path()).toList();
    }

    /** Undoing a failed create must not hide why it failed. */
    private static void destroyQuietly(CgroupManager cgroup, RuntimeException cause) {
        try {
            cgroup.destroy();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private void killAndReap(int pid) {
        try {
            sys.kill(pid, SIGKILL);
        } catch (JruncException ignored) {
            // already dead: reaping below is all that is left
        }
        try {
            sys.wait4(pid, 0);
        } catch (JruncException ignored) {
            // not our child any more (cannot happen for create) or already reaped
        }
    }

    private JsonValue readConfig(String bundle) {
        byte[] bytes;
        try {
            bytes = SysFiles.readFile(sys, AT_FDCWD, bundle + "/config.json");
        } catch (JruncException e) {
            throw e.withContext("cannot read config.json");
        }
        try {
            return Json.parse(bytes);
        } catch (JruncException e) {
            throw e.withContext("invalid config.json");
        }
    }

    private String resolveRootfs(String bundle, String path) {
        String rootfs = path.startsWith("/") ? path : bundle + "/" + path;
        Syscalls.FileStat st;
        try {
            st = sys.statx(AT_FDCWD, rootfs, 0);
        } catch (JruncException e) {
            throw e.withContext("invalid rootfs");
        }
        if (!st.isDirectory()) throw new JruncException("invalid rootfs: " + rootfs + " is not a directory", Errno.ENOTDIR);
        return rootfs;
    }

    /** runc writes the pid file atomically (temp file + rename) and without a newline: engines read it while it appears. */
    private void writePidFile(String path, int pid) {
        String absolute = path.startsWith("/") ? path : sys.getcwd() + "/" + path;
        SysFiles.writeFileAtomic(sys, AT_FDCWD, absolute, Integer.toString(pid).getBytes(StandardCharsets.US_ASCII), 0644);
    }
}

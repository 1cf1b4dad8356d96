package io.jrunc.container;

import io.jrunc.JruncException;
import io.jrunc.cgroups.CgroupManager;
import io.jrunc.container.hooks.HookPhase;
import io.jrunc.container.hooks.HookRunner;
import io.jrunc.json.JsonValue;
import io.jrunc.json.JsonValue.JsonObject;
import io.jrunc.spec.Resources;
import io.jrunc.spec.SpecWriter;
import io.jrunc.spec.State;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Syscalls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.O_CLOEXEC;
import static io.jrunc.sys.Linux.O_NONBLOCK;
import static io.jrunc.sys.Linux.O_RDONLY;
import static io.jrunc.sys.Linux.POLLIN;
import static io.jrunc.sys.Linux.SIGKILL;

/**
 * A container known to the state store, and what can be done to it after create: start, signal,
 * destroy. Its init is always reached through a pidfd opened and then checked against the
 * recorded start time, so a signal can never hit a process that merely reused the pid.
 */
public final class Container {
    private final Syscalls sys;
    private final StateStore store;
    private final ContainerRecord record;

    private Container(Syscalls sys, StateStore store, ContainerRecord record) {
        this.sys = sys;
        this.store = store;
        this.record = record;
    }

    public static Container load(Syscalls sys, StateStore store, String id) {
        return new Container(sys, store, store.load(id));
    }

    /** The container {@code create} just recorded, without reading its state back. */
    public static Container of(Syscalls sys, StateStore store, ContainerRecord created) {
        return new Container(sys, store, created);
    }

    public ContainerRecord record() {
        return record;
    }

    public String status() {
        return ContainerStatus.of(sys, store, record);
    }

    public State state() {
        return record.state(status());
    }

    /**
     * start: lets the init past the exec fifo. The fifo is opened non-blocking and polled together
     * with the init's pidfd, so an init that died meanwhile is an error, not a hang.
     */
    public void start() {
        String status = status();
        switch (status) {
            case State.STOPPED -> throw new JruncException("cannot start a container that has stopped");
            case State.RUNNING -> throw new JruncException("cannot start an already running container");
            case State.PAUSED -> throw new JruncException("cannot start a container in the paused state");
            default -> { }
        }
        int pidfd = openInitPidfd();
        try {
            String fifo = store.dir(record.id()) + "/" + StateStore.EXEC_FIFO;
            int fd = sys.openat(AT_FDCWD, fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
            try {
                short[] revents = sys.poll(new int[] {fd, pidfd}, new short[] {POLLIN, POLLIN}, -1);
                byte[] one = new byte[1];
                int n = (revents[0] & POLLIN) != 0 ? sys.read(fd, one, 0, 1) : 0;
                if (n != 1) throw new JruncException("cannot start a container that has stopped");
            } finally {
                sys.close(fd);
            }
            sys.unlinkat(AT_FDCWD, fifo, 0);
        } finally {
            sys.close(pidfd);
        }
        try {
            new HookRunner(sys).run(HookPhase.POSTSTART, HookPhase.POSTSTART.of(record.spec().hooks()), record.state(State.RUNNING));
        } catch (JruncException e) {
            // runc: a failing poststart hook fails start and destroys the container
            killAndWait();
            throw e;
        }
    }

    /** kill: sends {@code signal} to the init; "container not running" once it has stopped. */
    public void signal(int signal) {
        if (State.STOPPED.equals(status())) throw new JruncException("container not running");
        int pidfd = openInitPidfd();
        try {
            sys.pidfdSendSignal(pidfd, signal);
            if (signal == SIGKILL) thawAfterSigkill();
        } finally {
            sys.close(pidfd);
        }
    }

    /**
     * delete: a stopped or created container is destroyed; a running or paused one only with
     * {@code force}, after SIGKILL and waiting for the init to be gone.
     */
    public List<String> delete(boolean force) {
        String status = status();
        switch (status) {
            case State.STOPPED -> { }
            case State.CREATED -> killAndWait();
            default -> {
                if (!force) {
                    throw new JruncException("cannot delete container " + record.id() + " that is not stopped: " + status);
                }
                killAndWait();
            }
        }
        return destroy();
    }

    /**
     * Removes what the container owns, in runc's order: what is left of its processes (killed
     * through the cgroup), the cgroup, the state directory; then the poststop hooks, whose
     * failures only warn (runtime-spec). Returns those warnings.
     */
    public List<String> destroy() {
        CgroupManager cgroup = record.cgroupManager(sys);
        if (cgroup != null && cgroup.exists()) {
            if (!cgroup.pids().isEmpty()) cgroup.killAll(SIGKILL);
            cgroup.destroy();
        }
        store.remove(record.id());
        return new HookRunner(sys).runPoststop(HookPhase.POSTSTOP.of(record.spec().hooks()), record.state(State.STOPPED));
    }

    /** kill --all: every process in the container's cgroup, not only the init. */
    public void signalAll(int signal) {
        if (State.STOPPED.equals(status())) throw new JruncException("container not running");
        CgroupManager cgroup = record.cgroupManager(sys);
        if (cgroup == null) {
            signal(signal);
        } else {
            cgroup.killAll(signal);
        }
    }

    /** SIGKILL to the init and wait until it is gone (not merely signalled). */
    public void killAndWait() {
        int pidfd;
        try {
            pidfd = openInitPidfd();
        } catch (JruncException e) {
            return; // already gone
        }
        try {
            try {
                sys.pidfdSendSignal(pidfd, SIGKILL);
            } catch (JruncException e) {
                if (e.errno() != Errno.ESRCH) throw e;
            }
            thawAfterSigkill(); // a frozen task dies only once thawed (cgroup v1)
            // a pidfd polls readable once the process has exited
            sys.poll(new int[] {pidfd}, new short[] {POLLIN}, 10_000);
        } finally {
            sys.close(pidfd);
        }
    }

    /**
     * pause: freezes every process of a running or created container (runc's Pause: anything
     * else, paused included, is "container not running").
     */
    public void pause() {
        String status = status();
        if (!State.RUNNING.equals(status) && !State.CREATED.equals(status)) {
            throw new JruncException("container not running");
        }
        requireCgroup().freeze();
    }

    /** resume: thaws a paused container; "container not paused" for any other. */
    public void resume() {
        if (!State.PAUSED.equals(status())) throw new JruncException("container not paused");
        requireCgroup().thaw();
    }

    /**
     * To call right after SIGKILL went to the init (kill, delete --force): thaws the cgroup if
     * pause froze it, as runc's Signal does, since on cgroup v1 a frozen task does not die until
     * thawed. Best effort, errors ignored (as runc).
     */
    public void thawAfterSigkill() {
        try {
            CgroupManager cgroup = record.cgroupManager(sys);
            if (cgroup != null && cgroup.isFrozen()) cgroup.thaw();
        } catch (JruncException ignored) {
            // runc ignores the freezer here too: the signal is sent, that is what was asked
        }
    }

    /** The container's resources as saved (create's linux.resources, or the last update's). */
    public Resources resources() {
        var linux = record.spec().linux();
        return linux == null || linux.resources() == null ? Resources.EMPTY : linux.resources();
    }

    /**
     * update: writes {@code merged} (the saved resources with the changes merged in) to the cgroup,
     * devices left alone, and saves it as the container's resources so that the next update
     * merges onto it. When the kernel refuses, the saved resources are written back (runc's Set)
     * and the error is thrown, after telling {@code warn} if even that failed.
     */
    public void update(Resources merged, Consumer<String> warn) {
        if (State.STOPPED.equals(status())) throw new JruncException("container not running");
        CgroupManager cgroup = requireCgroup();
        try {
            cgroup.update(merged);
        } catch (JruncException e) {
            try {
                cgroup.update(resources());
            } catch (JruncException again) {
                warn.accept("Setting back cgroup configs failed due to error: " + again.getMessage()
                        + ", your state.json and actual configs might be inconsistent.");
            }
            throw e;
        }
        store.save(new ContainerRecord(record.id(), record.initPid(), record.initStartTime(), record.bundle(),
                record.rootfs(), record.created(), record.owner(), withResources(record.config(), merged), record.cgroup()));
    }

    /** {@code config} with linux.resources replaced by {@code resources}, everything else as it was. */
    static JsonValue withResources(JsonValue config, Resources resources) {
        Map<String, JsonValue> top = new LinkedHashMap<>(((JsonObject) config).members());
        Map<String, JsonValue> linux = new LinkedHashMap<>();
        if (top.get("linux") instanceof JsonObject o) linux.putAll(o.members());
        linux.put("resources", SpecWriter.resourcesToJson(resources));
        top.put("linux", new JsonObject(linux));
        return new JsonObject(top);
    }

    private CgroupManager requireCgroup() {
        CgroupManager cgroup = record.cgroupManager(sys);
        if (cgroup == null) throw new JruncException("cgroups not configured for container");
        return cgroup;
    }

    /** A pidfd of the init, verified to be the same process that create started. */
    private int openInitPidfd() {
        int pidfd;
        try {
            pidfd = sys.pidfdOpen(record.initPid(), 0);
        } catch (JruncException e) {
            if (e.errno() == Errno.ESRCH) throw new JruncException("container not running", e.errno());
            throw e;
        }
        // checked after opening: from here on the pidfd pins the process the stat describes
        if (!ContainerStatus.isInitAlive(sys, record)) {
            sys.close(pidfd);
            throw new JruncException("container not running", Errno.ESRCH);
        }
        return pidfd;
    }
}

package io.jrunc.container;

import io.jrunc.JruncException;
import io.jrunc.cgroups.CgroupManager;
import io.jrunc.spec.State;
import io.jrunc.sys.Errno;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import static io.jrunc.sys.Linux.AT_FDCWD;

/**
 * Derives a container's status from the live system rather than trusting a stored word: the init
 * is alive only if /proc/PID/stat exists, is not a zombie and carries the start time recorded at
 * create (so a recycled pid is not taken for the container); alive in a cgroup frozen by pause means
 * paused (whether it was created or running before), alive with the exec fifo still present means
 * created, otherwise running.
 *
 * <p>runc asks the freezer first and calls a container paused even when its init is gone; here a
 * dead init is stopped whatever the freezer says, so a container whose frozen init was killed (a
 * cgroup v2 freezer lets SIGKILL through) can be deleted without --force.
 */
public final class ContainerStatus {
    private ContainerStatus() {}

    public static String of(Syscalls sys, StateStore store, ContainerRecord record) {
        if (!isInitAlive(sys, record)) return State.STOPPED;
        if (isFrozen(sys, record)) return State.PAUSED;
        if (store.hasExecFifo(record.id())) return State.CREATED;
        return State.RUNNING;
    }

    /** Whether pause froze the container's cgroup (false for a container without a cgroup). */
    public static boolean isFrozen(Syscalls sys, ContainerRecord record) {
        CgroupManager cgroup = record.cgroupManager(sys);
        return cgroup != null && cgroup.isFrozen();
    }

    public static boolean isInitAlive(Syscalls sys, ContainerRecord record) {
        if (record.initPid() <= 0) return false;
        ProcStat stat = readStat(sys, record.initPid());
        return stat != null && stat.startTime() == record.initStartTime() && !stat.hasExited();
    }

    /** /proc/PID/stat of a process, or null when there is no such process. */
    public static ProcStat readStat(Syscalls sys, int pid) {
        try {
            return ProcStat.parse(SysFiles.readString(sys, AT_FDCWD, "/proc/" + pid + "/stat"));
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT || e.errno() == Errno.ESRCH) return null;
            throw e;
        }
    }
}

package io.jrunc.container.exec;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.List;

import static io.jrunc.sys.Linux.AT_EMPTY_PATH;
import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.O_CLOEXEC;
import static io.jrunc.sys.Linux.O_RDONLY;

/**
 * The namespaces of a container's init that exec must enter: every /proc/INITPID/ns/TYPE that is
 * not jrunc's own (same nsfs device and inode), opened before anything is joined, in runc's order
 * (user, ipc, uts, net, pid, mnt, cgroup, time). Joining one's own namespace is pointless, and
 * for the user namespace an error (EINVAL), so those are left out. A type the kernel lacks (no
 * /proc/PID/ns/time before 5.6) is skipped.
 *
 * <p>The pid namespace only applies to the children of whoever joins it, so the parent joins it
 * ({@link #joinPid}) and then forks; the child joins all the others ({@link #joinInChild}).
 */
final class InitNamespaces implements AutoCloseable {
    /** One opened namespace: its type and the fd to setns with (-1 once used and closed). */
    static final class Joinable {
        final Linux.NamespaceType type;
        final String path;
        int fd;

        Joinable(Linux.NamespaceType type, String path, int fd) {
            this.type = type;
            this.path = path;
            this.fd = fd;
        }
    }

    private final Syscalls sys;
    private final List<Joinable> joinable;

    private InitNamespaces(Syscalls sys, List<Joinable> joinable) {
        this.sys = sys;
        this.joinable = joinable;
    }

    /** Opens every namespace of {@code initPid} that differs from this process's. */
    static InitNamespaces open(Syscalls sys, int initPid) {
        List<Joinable> opened = new ArrayList<>();
        InitNamespaces ns = new InitNamespaces(sys, opened);
        try {
            for (Linux.NamespaceType type : Linux.NAMESPACE_TYPES) {
                String path = "/proc/" + initPid + "/ns/" + type.procName();
                int fd;
                try {
                    fd = sys.openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
                } catch (JruncException e) {
                    if (e.errno() == Errno.ENOENT) {
                        continue; // the kernel has no such namespace, or the init is gone (checked next)
                    }
                    throw e.withContext("failed to open " + type.procName() + " namespace " + path);
                }
                Joinable j = new Joinable(type, path, fd);
                opened.add(j);
                if (sameAsOurs(sys, j)) {
                    opened.remove(j);
                    ns.closeQuietly(j);
                }
            }
            return ns;
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    private static boolean sameAsOurs(Syscalls sys, Joinable j) {
        Syscalls.FileStat theirs = sys.statx(j.fd, "", AT_EMPTY_PATH);
        Syscalls.FileStat ours;
        try {
            ours = sys.statx(AT_FDCWD, "/proc/self/ns/" + j.type.procName(), 0);
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT) {
                return false;
            }
            throw e;
        }
        return theirs.inode() == ours.inode() && theirs.devMajor() == ours.devMajor()
                && theirs.devMinor() == ours.devMinor();
    }

    /** The /proc names of the namespaces to join, in joining order. */
    List<String> types() {
        return joinable.stream().map(j -> j.type.procName()).toList();
    }

    boolean has(String procName) {
        return joinable.stream().anyMatch(j -> j.type.procName().equals(procName));
    }

    /** Parent side: setns into the pid namespace, if the container has its own; only children are born in it. */
    void joinPid() {
        for (Joinable j : joinable) {
            if (j.type.procName().equals("pid")) {
                join(j);
            }
        }
    }

    /**
     * Child side: every namespace but pid, in order. Joining the mount namespace moves the root
     * and the working directory to the namespace's root; chdir("/") right after makes sure
     * nothing of the host stays reachable through the working directory.
     */
    void joinInChild() {
        for (Joinable j : joinable) {
            if (j.type.procName().equals("pid")) {
                continue;
            }
            join(j);
            if (j.type.procName().equals("mnt")) {
                sys.chdir("/");
            }
        }
    }

    private void join(Joinable j) {
        try {
            sys.setns(j.fd, (int) j.type.cloneFlag());
        } catch (JruncException e) {
            String what = e.errno() != 0 ? Errno.message(e.errno()) : e.getMessage();
            throw new JruncException("failed to join " + j.type.procName() + " namespace " + j.path + ": " + what,
                    e.errno(), e);
        } finally {
            closeQuietly(j);
        }
    }

    /** Closes whatever was not joined. */
    @Override
    public void close() {
        for (Joinable j : joinable) {
            closeQuietly(j);
        }
    }

    /** Linux releases the fd even when close reports an error: nothing to do about one. */
    private void closeQuietly(Joinable j) {
        if (j.fd < 0) {
            return;
        }
        int fd = j.fd;
        j.fd = -1;
        try {
            sys.close(fd);
        } catch (JruncException ignored) {
            // released anyway
        }
    }
}

package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.List;

import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.O_CLOEXEC;
import static io.jrunc.sys.Linux.O_CREAT;
import static io.jrunc.sys.Linux.O_DIRECTORY;
import static io.jrunc.sys.Linux.O_EXCL;
import static io.jrunc.sys.Linux.O_NOFOLLOW;
import static io.jrunc.sys.Linux.O_PATH;
import static io.jrunc.sys.Linux.O_RDONLY;
import static io.jrunc.sys.Linux.RESOLVE_IN_ROOT;
import static io.jrunc.sys.Linux.RESOLVE_NO_MAGICLINKS;

/**
 * Paths inside the container's rootfs, resolved by the kernel as if the rootfs were "/":
 * openat2(rootfd, path, ..., RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS). A symlink "x -> /etc" in the
 * rootfs leads to rootfs/etc and ".." stops at the rootfs, so nothing a container image contains
 * can make jrunc create or mount anything on the host. Mounts then go onto "/proc/self/fd/N" of
 * the opened file, as runc and crun do, so no path is resolved twice.
 *
 * <p>Each method that returns a file descriptor hands it to the caller, who closes it.
 */
final class RootfsPaths implements AutoCloseable {
    private static final long RESOLVE = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;

    private final Syscalls sys;
    private final String rootfs;
    private final int rootFd;
    private String realRoot; // the rootfs as /proc/self/fd shows it, read once when first needed

    private RootfsPaths(Syscalls sys, String rootfs, int rootFd) {
        this.sys = sys;
        this.rootfs = rootfs;
        this.rootFd = rootFd;
    }

    /** Opens the rootfs directory; call it after the rootfs is bind-mounted onto itself, so the fd is that mount. */
    static RootfsPaths open(Syscalls sys, String rootfs) {
        try {
            return new RootfsPaths(sys, rootfs, sys.openat(AT_FDCWD, rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC, 0));
        } catch (JruncException e) {
            throw Failures.of("open " + rootfs, e);
        }
    }

    /** The host path of a container path, for messages only ("/run/b/rootfs" + "/proc"). */
    String hostPath(String dest) {
        String inner = GoPath.inContainer(dest);
        return inner.equals("/") ? rootfs : rootfs + inner;
    }

    /** "/proc/self/fd/N": the path mount(2) gets for an opened target. */
    static String procFd(int fd) {
        return "/proc/self/fd/" + fd;
    }

    /** Opens {@code dest} (O_PATH, symlinks followed inside the rootfs); runc's "open o_path procfd" step. */
    int openPath(String dest) {
        try {
            return resolve(GoPath.relative(dest), O_PATH);
        } catch (JruncException e) {
            throw Failures.wrap("open o_path procfd", Failures.of("open " + hostPath(dest), e));
        }
    }

    /** Opens {@code dest}, or returns -1 when it does not exist. */
    int openPathIfExists(String dest) {
        try {
            return resolve(GoPath.relative(dest), O_PATH);
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT) {
                return -1;
            }
            throw Failures.wrap("open o_path procfd", Failures.of("open " + hostPath(dest), e));
        }
    }

    /** What {@link #openOrdinaryDirectory} returns when {@code dest} is a symlink or not a directory. */
    static final int NOT_A_DIRECTORY = -2;

    /**
     * Opens {@code dest} (O_PATH) when it is a directory and not a symlink; -1 when it does not
     * exist, {@link #NOT_A_DIRECTORY} when it is something else.
     */
    int openOrdinaryDirectory(String dest) {
        try {
            return resolve(GoPath.relative(dest), O_PATH | O_DIRECTORY | O_NOFOLLOW);
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT) {
                return -1;
            }
            if (e.errno() == Errno.ENOTDIR || e.errno() == Errno.ELOOP) {
                return NOT_A_DIRECTORY;
            }
            throw Failures.wrap("open o_path procfd", Failures.of("open " + hostPath(dest), e));
        }
    }

    /** Opens the directory {@code dest} for reading its entries (O_RDONLY | O_DIRECTORY). */
    int openDirectoryForReading(String dest) {
        try {
            return resolve(GoPath.relative(dest), O_RDONLY | O_DIRECTORY);
        } catch (JruncException e) {
            throw Failures.of("open " + hostPath(dest), e);
        }
    }

    /**
     * mkdir -p inside the rootfs; returns an O_PATH fd of the directory. Existing directories (and
     * symlinks to directories inside the rootfs) are fine; an existing non-directory fails with
     * ENOTDIR, as Go's os.MkdirAll.
     */
    int mkdirAll(String dest, int mode) {
        try {
            return resolve(GoPath.relative(dest), O_PATH | O_DIRECTORY);
        } catch (JruncException e) {
            if (e.errno() != Errno.ENOENT) {
                throw Failures.of("mkdir " + hostPath(dest), e);
            }
        }
        return mkdirAllMissing(dest, mode);
    }

    /**
     * {@link #mkdirAll} for a {@code dest} just found missing: each existing parent is opened,
     * the rest is created. Below a directory it has just made, and for {@code dest} itself,
     * nothing can exist yet, so those are made without looking first (EEXIST from a race is fine).
     */
    int mkdirAllMissing(String dest, int mode) {
        List<String> names = components(GoPath.relative(dest));
        int parent = -1; // -1: the rootfs itself, which this object keeps open
        String prefix = "";
        boolean creating = false;
        try {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                prefix = prefix.isEmpty() ? name : prefix + "/" + name;
                int fd = creating || i == names.size() - 1 ? -1 : openIfExists(prefix);
                if (fd < 0) {
                    fd = make(parent, name, prefix, mode);
                    creating = true;
                }
                closeQuietly(parent);
                parent = fd;
            }
            return parent < 0 ? resolve(".", O_PATH | O_DIRECTORY) : parent;
        } catch (JruncException e) {
            closeQuietly(parent);
            throw e;
        }
    }

    private int openIfExists(String prefix) {
        try {
            return resolve(prefix, O_PATH | O_DIRECTORY);
        } catch (JruncException e) {
            if (e.errno() != Errno.ENOENT) {
                throw Failures.of("mkdir " + hostPath(prefix), e);
            }
            return -1;
        }
    }

    private int make(int parent, String name, String prefix, int mode) {
        String host = hostPath(prefix);
        try {
            // name is one plain component of a directory already resolved inside the rootfs
            sys.mkdirat(parent < 0 ? rootFd : parent, name, mode);
        } catch (JruncException e) {
            if (e.errno() != Errno.EEXIST) {
                throw Failures.of("mkdir " + host, e);
            }
        }
        try {
            return resolve(prefix, O_PATH | O_DIRECTORY);
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT && danglingLinksFollowed < MAX_DANGLING_LINKS) {
                return makeLinkTarget(parent, name, prefix, mode);
            }
            throw Failures.of("mkdir " + host, e);
        }
    }

    /** Like the kernel's limit on symlinks in one lookup: a chain of dangling links cannot make mkdirAll loop. */
    private static final int MAX_DANGLING_LINKS = 40;
    private int danglingLinksFollowed;

    /**
     * {@code prefix} exists but does not resolve: a dangling symlink. As runc's MkdirAllInRoot does,
     * the directories it points to are made, inside the rootfs (an absolute target is taken from
     * the rootfs, never the host), and the link is then resolved again.
     */
    private int makeLinkTarget(int parent, String name, String prefix, int mode) {
        danglingLinksFollowed++;
        String target = sys.readlinkat(parent < 0 ? rootFd : parent, name);
        String within = target.startsWith("/") ? target : GoPath.dir("/" + prefix) + "/" + target;
        closeQuietly(mkdirAll(within, mode));
        try {
            return resolve(prefix, O_PATH | O_DIRECTORY);
        } catch (JruncException e) {
            throw Failures.of("mkdir " + hostPath(prefix), e);
        }
    }

    /**
     * Makes sure the file {@code dest} exists, creating an empty one (and its parents) when it
     * does not: what a file bind mount needs to land on. An existing entry of any kind is left alone.
     */
    void createFile(String dest, int mode) {
        String inner = GoPath.inContainer(dest);
        int parent = mkdirAll(GoPath.dir(inner), 0755);
        try {
            // O_EXCL: never follow a (dangling) symlink out of the rootfs while creating
            int fd = sys.openat(parent, GoPath.base(inner), O_CREAT | O_EXCL | O_NOFOLLOW | O_RDONLY | O_CLOEXEC, mode);
            sys.close(fd);
        } catch (JruncException e) {
            if (e.errno() != Errno.EEXIST) {
                throw Failures.of("open " + hostPath(dest), e);
            }
        } finally {
            closeQuietly(parent);
        }
    }

    /**
     * The path the kernel reports for an fd opened here, as a container path ("/proc/sys"), read
     * from /proc/self/fd. runc checks where a mount really lands this way before refusing mounts
     * over /proc.
     */
    String containerPathOf(int fd) {
        String real;
        try {
            real = sys.readlinkat(AT_FDCWD, procFd(fd));
            if (realRoot == null) {
                realRoot = sys.readlinkat(AT_FDCWD, procFd(rootFd));
            }
        } catch (JruncException e) {
            throw Failures.wrap("procfd verification failed", Failures.of("readlink " + procFd(fd), e));
        }
        if (realRoot.equals("/")) {
            return real;
        }
        if (real.equals(realRoot)) {
            return "/";
        }
        if (!real.startsWith(realRoot + "/")) {
            throw new JruncException("possibly malicious path detected -- refusing to operate on " + real);
        }
        return real.substring(realRoot.length());
    }

    private int resolve(String rel, int flags) {
        return sys.openat2(rootFd, rel, flags | O_CLOEXEC, 0, RESOLVE);
    }

    private static List<String> components(String rel) {
        List<String> out = new ArrayList<>();
        if (rel.equals(".")) {
            return out;
        }
        for (String part : rel.split("/")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                sys.close(fd);
            } catch (JruncException ignored) {
                // nothing useful to do: the fd is gone either way
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(rootFd);
    }
}

package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.List;

import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.AT_REMOVEDIR;
import static io.jrunc.sys.Linux.MS_BIND;
import static io.jrunc.sys.Linux.O_CLOEXEC;
import static io.jrunc.sys.Linux.O_CREAT;
import static io.jrunc.sys.Linux.O_EXCL;
import static io.jrunc.sys.Linux.O_NOFOLLOW;
import static io.jrunc.sys.Linux.O_WRONLY;

/**
 * The container's /dev content when the config does not bind-mount a /dev of its own: the
 * device nodes, /dev/ptmx pointing into the container's devpts, and the /proc/self/fd links.
 */
final class DeviceSetup {
    private final Syscalls sys;
    private final Mounter mounter;
    private final RootfsPaths paths;

    DeviceSetup(Syscalls sys, RootfsPaths paths) {
        this.sys = sys;
        this.mounter = new Mounter(sys);
        this.paths = paths;
    }

    /**
     * runc's createDevices: mknod each node; in a user namespace (or where mknod is refused) the
     * host's node is bind-mounted instead. /dev/ptmx is left to {@link #setupPtmx}.
     */
    void createDevices(List<DeviceNode> devices, boolean userNamespace) {
        try {
            for (DeviceNode node : devices) {
                if (node.path() == null || node.path().isEmpty() || GoPath.clean(node.path()).equals("/dev/ptmx")) {
                    continue;
                }
                createDevice(node, userNamespace);
            }
        } catch (JruncException e) {
            throw Failures.wrap("error creating device nodes", e);
        }
    }

    private void createDevice(DeviceNode node, boolean bind) {
        String inner = GoPath.inContainer(node.path());
        String name = GoPath.base(inner);
        String host = paths.hostPath(inner);
        int dir = paths.mkdirAll(GoPath.dir(inner), 0755);
        try {
            if (bind) {
                bindHostDevice(dir, name, node, inner);
                return;
            }
            try {
                sys.mknodat(dir, name, node.fileType() | node.mode(), Linux.makedev(node.major(), node.minor()));
            } catch (JruncException e) {
                if (e.errno() == Errno.EEXIST) {
                    return;
                }
                if (MountInstaller.isErrno(e, MountInstaller.PERMISSION)) {
                    bindHostDevice(dir, name, node, inner);
                    return;
                }
                throw Failures.of("mknod " + host, e);
            }
            try {
                sys.fchmodat(dir, name, node.mode()); // the umask applied to mknod
            } catch (JruncException e) {
                throw Failures.of("chmod " + host, e);
            }
            try {
                sys.fchownat(dir, name, node.uid(), node.gid(), 0);
            } catch (JruncException e) {
                throw Failures.of("chown " + host, e);
            }
        } finally {
            paths.closeQuietly(dir);
        }
    }

    /** An empty file in the rootfs with the host's node (same path, e.g. /dev/null) bind-mounted on it. */
    private void bindHostDevice(int dir, String name, DeviceNode node, String inner) {
        String host = paths.hostPath(inner);
        try {
            sys.close(sys.openat(dir, name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0666));
        } catch (JruncException e) {
            if (e.errno() != Errno.EEXIST) {
                throw Failures.of("open " + host, e);
            }
        }
        int fd = paths.openPath(inner);
        try {
            mounter.mountVia(node.path(), host, RootfsPaths.procFd(fd), "bind", MS_BIND, "");
        } finally {
            paths.closeQuietly(fd);
        }
    }

    /** runc's setupPtmx: /dev/ptmx becomes a symlink to the container's own devpts instance. */
    void setupPtmx() {
        try {
            int dev = paths.mkdirAll("/dev", 0755);
            try {
                String host = paths.hostPath("/dev/ptmx");
                remove(dev, "ptmx", host);
                try {
                    sys.symlinkat("pts/ptmx", dev, "ptmx");
                } catch (JruncException e) {
                    throw Failures.of("symlink pts/ptmx " + host, e);
                }
            } finally {
                paths.closeQuietly(dev);
            }
        } catch (JruncException e) {
            throw Failures.wrap("error setting up ptmx", e);
        }
    }

    /** Go's os.Remove: a file or an empty directory; a missing one is fine here. */
    private void remove(int dir, String name, String host) {
        try {
            sys.unlinkat(dir, name, 0);
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT) {
                return;
            }
            if (e.errno() != Errno.EISDIR) {
                throw Failures.of("remove " + host, e);
            }
            try {
                sys.unlinkat(dir, name, AT_REMOVEDIR);
            } catch (JruncException e2) {
                throw Failures.of("remove " + host, e2);
            }
        }
    }

    /** runc's setupDevSymlinks: fd, stdin, stdout, stderr, and core when the kernel has /proc/kcore. */
    void setupDevSymlinks() {
        List<String[]> links = new ArrayList<>(List.of(
                new String[] {"/proc/self/fd", "fd"},
                new String[] {"/proc/self/fd/0", "stdin"},
                new String[] {"/proc/self/fd/1", "stdout"},
                new String[] {"/proc/self/fd/2", "stderr"}));
        if (exists("/proc/kcore")) {
            links.add(new String[] {"/proc/kcore", "core"});
        }
        try {
            int dev = paths.mkdirAll("/dev", 0755);
            try {
                for (String[] link : links) {
                    try {
                        sys.symlinkat(link[0], dev, link[1]);
                    } catch (JruncException e) {
                        if (e.errno() != Errno.EEXIST) {
                            throw Failures.of("symlink " + link[0] + " " + paths.hostPath("/dev/" + link[1]), e);
                        }
                    }
                }
            } finally {
                paths.closeQuietly(dev);
            }
        } catch (JruncException e) {
            throw Failures.wrap("error setting up /dev symlinks", e);
        }
    }

    private boolean exists(String hostPath) {
        try {
            sys.statx(AT_FDCWD, hostPath, 0);
            return true;
        } catch (JruncException e) {
            return false;
        }
    }
}

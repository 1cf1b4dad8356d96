package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Syscalls;

import static io.jrunc.sys.Linux.MS_BIND;
import static io.jrunc.sys.Linux.MS_PRIVATE;
import static io.jrunc.sys.Linux.MS_REC;

/** runc's prepareRoot: the mount namespace's propagation, then the rootfs made a mount point of its own. */
final class RootPreparation {
    private final Syscalls sys;
    private final Mounter mounter;

    RootPreparation(Syscalls sys) {
        this.sys = sys;
        this.mounter = new Mounter(sys);
    }

    void prepare(String rootfs, long rootPropagation) {
        try {
            // rslave by default: host mounts still reach the container, nothing from it reaches the host
            mounter.mount("", "/", "", rootPropagation, "");
            parentMountPrivate(rootfs);
            // pivot_root needs the new root to be a mount point
            mounter.mount(rootfs, rootfs, "bind", MS_BIND | MS_REC, "");
        } catch (JruncException e) {
            throw Failures.wrap("error preparing rootfs", e);
        }
    }

    /**
     * runc's rootfsParentMountPrivate: the mount holding the rootfs becomes private, since
     * pivot_root refuses a shared parent and the rootfs bind would otherwise propagate to the
     * host. EINVAL means "not a mount point": try the parent directory.
     */
    void parentMountPrivate(String rootfs) {
        String path = rootfs;
        while (true) {
            try {
                sys.mount(null, path, null, MS_PRIVATE, null);
                return;
            } catch (JruncException e) {
                if (e.errno() != Errno.EINVAL || path.equals("/")) {
                    throw Failures.of(Failures.mountText("remount-private", null, path, null, MS_PRIVATE, null), e);
                }
            }
            path = GoPath.dir(path);
        }
    }
}

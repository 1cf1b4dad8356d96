package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Syscalls;

import static io.jrunc.sys.Linux.MS_BIND;
import static io.jrunc.sys.Linux.MS_RDONLY;
import static io.jrunc.sys.Linux.MS_REMOUNT;

/**
 * runc's finalizeRootfs, inside the new root: the read-only tmpfs mounts and /dev that were
 * mounted read-write to be filled become read-only, then "/" itself when root.readonly says so.
 */
final class RootfsFinish {
    private static final int REMOUNT_ATTEMPTS = 5;

    private final Syscalls sys;
    private final Mounter mounter;
    private final Runnable pauseBeforeRetry;

    RootfsFinish(Syscalls sys, Runnable pauseBeforeRetry) {
        this.sys = sys;
        this.mounter = new Mounter(sys);
        this.pauseBeforeRetry = pauseBeforeRetry;
    }

    void finish(RootfsConfig config) {
        for (ConfigMount m : config.mounts()) {
            if ((m.flags() & MS_RDONLY) == 0) {
                continue;
            }
            if (m.type().equals("tmpfs") || m.cleanDestination().equals("/dev")) {
                remountReadonly(m);
            }
        }
        if (config.readonly()) {
            try {
                setReadonly();
            } catch (JruncException e) {
                throw Failures.wrap("error setting rootfs as readonly", e);
            }
        }
        sys.umask(0022);
    }

    /**
     * MS_REMOUNT|MS_BIND only changes this mount's flags, which a user namespace may do while it
     * keeps the locked ones. EBUSY (something still writing) is retried a few times, as runc does.
     */
    void remountReadonly(ConfigMount m) {
        long flags = m.flags() | MS_REMOUNT | MS_BIND | MS_RDONLY;
        for (int i = 0; i < REMOUNT_ATTEMPTS; i++) {
            try {
                mounter.mount("", m.destination(), "", flags, "");
                return;
            } catch (JruncException e) {
                if (e.errno() != Errno.EBUSY) {
                    throw e;
                }
                pauseBeforeRetry.run();
            }
        }
        throw new JruncException("unable to mount " + m.destination() + " as readonly max retries reached", Errno.EBUSY);
    }

    /** runc's setReadonly: when the plain remount is refused, again keeping the flags "/" already has (locked ones). */
    void setReadonly() {
        long flags = MS_BIND | MS_REMOUNT | MS_RDONLY;
        try {
            mounter.mount("", "/", "", flags, "");
            return;
        } catch (JruncException refused) {
            // fall through: retry with the current flags
        }
        long current;
        try {
            current = BindRemount.statfsToMountFlags(sys.statfs("/").flags());
        } catch (JruncException e) {
            throw Failures.of("statfs /", e);
        }
        mounter.mount("", "/", "", flags | current, "");
    }
}

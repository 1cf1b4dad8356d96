package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.sys.Syscalls;

/**
 * mount(2) and umount2(2) with runc's error text (its mount/mountViaFds/unmount wrappers): the
 * message names the container path even when the call went through a /proc/self/fd path.
 */
final class Mounter {
    private final Syscalls sys;

    Mounter(Syscalls sys) {
        this.sys = sys;
    }

    /** mount(2) on {@code target} itself. Empty strings are passed as NULL. */
    void mount(String source, String target, String fstype, long flags, String data) {
        mountVia(source, target, null, fstype, flags, data);
    }

    /**
     * mount(2) on {@code dstFd} (a /proc/self/fd/N path of the already resolved target) when it is
     * given; {@code target} then only names the mount in an error.
     */
    void mountVia(String source, String target, String dstFd, String fstype, long flags, String data) {
        try {
            sys.mount(emptyToNull(source), dstFd != null ? dstFd : target, emptyToNull(fstype), flags, emptyToNull(data));
        } catch (JruncException e) {
            throw Failures.of(Failures.mountText("mount", source, target, dstFd, flags, data), e);
        }
    }

    void unmount(String target, int flags) {
        try {
            sys.umount2(target, flags);
        } catch (JruncException e) {
            // runc prints umount flags through its mount-flag names too
            throw Failures.of(Failures.mountText("unmount", null, target, null, flags, null), e);
        }
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.GoQuote;
import io.jrunc.sys.Syscalls;

import static io.jrunc.sys.Linux.AT_EMPTY_PATH;
import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.AT_RECURSIVE;
import static io.jrunc.sys.Linux.MS_BIND;
import static io.jrunc.sys.Linux.MS_RDONLY;
import static io.jrunc.sys.Linux.MS_REC;
import static io.jrunc.sys.Linux.MS_REMOUNT;

/**
 * Puts one config mount in place inside the rootfs: runc's mountToRootfs. The destination is
 * created when missing and always reached through {@link RootfsPaths}, so symlinks in it resolve
 * inside the rootfs.
 */
final class MountInstaller {
    private final Syscalls sys;
    private final Mounter mounter;
    private final RootfsPaths paths;
    private final CgroupMounts cgroupMounts;

    MountInstaller(Syscalls sys, RootfsPaths paths, CgroupHost cgroups, RootfsConfig config) {
        this.sys = sys;
        this.mounter = new Mounter(sys);
        this.paths = paths;
        this.cgroupMounts = new CgroupMounts(this, cgroups, config.cgroupNamespace(), config.cgroup2Path());
    }

    Syscalls sys() {
        return sys;
    }

    Mounter mounter() {
        return mounter;
    }

    RootfsPaths paths() {
        return paths;
    }

    /** Mounts {@code m}; a failure names the mount as runc does ("error mounting ... to rootfs at ..."). */
    void install(ConfigMount m) {
        try {
            mountToRootfs(m);
        } catch (JruncException e) {
            throw Failures.mounting(m.source(), m.destination(), e);
        }
    }

    void mountToRootfs(ConfigMount m) {
        switch (m.type()) {
            case "proc", "sysfs" -> mountProcOrSysfs(m);
            case "bind" -> mountBind(m);
            case "tmpfs" -> mountTmpfs(m);
            case "cgroup" -> cgroupMounts.mount(m);
            default -> mountOther(m);
        }
        applyRecursiveAttrs(m);
    }

    /**
     * procfs and sysfs must land on a real directory: a symlink or a file there is refused (an
     * old attack had /proc be a symlink), as runc does.
     */
    private void mountProcOrSysfs(ConfigMount m) {
        String dest = m.cleanDestination();
        ProcMountGuard.check(sys, m, dest, paths.hostPath(dest));
        int fd = paths.openOrdinaryDirectory(dest);
        if (fd == RootfsPaths.NOT_A_DIRECTORY) {
            throw new JruncException("filesystem " + GoQuote.quote(m.type()) + " must be mounted on ordinary directory");
        }
        if (fd < 0) {
            fd = paths.mkdirAll(dest, 0755);
        }
        mountPropagate(m, fd);
    }

    private void mountOther(ConfigMount m) {
        String dest = m.cleanDestination();
        ProcMountGuard.check(sys, m, dest, paths.hostPath(dest));
        int fd = paths.mkdirAll(dest, 0755);
        checkWhereItLands(m, fd);
        mountPropagate(m, fd);
    }

    /**
     * A tmpfs over an existing directory starts with that directory's permissions ("mode=" put
     * before the configured data, which can still override it), as in runc.
     */
    private void mountTmpfs(ConfigMount m) {
        String dest = m.cleanDestination();
        ProcMountGuard.check(sys, m, dest, paths.hostPath(dest));
        int fd = paths.openPathIfExists(dest);
        ConfigMount mount = m;
        if (fd < 0) {
            fd = paths.mkdirAllMissing(dest, 0755);
        } else {
            int mode = modeOf(fd, dest);
            String data = "mode=" + octal4(mode) + (m.options().data().isEmpty() ? "" : "," + m.options().data());
            mount = new ConfigMount(m.destination(), m.type(), m.source(), m.options().withData(data));
        }
        checkWhereItLands(m, fd);
        if (m.options().tmpcopyup()) {
            new TmpfsCopyUp(this).mount(mount, fd);
            applyPropagation(mount);
        } else {
            mountPropagate(mount, fd);
        }
    }

    private int modeOf(int fd, String dest) {
        try {
            return sys.statx(fd, "", AT_EMPTY_PATH).mode() & 07777;
        } catch (JruncException e) {
            paths.closeQuietly(fd);
            throw Failures.of("stat " + paths.hostPath(dest), e);
        }
    }

    private void mountBind(ConfigMount m) {
        Syscalls.FileStat source;
        try {
            source = sys.statx(AT_FDCWD, m.source(), 0);
        } catch (JruncException e) {
            // a bind of a missing source cannot work: say so before touching the rootfs
            throw Failures.of("stat " + m.source(), e);
        }
        String dest = m.cleanDestination();
        ProcMountGuard.check(sys, m, dest, paths.hostPath(dest));
        int fd = paths.openPathIfExists(dest);
        if (fd < 0) {
            if (source.isDirectory()) {
                fd = paths.mkdirAllMissing(dest, 0755);
            } else {
                paths.createFile(dest, 0755);
                fd = paths.openPath(dest);
            }
        }
        checkWhereItLands(m, fd);
        mountPropagate(m, fd);
        // a bind mount ignores the other flags: they take a remount, also when some were only cleared
        if ((m.flags() & ~(MS_BIND | MS_REC | MS_REMOUNT)) != 0 || m.options().clearedFlags() != 0) {
            new BindRemount(this).remount(m);
        }
    }

    /** The resolved destination must pass the /proc check too: a symlink must not lead a mount into /proc. */
    void checkWhereItLands(ConfigMount m, int fd) {
        try {
            String real = paths.containerPathOf(fd);
            ProcMountGuard.check(sys, m, real, paths.hostPath(real));
        } catch (JruncException e) {
            paths.closeQuietly(fd);
            throw e;
        }
    }

    /**
     * runc's mountPropagate: the mount itself on the opened destination {@code fd} (which is
     * closed), then each propagation change on the new mount. A tmpfs or /dev is mounted
     * read-write even with "ro": files are still to be made there; {@link RootfsFinish} makes them read-only.
     */
    void mountPropagate(ConfigMount m, int fd) {
        mountOnto(m, fd);
        applyPropagation(m);
    }

    void mountOnto(ConfigMount m, int fd) {
        try {
            mounter.mountVia(m.source(), m.destination(), RootfsPaths.procFd(fd), m.type(), effectiveFlags(m),
                    m.options().data());
        } finally {
            paths.closeQuietly(fd);
        }
    }

    static long effectiveFlags(ConfigMount m) {
        long flags = m.flags();
        if (m.type().equals("tmpfs") || m.cleanDestination().equals("/dev")) {
            flags &= ~MS_RDONLY;
        }
        return flags;
    }

    /** Each propagation option as its own mount(2) on the new mount (the old fd shows the covered directory). */
    void applyPropagation(ConfigMount m) {
        if (m.options().propagation().isEmpty()) {
            return;
        }
        try {
            int fd = paths.openPath(m.cleanDestination());
            try {
                for (long flag : m.options().propagation()) {
                    mounter.mountVia("", m.destination(), RootfsPaths.procFd(fd), "", flag, "");
                }
            } finally {
                paths.closeQuietly(fd);
            }
        } catch (JruncException e) {
            throw Failures.wrap("change mount propagation through procfd", e);
        }
    }

    /** "rro", "rnosuid", ...: mount_setattr(2) with AT_RECURSIVE on the new mount and everything under it. */
    private void applyRecursiveAttrs(ConfigMount m) {
        MountOptions o = m.options();
        if (!o.hasRecursiveAttrs()) {
            return;
        }
        int fd = paths.openPath(m.cleanDestination());
        try {
            sys.mountSetattr(fd, "", AT_EMPTY_PATH | AT_RECURSIVE, o.recAttrSet(), o.recAttrClr(), 0, 0);
        } catch (JruncException e) {
            throw Failures.of("mount_setattr " + m.destination(), e);
        } finally {
            paths.closeQuietly(fd);
        }
    }

    /** Go's "%04o". */
    static String octal4(int mode) {
        String s = Integer.toOctalString(mode);
        return "0".repeat(Math.max(0, 4 - s.length())) + s;
    }

    static boolean isErrno(JruncException e, int... errnos) {
        for (int errno : errnos) {
            if (e.errno() == errno) {
                return true;
            }
        }
        return false;
    }

    static final int[] PERMISSION = {Errno.EPERM, Errno.EACCES};
}

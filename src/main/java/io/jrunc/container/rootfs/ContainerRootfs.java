package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import static io.jrunc.sys.Linux.AT_FDCWD;

/**
 * The container's root filesystem, set up by the container's init (in its new mount namespace,
 * still root, still in the host's "/") in runc's order. The init calls, in this order:
 *
 * <ol>
 *   <li>{@link #prepare()}: propagation, the rootfs bind, every config mount, /dev;</li>
 *   <li>(the parent runs the prestart and createRuntime hooks)</li>
 *   <li>{@link #changeToRootfs()};</li>
 *   <li>(createContainer hooks, which run with the rootfs as working directory)</li>
 *   <li>{@link #enter(String)}: pivot_root (or MS_MOVE + chroot), /dev/null reopened, cwd made;</li>
 *   <li>(the console: the pty bind-mounted on /dev/console)</li>
 *   <li>{@link #finish()}: read-only remounts, read-only "/", umask 022;</li>
 *   <li>(sethostname, setdomainname)</li>
 *   <li>{@link #restrict()}: sysctls, readonlyPaths, maskedPaths.</li>
 * </ol>
 *
 * Every failure is a {@link JruncException} worded as runc's, carrying the kernel's errno.
 */
public final class ContainerRootfs {
    private final Syscalls sys;
    private final RootfsConfig config;
    private final CgroupHost cgroups;
    private final Runnable pauseBeforeRetry;

    /**
     * @param sys     the kernel
     * @param config  the converted config ({@link RootfsConfig#of})
     * @param cgroups the host's cgroup layout, asked only if the config mounts a cgroup filesystem
     */
    public ContainerRootfs(Syscalls sys, RootfsConfig config, CgroupHost cgroups) {
        this(sys, config, cgroups, ContainerRootfs::pause);
    }

    /** As above; {@code pauseBeforeRetry} runs between attempts to remount a busy mount read-only (tests pass a no-op). */
    ContainerRootfs(Syscalls sys, RootfsConfig config, CgroupHost cgroups, Runnable pauseBeforeRetry) {
        this.sys = sys;
        this.config = config;
        this.cgroups = cgroups;
        this.pauseBeforeRetry = pauseBeforeRetry;
    }

    public RootfsConfig config() {
        return config;
    }

    /**
     * runc's prepareRootfs up to the hooks: "/" made rslave (or linux.rootfsPropagation), the
     * rootfs' parent mount private and the rootfs bind-mounted onto itself; then each config
     * mount in order; then, unless the config bind-mounts its own /dev, the device nodes,
     * /dev/ptmx and the /dev symlinks.
     */
    public void prepare() {
        new RootPreparation(sys).prepare(config.rootfs(), config.rootPropagation());
        RootfsPaths opened;
        try {
            opened = RootfsPaths.open(sys, config.rootfs());
        } catch (JruncException e) {
            throw Failures.wrap("error preparing rootfs", e);
        }
        try (RootfsPaths paths = opened) {
            MountInstaller installer = new MountInstaller(sys, paths, cgroups, config);
            for (ConfigMount m : config.mounts()) {
                installer.install(m);
            }
            if (config.needsDevSetup()) {
                DeviceSetup dev = new DeviceSetup(sys, paths);
                dev.createDevices(config.devices(), config.userNamespace());
                dev.setupPtmx();
                dev.setupDevSymlinks();
            }
        }
    }

    /** chdir into the rootfs, where runc runs the createContainer hooks and from where it pivots. */
    public void changeToRootfs() {
        new RootSwitch(sys).chdir(config.rootfs());
    }

    /**
     * The rootfs becomes "/": pivot_root(".", ".") and a lazy unmount of the old root, or with
     * --no-pivot an MS_MOVE onto "/" and chroot. Then stdio that was the host's /dev/null is
     * reopened on the container's, and the process's working directory is created when missing.
     *
     * @param processCwd process.cwd, or null to create nothing
     */
    public void enter(String processCwd) {
        RootSwitch root = new RootSwitch(sys);
        try {
            if (config.noPivot()) {
                root.moveRoot(config.rootfs());
            } else {
                root.pivotRoot(config.rootfs());
            }
        } catch (JruncException e) {
            throw Failures.wrap("error jailing process inside rootfs", e);
        }
        if (config.needsDevSetup()) {
            try {
                root.reopenDevNull();
            } catch (JruncException e) {
                throw Failures.wrap("error reopening /dev/null inside container", e);
            }
        }
        if (processCwd != null && !processCwd.isEmpty()) {
            try {
                SysFiles.mkdirs(sys, AT_FDCWD, processCwd, 0755);
            } catch (JruncException e) {
                throw Failures.of("mkdir " + processCwd, e);
            }
        }
    }

    /** runc's finalizeRootfs: "ro" tmpfs mounts and /dev, then root.readonly; umask 022 last. */
    public void finish() {
        new RootfsFinish(sys, pauseBeforeRetry).finish(config);
    }

    /** linux.sysctl written, linux.readonlyPaths made read-only, linux.maskedPaths masked, in runc's order. */
    public void restrict() {
        Sysctls.apply(sys, config.sysctl());
        PathRestrictions restrictions = new PathRestrictions(sys);
        restrictions.makeReadonly(config.readonlyPaths());
        restrictions.mask(config.maskedPaths());
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

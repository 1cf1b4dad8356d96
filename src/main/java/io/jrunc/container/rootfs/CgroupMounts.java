package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.List;

import static io.jrunc.container.rootfs.RootfsConstants.DEFAULT_MOUNT_FLAGS;
import static io.jrunc.container.rootfs.RootfsConstants.HOST_CGROUP_ROOT;
import static io.jrunc.sys.Linux.MS_BIND;
import static io.jrunc.sys.Linux.MS_RDONLY;
import static io.jrunc.sys.Linux.MS_REC;
import static io.jrunc.sys.Linux.MS_REMOUNT;

/**
 * The config's "cgroup" mount, runc's mountCgroupV2/mountCgroupV1: on a pure cgroup v2 host a
 * cgroup2 mount (or, where the kernel refuses it, a bind of the host's cgroup2 tree); on a v1 or
 * hybrid host a tmpfs holding each v1 hierarchy of the container's cgroups.
 */
final class CgroupMounts {
    private final MountInstaller installer;
    private final Syscalls sys;
    private final RootfsPaths paths;
    private final CgroupHost host;
    private final boolean cgroupNamespace;
    private final String cgroup2Path;

    CgroupMounts(MountInstaller installer, CgroupHost host, boolean cgroupNamespace, String cgroup2Path) {
        this.installer = installer;
        this.sys = installer.sys();
        this.paths = installer.paths();
        this.host = host;
        this.cgroupNamespace = cgroupNamespace;
        this.cgroup2Path = cgroup2Path;
    }

    void mount(ConfigMount m) {
        if (host.unified()) {
            mountV2(m);
        } else {
            mountV1(m);
        }
    }

    private void mountV2(ConfigMount m) {
        String dest = m.cleanDestination();
        ProcMountGuard.check(sys, m, dest, paths.hostPath(dest));
        int fd = paths.mkdirAll(dest, 0755);
        installer.checkWhereItLands(m, fd);
        try {
            installer.mounter().mountVia(m.source(), m.destination(), RootfsPaths.procFd(fd), "cgroup2", m.flags(),
                    m.options().data());
            return;
        } catch (JruncException e) {
            // a user namespace without its own cgroup namespace may not mount cgroup2: bind the host's instead
            if (!MountInstaller.isErrno(e, Errno.EPERM, Errno.EBUSY)) {
                throw e;
            }
        } finally {
            paths.closeQuietly(fd);
        }
        String source = cgroupNamespace && cgroup2Path != null ? cgroup2Path : HOST_CGROUP_ROOT;
        installer.mountToRootfs(ConfigMount.internal(m.destination(), "bind", source, MS_BIND | m.flags(), "",
                m.options().propagation()));
    }

    private void mountV1(ConfigMount m) {
        List<CgroupHost.V1Hierarchy> hierarchies = host.v1Hierarchies();
        installer.mountToRootfs(ConfigMount.internal(m.destination(), "tmpfs", "tmpfs", DEFAULT_MOUNT_FLAGS, "mode=755",
                m.options().propagation()));
        List<String> merged = new ArrayList<>();
        for (CgroupHost.V1Hierarchy h : hierarchies) {
            String name = GoPath.base(h.mountpoint());
            String dest = GoPath.join(m.destination(), name);
            if (name.contains(",")) {
                merged.add(name);
            }
            if (cgroupNamespace) {
                mountFreshHierarchy(m, dest, name);
            } else {
                installer.mountToRootfs(ConfigMount.internal(dest, "bind", h.ownCgroup(), MS_BIND | MS_REC | m.flags(), "",
                        m.options().propagation()));
            }
        }
        linkMergedControllers(m, merged);
        if ((m.flags() & MS_RDONLY) != 0) {
            // the hierarchies are read-only; so is the tmpfs holding them
            int fd = paths.openPath(m.cleanDestination());
            try {
                installer.mounter().mountVia("", m.destination(), RootfsPaths.procFd(fd), "",
                        DEFAULT_MOUNT_FLAGS | MS_RDONLY | MS_BIND | MS_REMOUNT, "");
            } finally {
                paths.closeQuietly(fd);
            }
        }
    }

    /** In its own cgroup namespace the container gets each hierarchy freshly mounted, rooted at its cgroup. */
    private void mountFreshHierarchy(ConfigMount m, String dest, String name) {
        int fd = paths.mkdirAll(dest, 0755);
        try {
            long flags = DEFAULT_MOUNT_FLAGS | (m.flags() & MS_RDONLY);
            String source = name.equals("systemd") ? "systemd" : "cgroup";
            String data = name.equals("systemd") ? "name=systemd" : name;
            installer.mounter().mountVia(source, dest, RootfsPaths.procFd(fd), "cgroup", flags, data);
        } finally {
            paths.closeQuietly(fd);
        }
    }

    /** "cpu" and "cpuacct" next to "cpu,cpuacct", as symlinks to it, as on the host. */
    private void linkMergedControllers(ConfigMount m, List<String> merged) {
        if (merged.isEmpty()) {
            return;
        }
        int dir = paths.openPath(m.cleanDestination());
        try {
            for (String hierarchy : merged) {
                for (String controller : hierarchy.split(",")) {
                    try {
                        sys.symlinkat(hierarchy, dir, controller);
                    } catch (JruncException e) {
                        if (e.errno() != Errno.EEXIST) {
                            throw Failures.of("symlink " + hierarchy + " "
                                    + paths.hostPath(GoPath.join(m.cleanDestination(), controller)), e);
                        }
                    }
                }
            }
        } finally {
            paths.closeQuietly(dir);
        }
    }
}

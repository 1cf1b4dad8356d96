package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Mount;
import io.jrunc.spec.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jrunc.sys.Linux.MS_PRIVATE;
import static io.jrunc.sys.Linux.MS_REC;
import static io.jrunc.sys.Linux.MS_SLAVE;

/**
 * Everything the rootfs setup needs from a config, checked and converted once, before the
 * container's init is forked (so a bad config fails early, with runc's message).
 *
 * @param rootfs          the rootfs' absolute, clean host path
 * @param readonly        root.readonly
 * @param rootPropagation MS_* flags for "/" (MS_SLAVE|MS_REC unless linux.rootfsPropagation says otherwise)
 * @param noPivot         --no-pivot: MS_MOVE and chroot instead of pivot_root
 * @param mounts          the config's mounts, in order
 * @param devices         device nodes for /dev (runc's defaults plus linux.devices)
 * @param userNamespace   the container has a user namespace: devices are bind-mounted, not made
 * @param cgroupNamespace the container has its own cgroup namespace
 * @param cgroup2Path     the container's cgroup v2 directory on the host, or null (the cgroup2 bind fallback)
 * @param sysctl          linux.sysctl
 * @param readonlyPaths   linux.readonlyPaths
 * @param maskedPaths     linux.maskedPaths
 */
public record RootfsConfig(
        String rootfs,
        boolean readonly,
        long rootPropagation,
        boolean noPivot,
        List<ConfigMount> mounts,
        List<DeviceNode> devices,
        boolean userNamespace,
        boolean cgroupNamespace,
        String cgroup2Path,
        Map<String, String> sysctl,
        List<String> readonlyPaths,
        List<String> maskedPaths) {

    public RootfsConfig {
        mounts = List.copyOf(mounts);
        devices = List.copyOf(devices);
        readonlyPaths = List.copyOf(readonlyPaths);
        maskedPaths = List.copyOf(maskedPaths);
    }

    /**
     * Converts a config the way runc's specconv does.
     *
     * @param spec        the container's config (root must be present)
     * @param bundle      the bundle directory (absolute): relative root.path and bind sources are relative to it
     * @param noPivot     runc's --no-pivot
     * @param cgroup2Path the container's cgroup v2 directory on the host, or null
     */
    public static RootfsConfig of(Spec spec, String bundle, boolean noPivot, String cgroup2Path) {
        if (spec.root() == null || spec.root().path() == null) {
            throw new JruncException("root must be specified");
        }
        String root = spec.root().path();
        String rootfs = root.startsWith("/") ? GoPath.clean(root) : GoPath.join(bundle, root);
        List<ConfigMount> mounts = new ArrayList<>();
        for (Mount m : spec.mounts()) {
            mounts.add(ConfigMount.of(m, bundle));
        }
        Linux linux = spec.linux();
        long propagation = MS_SLAVE | MS_REC;
        List<DeviceNode> devices = DeviceNode.forContainer(List.of());
        boolean userns = false;
        boolean cgroupns = false;
        Map<String, String> sysctl = Map.of();
        List<String> readonlyPaths = List.of();
        List<String> maskedPaths = List.of();
        if (linux != null) {
            String prop = linux.rootfsPropagation();
            if (prop != null && !prop.isEmpty()) {
                Long flags = MountOptions.PROPAGATION.get(prop);
                if (flags == null) {
                    throw new JruncException("rootfsPropagation=" + prop + " is not supported");
                }
                if (noPivot && (flags & MS_PRIVATE) != 0) {
                    throw new JruncException("rootfsPropagation of [r]private is not safe without pivot_root");
                }
                propagation = flags;
            }
            devices = DeviceNode.forContainer(linux.devices());
            userns = linux.namespace("user") != null;
            cgroupns = linux.namespace("cgroup") != null;
            sysctl = linux.sysctl();
            readonlyPaths = linux.readonlyPaths();
            maskedPaths = linux.maskedPaths();
        }
        return new RootfsConfig(rootfs, spec.root().readonly(), propagation, noPivot, mounts, devices,
                userns, cgroupns, cgroup2Path, sysctl, readonlyPaths, maskedPaths);
    }

    /** runc's needsSetupDev: /dev is populated unless the config bind-mounts a /dev of its own. */
    public boolean needsDevSetup() {
        for (ConfigMount m : mounts) {
            if (m.isBind() && m.cleanDestination().equals("/dev")) {
                return false;
            }
        }
        return true;
    }
}

package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.spec.Mount;

import java.util.List;

/**
 * One mount as jrunc performs it (runc's configs.Mount): the OCI mount with its options parsed,
 * "bind" as the type of every bind mount, and a bind source made absolute against the bundle.
 *
 * @param destination the path inside the container, as configured
 * @param type        the filesystem type ("proc", "tmpfs", ...), "bind" for bind mounts, "" when none was given
 * @param source      the source ("proc", a device, or an absolute host path for binds), "" when none
 * @param options     the parsed options
 */
public record ConfigMount(String destination, String type, String source, MountOptions options) {

    /** runc's createLibcontainerMount. Id-mapped mounts are refused: they need user namespaces. */
    public static ConfigMount of(Mount mount, String bundle) {
        MountOptions options = MountOptions.parse(mount.options());
        String type = Failures.nullToEmpty(mount.type());
        String source = Failures.nullToEmpty(mount.source());
        if (options.idmap() || !mount.uidMappings().isEmpty() || !mount.gidMappings().isEmpty()) {
            throw new JruncException("invalid mount destination " + mount.destination()
                    + ": id-mapped mounts (idmap, ridmap, uidMappings, gidMappings) are not supported by jrunc yet");
        }
        if (options.isBind()) {
            // any other type is meaningless for a bind mount; runc's rootfs code keys on "bind"
            type = "bind";
            if (!source.startsWith("/")) {
                source = GoPath.join(bundle, source);
            }
        }
        return new ConfigMount(mount.destination(), type, source, options);
    }

    /** A mount jrunc makes up itself (cgroup v1 tmpfs and hierarchies, the cgroup2 fallback). */
    static ConfigMount internal(String destination, String type, String source, long flags, String data, List<Long> propagation) {
        return new ConfigMount(destination, type, source,
                new MountOptions(flags, 0, propagation, 0, 0, data, false, false));
    }

    public long flags() {
        return options.flags();
    }

    public boolean isBind() {
        return options.isBind();
    }

    /** The destination as a clean absolute container path ("/dev/" gives "/dev"). */
    public String cleanDestination() {
        return GoPath.inContainer(destination);
    }
}

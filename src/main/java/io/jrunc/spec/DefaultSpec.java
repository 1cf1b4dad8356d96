package io.jrunc.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The configuration {@code jrunc spec} writes: runc's {@code specconv.Example()} (runc 1.4/1.5),
 * and for {@code --rootless} runc's {@code specconv.ToRootless()} applied to it. Written with
 * {@code Json.writeIndented(SpecWriter.toJson(spec), "\t")} it is member for member what runc
 * writes, except ociVersion, which is jrunc's {@link Spec#VERSION}. The hostname stays "runc":
 * nothing depends on it, and matching runc keeps bundles made by either tool identical.
 */
public final class DefaultSpec {
    private DefaultSpec() {}

    private static final List<String> DEFAULT_CAPABILITIES =
            List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");

    private static final List<String> MASKED_PATHS = List.of(
            "/proc/acpi",
            "/proc/asound",
            "/proc/kcore",
            "/proc/keys",
            "/proc/latency_stats",
            "/proc/timer_list",
            "/proc/timer_stats",
            "/proc/sched_debug",
            "/sys/firmware",
            "/proc/scsi",
            "/sys/devices/virtual/tpm");

    private static final List<String> READONLY_PATHS =
            List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /**
     * The default configuration.
     *
     * @param rootless        apply runc's rootless conversion
     * @param hostUid         the effective uid mapped to root in the rootless variant (ignored otherwise)
     * @param hostGid         the effective gid mapped to root in the rootless variant (ignored otherwise)
     * @param cgroupNamespace add a cgroup namespace, which runc does when the host runs cgroup v2 only
     */
    public static Spec create(boolean rootless, long hostUid, long hostGid, boolean cgroupNamespace) {
        Spec spec = example(cgroupNamespace);
        return rootless ? toRootless(spec, hostUid, hostGid) : spec;
    }

    /** runc's {@code specconv.Example()}. */
    public static Spec example(boolean cgroupNamespace) {
        Process process = new Process(
                true,
                null,
                Process.User.ROOT,
                List.of("sh"),
                null,
                List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"),
                "/",
                new Process.Capabilities(DEFAULT_CAPABILITIES, DEFAULT_CAPABILITIES, List.of(), DEFAULT_CAPABILITIES, List.of()),
                List.of(new Process.Rlimit("RLIMIT_NOFILE", 1024, 1024)),
                true,
                null, null, null, null, null, null);

        List<Mount> mounts = List.of(
                new Mount("/proc", "proc", "proc", List.of()),
                new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                new Mount("/dev/pts", "devpts", "devpts",
                        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
                new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
                new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", "relatime", "ro")));

        List<Linux.Namespace> namespaces = new ArrayList<>(List.of(
                new Linux.Namespace("pid"),
                new Linux.Namespace("network"),
                new Linux.Namespace("ipc"),
                new Linux.Namespace("uts"),
                new Linux.Namespace("mount")));
        if (cgroupNamespace) {
            namespaces.add(new Linux.Namespace("cgroup"));
        }

        Resources denyAllDevices = new Resources(
                List.of(new Resources.DeviceRule(false, null, null, null, "rwm")),
                null, null, null, null, List.of(), null, null, null);

        Linux linux = new Linux(
                List.of(), List.of(), null, denyAllDevices, null, namespaces, List.of(), null, null, null,
                MASKED_PATHS, READONLY_PATHS, null, null, null, null, null);

        return new Spec(Spec.VERSION, process, new Root("rootfs", true), "runc", null, mounts, null, null, linux);
    }

    /**
     * runc's {@code specconv.ToRootless()}: no network namespace, a user namespace mapping the host
     * ids to root, /sys bind-mounted instead of a new sysfs, no uid=/gid= mount options, no resources.
     */
    public static Spec toRootless(Spec spec, long hostUid, long hostGid) {
        Linux linux = spec.linux();
        List<Linux.Namespace> namespaces = new ArrayList<>();
        for (Linux.Namespace ns : linux.namespaces()) {
            if (!ns.type().equals("network") && !ns.type().equals("user")) {
                namespaces.add(ns);
            }
        }
        namespaces.add(new Linux.Namespace("user"));
        linux = linux.withNamespaces(namespaces)
                .withIdMappings(List.of(new IdMapping(0, hostUid, 1)), List.of(new IdMapping(0, hostGid, 1)))
                .withResources(null);

        List<Mount> mounts = new ArrayList<>();
        for (Mount mount : spec.mounts()) {
            if (cleanPath(mount.destination()).equals("/sys")) {
                mounts.add(new Mount("/sys", "none", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro")));
                continue;
            }
            List<String> options = new ArrayList<>();
            for (String option : mount.options()) {
                if (!option.startsWith("gid=") && !option.startsWith("uid=")) {
                    options.add(option);
                }
            }
            mounts.add(mount.withOptions(options));
        }
        return spec.withLinux(linux).withMounts(mounts);
    }

    /** Enough of Go's filepath.Clean to recognise "/sys" written as "/sys/", "//sys" or "/sys/.". */
    private static String cleanPath(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
                continue;
            }
            parts.add(part);
        }
        return (path.startsWith("/") ? "/" : "") + String.join("/", parts);
    }
}

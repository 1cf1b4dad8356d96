package io.jrunc.spec;

import java.util.List;
import java.util.Map;

/**
 * The Linux section of the configuration.
 *
 * @param uidMappings       user namespace uid ranges
 * @param gidMappings       user namespace gid ranges
 * @param sysctl            sysctl name to value
 * @param resources         cgroup limits, or null
 * @param cgroupsPath       the cgroup path (or systemd slice:prefix:name), or null
 * @param namespaces        namespaces to create or join, in order
 * @param devices           device nodes to provide
 * @param netDevices        host interface name to its settings in the container
 * @param seccomp           the seccomp filter, or null
 * @param rootfsPropagation shared, slave, private, unbindable ... or null
 * @param maskedPaths       paths made unreadable
 * @param readonlyPaths     paths made read-only
 * @param mountLabel        SELinux mount label, or null
 * @param intelRdt          Intel RDT settings, or null
 * @param personality       personality(2) settings, or null
 * @param timeOffsets       clock name (monotonic, boottime) to its offset in a time namespace
 * @param memoryPolicy      set_mempolicy(2) settings, or null
 */
public record Linux(
        List<IdMapping> uidMappings,
        List<IdMapping> gidMappings,
        Map<String, String> sysctl,
        Resources resources,
        String cgroupsPath,
        List<Namespace> namespaces,
        List<Device> devices,
        Map<String, NetDevice> netDevices,
        Seccomp seccomp,
        String rootfsPropagation,
        List<String> maskedPaths,
        List<String> readonlyPaths,
        String mountLabel,
        IntelRdt intelRdt,
        Personality personality,
        Map<String, TimeOffset> timeOffsets,
        MemoryPolicy memoryPolicy) {

    public Linux {
        uidMappings = Immutable.list(uidMappings);
        gidMappings = Immutable.list(gidMappings);
        sysctl = Immutable.map(sysctl);
        namespaces = Immutable.list(namespaces);
        devices = Immutable.list(devices);
        netDevices = Immutable.map(netDevices);
        maskedPaths = Immutable.list(maskedPaths);
        readonlyPaths = Immutable.list(readonlyPaths);
        timeOffsets = Immutable.map(timeOffsets);
    }

    public Linux withNamespaces(List<Namespace> newNamespaces) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, newNamespaces, devices,
                netDevices, seccomp, rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt,
                personality, timeOffsets, memoryPolicy);
    }

    public Linux withIdMappings(List<IdMapping> newUidMappings, List<IdMapping> newGidMappings) {
        return new Linux(newUidMappings, newGidMappings, sysctl, resources, cgroupsPath, namespaces, devices,
                netDevices, seccomp, rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt,
                personality, timeOffsets, memoryPolicy);
    }

    public Linux withResources(Resources newResources) {
        return new Linux(uidMappings, gidMappings, sysctl, newResources, cgroupsPath, namespaces, devices,
                netDevices, seccomp, rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt,
                personality, timeOffsets, memoryPolicy);
    }

    /** The namespace entry of the given type, or null when the container inherits that namespace. */
    public Namespace namespace(String type) {
        for (Namespace ns : namespaces) {
            if (ns.type().equals(type)) {
                return ns;
            }
        }
        return null;
    }

    /**
     * @param type pid, network, mount, ipc, uts, user, cgroup or time
     * @param path namespace file to join, or null to create a new namespace
     */
    public record Namespace(String type, String path) {
        public Namespace(String type) {
            this(type, null);
        }
    }

    /**
     * @param path     absolute path inside the container
     * @param type     c, b, u or p
     * @param major    int64
     * @param minor    int64
     * @param fileMode uint32 permission bits, or null
     * @param uid      uint32 owner, or null
     * @param gid      uint32 group, or null
     */
    public record Device(String path, String type, long major, long minor, Long fileMode, Long uid, Long gid) {}

    /** @param name the interface name inside the container, or null to keep the host name */
    public record NetDevice(String name) {}

    /**
     * @param secs     int64 seconds (0 when absent)
     * @param nanosecs uint32 nanoseconds (0 when absent)
     */
    public record TimeOffset(long secs, long nanosecs) {}

    /**
     * @param mode  MPOL_* mode
     * @param nodes NUMA node list such as "0-3,7", or null
     * @param flags MPOL_F_* flags
     */
    public record MemoryPolicy(String mode, String nodes, List<String> flags) {
        public MemoryPolicy {
            flags = Immutable.list(flags);
        }
    }

    /**
     * @param domain LINUX or LINUX32
     * @param flags  personality flags (none defined yet)
     */
    public record Personality(String domain, List<String> flags) {
        public Personality {
            flags = Immutable.list(flags);
        }
    }
}

package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jrunc.sys.Linux.AT_FDCWD;

/**
 * Where the host mounts its cgroup hierarchies and where this process sits in them, read from
 * /proc/self/mountinfo and /proc/self/cgroup as runc does.
 *
 * <ul>
 *   <li>{@link Kind#V2}: a cgroup2 mount at the cgroup root (/sys/fs/cgroup), the only one used.</li>
 *   <li>{@link Kind#V1}: one cgroup (v1) mount per hierarchy, e.g. /sys/fs/cgroup/memory.</li>
 *   <li>{@link Kind#HYBRID}: v1 hierarchies and a cgroup2 mount elsewhere (/sys/fs/cgroup/unified)
 *       that holds no controllers; runc makes the container's directory there too.</li>
 * </ul>
 *
 * @param kind       which of the three
 * @param v1         per v1 subsystem ("memory", "cpu", "name=systemd", ...) the first mount of its
 *                   hierarchy; empty on V2
 * @param unified    the cgroup2 mount, or null on pure V1
 * @param ownCgroups this process's cgroup per subsystem, the cgroup2 one under "" (from
 *                   /proc/self/cgroup: "4:memory:/user.slice" and "0::/user.slice")
 */
public record CgroupLayout(Kind kind, Map<String, Mount> v1, Mount unified, Map<String, String> ownCgroups) {

    /** The cgroup root of every Linux distribution; a cgroup2 mount here means pure v2. */
    public static final String DEFAULT_ROOT = "/sys/fs/cgroup";

    public enum Kind { V1, V2, HYBRID }

    /**
     * One mounted hierarchy.
     *
     * @param mountpoint where it is mounted ("/sys/fs/cgroup/cpu,cpuacct")
     * @param root       which of its cgroups the mount shows (field 4 of mountinfo, "/" normally)
     */
    public record Mount(String mountpoint, String root) {}

    public CgroupLayout {
        v1 = Collections.unmodifiableMap(new LinkedHashMap<>(v1));
        ownCgroups = Collections.unmodifiableMap(new LinkedHashMap<>(ownCgroups));
    }

    /** The layout of this host, read from this process's /proc files. */
    public static CgroupLayout detect(Syscalls sys) {
        return parse(readProc(sys, "/proc/self/mountinfo"), readProc(sys, "/proc/self/cgroup"), DEFAULT_ROOT);
    }

    /**
     * The layout described by the texts of /proc/self/mountinfo and /proc/self/cgroup.
     * {@code cgroupRoot} is the directory whose cgroup2 mount makes a host pure v2; tests point
     * it at a temporary directory.
     */
    public static CgroupLayout parse(String mountinfo, String procSelfCgroup, String cgroupRoot) {
        Map<String, String> own = parseProcCgroup(procSelfCgroup);
        Map<String, Mount> v1 = new LinkedHashMap<>();
        List<Mount> cgroup2 = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            MountLine m = MountLine.parse(line);
            if (m == null) {
                continue;
            }
            if (m.fsType.equals("cgroup2")) {
                cgroup2.add(new Mount(m.mountpoint, m.root));
            } else if (m.fsType.equals("cgroup")) {
                // the first mount of a hierarchy wins, as in runc's GetCgroupMounts(false)
                for (String option : m.superOptions.split(",")) {
                    if (own.containsKey(option) && !v1.containsKey(option)) {
                        v1.put(option, new Mount(m.mountpoint, m.root));
                    }
                }
            }
        }
        String root = GoPaths.clean(cgroupRoot);
        for (Mount m : cgroup2) {
            if (m.mountpoint.equals(root)) {
                return new CgroupLayout(Kind.V2, Map.of(), m, own);
            }
        }
        if (!v1.isEmpty()) {
            Mount hybrid = null;
            for (Mount m : cgroup2) {
                if (hybrid == null || m.mountpoint.equals(root + "/unified")) {
                    hybrid = m;
                }
            }
            return new CgroupLayout(hybrid == null ? Kind.V1 : Kind.HYBRID, v1, hybrid, own);
        }
        if (!cgroup2.isEmpty()) {
            return new CgroupLayout(Kind.V2, Map.of(), cgroup2.getFirst(), own);
        }
        throw new JruncException("no cgroup mount found in mountinfo");
    }

    /** A pure v2 host with the cgroup2 mount at {@code mountpoint} and this process in {@code ownCgroup}. */
    public static CgroupLayout v2(String mountpoint, String ownCgroup) {
        return new CgroupLayout(Kind.V2, Map.of(), new Mount(mountpoint, "/"), Map.of("", ownCgroup));
    }

    /** A pure v1 host: subsystem to mountpoint, this process in "/" of each hierarchy. */
    public static CgroupLayout v1(Map<String, String> mountpoints) {
        return legacy(Kind.V1, mountpoints, null);
    }

    /** A hybrid host: v1 hierarchies plus the controller-less cgroup2 mount at {@code unifiedMountpoint}. */
    public static CgroupLayout hybrid(Map<String, String> mountpoints, String unifiedMountpoint) {
        return legacy(Kind.HYBRID, mountpoints, unifiedMountpoint);
    }

    private static CgroupLayout legacy(Kind kind, Map<String, String> mountpoints, String unified) {
        Map<String, Mount> v1 = new LinkedHashMap<>();
        Map<String, String> own = new LinkedHashMap<>();
        mountpoints.forEach((subsystem, mountpoint) -> {
            v1.put(subsystem, new Mount(mountpoint, "/"));
            own.put(subsystem, "/");
        });
        if (unified != null) {
            own.put("", "/");
        }
        return new CgroupLayout(kind, v1, unified == null ? null : new Mount(unified, "/"), own);
    }

    /** /proc/PID/cgroup as subsystem to path; the cgroup2 line ("0::/x") is under "". */
    static Map<String, String> parseProcCgroup(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(":", 3);
            if (parts.length < 3) {
                throw new JruncException("invalid cgroup entry: must contain at least two colons: " + line);
            }
            for (String subsystem : parts[1].split(",", -1)) {
                out.put(subsystem, parts[2]);
            }
        }
        return out;
    }

    private static String readProc(Syscalls sys, String path) {
        try {
            return SysFiles.readString(sys, AT_FDCWD, path);
        } catch (JruncException e) {
            throw e.withContext("read cgroup layout");
        }
    }

    /** The fields of one mountinfo line that matter here; octal escapes (\040) undone. */
    private record MountLine(String root, String mountpoint, String fsType, String superOptions) {
        static MountLine parse(String line) {
            String[] f = line.trim().split(" ");
            int dash = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    dash = i;
                    break;
                }
            }
            if (dash < 0 || dash + 1 >= f.length) {
                return null;
            }
            String superOptions = dash + 3 < f.length ? f[dash + 3] : "";
            return new MountLine(unescape(f[3]), unescape(f[4]), f[dash + 1], superOptions);
        }

        private static String unescape(String s) {
            if (s.indexOf('\\') < 0) {
                return s;
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' && isOctal(s, i + 1)) {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }

        private static boolean isOctal(String s, int from) {
            if (from + 3 > s.length()) {
                return false;
            }
            for (int i = from; i < from + 3; i++) {
                if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                    return false;
                }
            }
            return true;
        }
    }
}

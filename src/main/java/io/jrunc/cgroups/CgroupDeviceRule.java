package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.sys.GoQuote;
import io.jrunc.spec.Resources;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One device cgroup rule as runc keeps it: type 'a', 'b' or 'c', major and minor with -1 for
 * "any", permissions among r, w, m.
 */
public record CgroupDeviceRule(char type, long major, long minor, String permissions, boolean allow) {
    public static final long WILDCARD = -1;

    /**
     * The devices every runc container may use unless the config replaces them: mknod of any
     * device, the /dev basics, ptys and tun (runc's specconv.AllowedDevices, in its order), with
     * the path runc matches against linux.devices to let a config override one.
     */
    public static final List<Allowed> RUNC_ALLOWED_DEVICES = List.of(
            new Allowed(null, new CgroupDeviceRule('c', WILDCARD, WILDCARD, "m", true)),
            new Allowed(null, new CgroupDeviceRule('b', WILDCARD, WILDCARD, "m", true)),
            new Allowed("/dev/null", new CgroupDeviceRule('c', 1, 3, "rwm", true)),
            new Allowed("/dev/random", new CgroupDeviceRule('c', 1, 8, "rwm", true)),
            new Allowed("/dev/full", new CgroupDeviceRule('c', 1, 7, "rwm", true)),
            new Allowed("/dev/tty", new CgroupDeviceRule('c', 5, 0, "rwm", true)),
            new Allowed("/dev/zero", new CgroupDeviceRule('c', 1, 5, "rwm", true)),
            new Allowed("/dev/urandom", new CgroupDeviceRule('c', 1, 9, "rwm", true)),
            new Allowed(null, new CgroupDeviceRule('c', 136, WILDCARD, "rwm", true)),
            new Allowed(null, new CgroupDeviceRule('c', 5, 2, "rwm", true)),
            new Allowed(null, new CgroupDeviceRule('c', 10, 200, "rwm", true)));

    /** A default device rule and the device node path it belongs to (null for pure rules). */
    public record Allowed(String path, CgroupDeviceRule rule) {}

    /**
     * The rule list runc builds for a container: the config's linux.resources.devices in order,
     * then {@link #RUNC_ALLOWED_DEVICES} except those whose path is also in linux.devices.
     */
    public static List<CgroupDeviceRule> forContainer(List<Resources.DeviceRule> specRules,
                                                     Collection<String> specDevicePaths) {
        List<CgroupDeviceRule> out = new ArrayList<>(fromSpec(specRules));
        for (Allowed a : RUNC_ALLOWED_DEVICES) {
            if (a.path() == null || !specDevicePaths.contains(a.path())) {
                out.add(a.rule());
            }
        }
        return out;
    }

    /** linux.resources.devices as runc reads them: absent type is "a", absent numbers are wildcards. */
    public static List<CgroupDeviceRule> fromSpec(List<Resources.DeviceRule> specRules) {
        List<CgroupDeviceRule> out = new ArrayList<>();
        for (int i = 0; i < specRules.size(); i++) {
            Resources.DeviceRule d = specRules.get(i);
            String type = d.type() == null || d.type().isEmpty() ? "a" : d.type();
            if (!type.equals("a") && !type.equals("b") && !type.equals("c")) {
                throw new JruncException("invalid cgroup device type " + GoQuote.quote(type));
            }
            if (d.access() == null || d.access().isEmpty()) {
                throw new JruncException("device access at " + i + " field cannot be empty");
            }
            out.add(new CgroupDeviceRule(type.charAt(0),
                    d.major() == null ? WILDCARD : d.major(),
                    d.minor() == null ? WILDCARD : d.minor(),
                    d.access(), d.allow()));
        }
        return out;
    }

    /** The devices.allow/devices.deny line: "c 1:3 rwm", "a *:* rwm". */
    public String cgroupString() {
        return type + " " + number(major) + ":" + number(minor) + " " + permissions;
    }

    private static String number(long n) {
        return n == WILDCARD ? "*" : Long.toString(n);
    }

    // ---- permissions as bit sets, printed in runc's r, w, m order ----

    static final int READ = 1;
    static final int WRITE = 2;
    static final int MKNOD = 4;

    static int permissionBits(String permissions) {
        int bits = 0;
        for (int i = 0; i < permissions.length(); i++) {
            switch (permissions.charAt(i)) {
                case 'r' -> bits |= READ;
                case 'w' -> bits |= WRITE;
                case 'm' -> bits |= MKNOD;
                default -> { } // runc ignores other letters too
            }
        }
        return bits;
    }

    static String permissionString(int bits) {
        return ((bits & READ) != 0 ? "r" : "") + ((bits & WRITE) != 0 ? "w" : "") + ((bits & MKNOD) != 0 ? "m" : "");
    }
}

package io.jrunc.cgroups;

import io.jrunc.JruncException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.jrunc.cgroups.CgroupDeviceRule.WILDCARD;
import static io.jrunc.cgroups.CgroupDeviceRule.permissionBits;
import static io.jrunc.cgroups.CgroupDeviceRule.permissionString;

/**
 * A model of the v1 devices controller: a default (allow-all "black-list" or deny-all
 * "white-list") plus exceptions. As in runc it turns a rule list into the state it produces,
 * the minimal writes from one state to another (so "runc update" does not briefly deny every
 * device), and the clean rule list the v2 eBPF program is compiled from.
 */
final class DeviceEmulator {
    private boolean defaultAllow;
    private final Map<Meta, Integer> rules = new HashMap<>();

    /**
     * Which devices an exception matches; type is 'b' or 'c'. A map key: equals and hashCode are
     * spelled out, as the native image runs a record's generated ones through interpreted method handles.
     */
    record Meta(char type, long major, long minor) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Meta m && m.type == type && m.major == major && m.minor == minor;
        }

        @Override
        public int hashCode() {
            return (31 * type + Long.hashCode(major)) * 31 + Long.hashCode(minor);
        }
    }

    /** The state the rules produce, starting from deny-all. */
    static DeviceEmulator of(List<CgroupDeviceRule> rules) {
        DeviceEmulator e = new DeviceEmulator();
        for (CgroupDeviceRule r : rules) {
            e.apply(r);
        }
        return e;
    }

    /** The state a devices.list shows; a black-list cannot be read back and counts as allow-all. */
    static DeviceEmulator fromList(String devicesList) {
        DeviceEmulator e = new DeviceEmulator();
        for (String line : devicesList.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("[ :]");
            if (f.length != 4) {
                throw new JruncException("malformed devices.list rule " + line);
            }
            if (f[0].equals("a")) {
                e.reset(true);
                continue;
            }
            if (!f[0].equals("b") && !f[0].equals("c")) {
                throw new JruncException("error parsing line \"" + line + "\": unknown device type \"" + f[0] + "\"");
            }
            e.allow(new Meta(f[0].charAt(0), parseNumber(f[1]), parseNumber(f[2])), permissionBits(f[3]));
        }
        return e;
    }

    private static long parseNumber(String s) {
        return s.equals("*") ? WILDCARD : Long.parseLong(s);
    }

    boolean isBlacklist() {
        return defaultAllow;
    }

    void apply(CgroupDeviceRule rule) {
        if (rule.type() == 'a') {
            reset(rule.allow()); // any 'a' rule is all-or-nothing, as in the kernel
            return;
        }
        Meta meta = new Meta(rule.type(), rule.major(), rule.minor());
        int bits = permissionBits(rule.permissions());
        if (rule.allow()) {
            allow(meta, bits);
        } else {
            deny(meta, bits);
        }
    }

    private void reset(boolean allowAll) {
        defaultAllow = allowAll;
        rules.clear();
    }

    private void allow(Meta meta, int bits) {
        if (defaultAllow) {
            remove(meta, bits);
        } else {
            add(meta, bits);
        }
    }

    private void deny(Meta meta, int bits) {
        if (defaultAllow) {
            add(meta, bits);
        } else {
            remove(meta, bits);
        }
    }

    private void add(Meta meta, int bits) {
        rules.merge(meta, bits, (a, b) -> a | b);
    }

    private void remove(Meta meta, int bits) {
        // the kernel silently ignores removing part of a wildcard exception; runc refuses instead
        for (Meta partial : List.of(new Meta(meta.type, WILDCARD, meta.minor), new Meta(meta.type, meta.major, WILDCARD),
                new Meta(meta.type, WILDCARD, WILDCARD))) {
            if (partial.equals(meta)) {
                continue;
            }
            int overlap = rules.getOrDefault(partial, 0) & bits;
            if (overlap != 0) {
                throw new JruncException("requested rule [" + describe(meta, bits) + "] not supported by devices cgroupv1 "
                        + "(cannot punch hole in existing wildcard rule [" + describe(partial, rules.get(partial)) + "])");
            }
        }
        int left = rules.getOrDefault(meta, 0) & ~bits;
        if (left == 0) {
            rules.remove(meta);
        } else {
            rules.put(meta, left);
        }
    }

    private static String describe(Meta m, int bits) {
        return new CgroupDeviceRule(m.type, m.major, m.minor, permissionString(bits), true).cgroupString();
    }

    /**
     * The writes that take a cgroup from this state to {@code target}: a disruptive "a" rule
     * only when the default differs (or this is a black-list, whose exceptions cannot be known),
     * then removals of lost permissions, then additions, each in (major, minor, type) order.
     */
    List<CgroupDeviceRule> transition(DeviceEmulator target) {
        List<CgroupDeviceRule> out = new ArrayList<>();
        Map<Meta, Integer> old = rules;
        if (defaultAllow || defaultAllow != target.defaultAllow) {
            out.add(new CgroupDeviceRule('a', WILDCARD, WILDCARD, "rwm", target.defaultAllow));
            old = Map.of();
        }
        for (Meta meta : ordered(old)) {
            int dropped = old.get(meta) & ~target.rules.getOrDefault(meta, 0);
            if (dropped != 0) {
                out.add(rule(meta, dropped, target.defaultAllow));
            }
        }
        for (Meta meta : ordered(target.rules)) {
            int gained = target.rules.get(meta) & ~old.getOrDefault(meta, 0);
            if (gained != 0) {
                out.add(rule(meta, gained, !target.defaultAllow));
            }
        }
        return out;
    }

    /** The rules that make this state from deny-all: what the v2 program checks. */
    List<CgroupDeviceRule> cleanRules() {
        return new DeviceEmulator().transition(this);
    }

    private static CgroupDeviceRule rule(Meta meta, int bits, boolean allow) {
        return new CgroupDeviceRule(meta.type, meta.major, meta.minor, permissionString(bits), allow);
    }

    private static List<Meta> ordered(Map<Meta, Integer> rules) {
        List<Meta> out = new ArrayList<>(rules.keySet());
        out.sort(Comparator.comparingLong(Meta::major).thenComparingLong(Meta::minor).thenComparingInt(Meta::type));
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceEmulator e && e.defaultAllow == defaultAllow && e.rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(defaultAllow, rules);
    }
}

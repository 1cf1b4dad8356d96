package io.jrunc.container.process;

import io.jrunc.spec.Process;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.List;

/**
 * The five capability sets the container process ends up with, as masks (bit N = capability N),
 * and the kernel calls they turn into: which bounding capabilities to drop, what capset(2) gets,
 * which ambient capabilities to raise.
 */
public record CapabilityPlan(long bounding, long effective, long permitted, long inheritable, long ambient) {

    /** No capabilities at all: what runc applies when the config has no "capabilities" object. */
    public static final CapabilityPlan NONE = new CapabilityPlan(0, 0, 0, 0, 0);

    /**
     * The plan for {@code process.capabilities}; null gives {@link #NONE}, as in runc. Every name is
     * checked first: an unknown one fails naming its JSON path.
     */
    public static CapabilityPlan of(Process.Capabilities caps) {
        if (caps == null) {
            return NONE;
        }
        String at = "process.capabilities.";
        return new CapabilityPlan(
                CapabilityNames.mask(caps.bounding(), at + "bounding"),
                CapabilityNames.mask(caps.effective(), at + "effective"),
                CapabilityNames.mask(caps.permitted(), at + "permitted"),
                CapabilityNames.mask(caps.inheritable(), at + "inheritable"),
                CapabilityNames.mask(caps.ambient(), at + "ambient"));
    }

    /**
     * The same plan without capabilities the running kernel lacks (numbers above {@code lastCap}):
     * runc ignores those, with a warning ({@link #unavailableWarning}).
     */
    public CapabilityPlan limitedTo(int lastCap) {
        long known = CapabilityNames.upTo(lastCap);
        return new CapabilityPlan(bounding & known, effective & known, permitted & known,
                inheritable & known, ambient & known);
    }

    /** runc's warning naming the capabilities above {@code lastCap}, sorted by name; null when there are none. */
    public String unavailableWarning(int lastCap) {
        long unknown = (bounding | effective | permitted | inheritable | ambient) & ~CapabilityNames.upTo(lastCap);
        if (unknown == 0) {
            return null;
        }
        List<String> names = new ArrayList<>(CapabilityNames.names(unknown));
        names.sort(null);
        return "ignoring unknown or unavailable capabilities: [" + String.join(" ", names) + "]";
    }

    /** Capabilities 0..lastCap to remove from the bounding set (PR_CAPBSET_DROP), ascending. */
    public List<Integer> boundingDrops(int lastCap) {
        return CapabilityNames.numbers(~bounding, lastCap);
    }

    /** Capabilities 0..lastCap to raise in the ambient set (PR_CAP_AMBIENT_RAISE), ascending. */
    public List<Integer> ambientRaises(int lastCap) {
        return CapabilityNames.numbers(ambient, lastCap);
    }

    /** What capset(2) gets. */
    public Syscalls.CapabilitySets capsetSets() {
        return new Syscalls.CapabilitySets(effective, permitted, inheritable);
    }
}

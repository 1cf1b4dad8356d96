package io.jrunc.cgroups;

import io.jrunc.JruncException;

import java.util.ArrayList;
import java.util.List;

/**
 * The BPF_PROG_TYPE_CGROUP_DEVICE program that enforces device rules on cgroup v2, laid out as
 * runc's devicefilter package does (itself after crun): load the access request into registers,
 * then one block per rule that returns the rule's verdict when type, access, major and minor
 * match, else falls through to the next block; the last block returns the default.
 *
 * <p>The context is struct bpf_cgroup_dev_ctx {u32 access_type (type in the low 16 bits, access
 * in the high 16); u32 major; u32 minor}. Registers: r2 type, r3 access, r4 major, r5 minor.
 */
public record DeviceFilterProgram(List<BpfInstruction> instructions) {
    /** The license the kernel is told; runc's program is Apache-2.0 too. */
    public static final String LICENSE = "Apache";

    static final int DEV_BLOCK = 1; // BPF_DEVCG_DEV_BLOCK
    static final int DEV_CHAR = 2; // BPF_DEVCG_DEV_CHAR
    static final int ACC_MKNOD = 1; // BPF_DEVCG_ACC_MKNOD
    static final int ACC_READ = 2; // BPF_DEVCG_ACC_READ
    static final int ACC_WRITE = 4; // BPF_DEVCG_ACC_WRITE

    public DeviceFilterProgram {
        instructions = List.copyOf(instructions);
    }

    /** Compiles the rules, first normalised through the v1 emulator so both versions agree. */
    public static DeviceFilterProgram compile(List<CgroupDeviceRule> rules) {
        DeviceEmulator emulator = DeviceEmulator.of(rules);
        boolean defaultAllow = emulator.isBlacklist();
        List<BpfInstruction> out = new ArrayList<>(List.of(
                BpfInstruction.loadWord(2, 1, 0),
                BpfInstruction.and32(2, 0xFFFF),
                BpfInstruction.loadWord(3, 1, 0),
                BpfInstruction.rsh32(3, 16),
                BpfInstruction.loadWord(4, 1, 4),
                BpfInstruction.loadWord(5, 1, 8)));
        List<CgroupDeviceRule> clean = emulator.cleanRules();
        for (int i = 0; i < clean.size(); i++) {
            CgroupDeviceRule rule = clean.get(i);
            if (rule.type() == 'a') {
                // only the leading rule that sets the default may be a wildcard
                if (i != 0 || rule.allow() != defaultAllow) {
                    throw new JruncException("[internal error] emulated cgroupv2 devices ruleset had bad wildcard at idx "
                            + i + " (" + rule.cgroupString() + ")");
                }
                continue;
            }
            out.addAll(block(rule));
        }
        out.add(BpfInstruction.movImm32(0, defaultAllow ? 1 : 0));
        out.add(BpfInstruction.exit());
        return new DeviceFilterProgram(out);
    }

    /** One rule's block; its jumps go just past its end, to the next block. */
    private static List<BpfInstruction> block(CgroupDeviceRule rule) {
        int type = switch (rule.type()) {
            case 'c' -> DEV_CHAR;
            case 'b' -> DEV_BLOCK;
            default -> throw new JruncException("invalid type '" + rule.type() + "'");
        };
        if (rule.major() > 0xFFFFFFFFL) {
            throw new JruncException("invalid major " + rule.major());
        }
        if (rule.minor() > 0xFFFFFFFFL) {
            throw new JruncException("invalid minor " + rule.minor());
        }
        int access = 0;
        for (char c : rule.permissions().toCharArray()) {
            access |= switch (c) {
                case 'r' -> ACC_READ;
                case 'w' -> ACC_WRITE;
                case 'm' -> ACC_MKNOD;
                default -> throw new JruncException("unknown device access " + (int) c);
            };
        }
        List<BpfInstruction> b = new ArrayList<>();
        b.add(BpfInstruction.jneImm(2, type, 0));
        if (access != (ACC_READ | ACC_WRITE | ACC_MKNOD)) {
            // the request's access must be a subset of the rule's: (r3 & access) == r3
            b.add(BpfInstruction.mov32(1, 3));
            b.add(BpfInstruction.and32(1, access));
            b.add(BpfInstruction.jneReg(1, 3, 0));
        }
        if (rule.major() >= 0) {
            b.add(BpfInstruction.jneImm(4, (int) rule.major(), 0));
        }
        if (rule.minor() >= 0) {
            b.add(BpfInstruction.jneImm(5, (int) rule.minor(), 0));
        }
        b.add(BpfInstruction.movImm32(0, rule.allow() ? 1 : 0));
        b.add(BpfInstruction.exit());
        int end = b.size();
        for (int i = 0; i < end; i++) {
            if (b.get(i).isJump()) {
                b.set(i, b.get(i).withOffset(end - (i + 1)));
            }
        }
        return b;
    }

    /** The program as bpf(BPF_PROG_LOAD) takes it: 8 bytes per instruction. */
    public byte[] bytes() {
        byte[] out = new byte[instructions.size() * 8];
        for (int i = 0; i < instructions.size(); i++) {
            instructions.get(i).encode(out, i * 8);
        }
        return out;
    }
}

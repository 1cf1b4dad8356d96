package io.jrunc.cgroups;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.jrunc.cgroups.CgroupDeviceRule.WILDCARD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The eBPF device program: runc's exact instruction listing, its encoding, and what it decides. */
class CgroupDeviceFilterTest {
    private static final int BLOCK = 1;
    private static final int CHAR = 2;
    private static final int MKNOD = 1;
    private static final int READ = 2;
    private static final int WRITE = 4;

    /** The listing of runc's TestDeviceFilter_BuiltInAllowList (devicefilter_test.go), labels and all. */
    private static final String RUNC_BUILT_IN_ALLOW_LIST = """
            0: LdXMemW dst: r2 src: r1 off: 0 imm: 0
            1: AndImm32 dst: r2 imm: 65535
            2: LdXMemW dst: r3 src: r1 off: 0 imm: 0
            3: RShImm32 dst: r3 imm: 16
            4: LdXMemW dst: r4 src: r1 off: 4 imm: 0
            5: LdXMemW dst: r5 src: r1 off: 8 imm: 0
            block-0:
            6: JNEImm dst: r2 off: -1 imm: 1 <block-1>
            7: MovReg32 dst: r1 src: r3
            8: AndImm32 dst: r1 imm: 1
            9: JNEReg dst: r1 off: -1 src: r3 <block-1>
            10: MovImm32 dst: r0 imm: 1
            11: Exit
            block-1:
            12: JNEImm dst: r2 off: -1 imm: 2 <block-2>
            13: MovReg32 dst: r1 src: r3
            14: AndImm32 dst: r1 imm: 1
            15: JNEReg dst: r1 off: -1 src: r3 <block-2>
            16: MovImm32 dst: r0 imm: 1
            17: Exit
            block-2:
            18: JNEImm dst: r2 off: -1 imm: 2 <block-3>
            19: JNEImm dst: r4 off: -1 imm: 1 <block-3>
            20: JNEImm dst: r5 off: -1 imm: 3 <block-3>
            21: MovImm32 dst: r0 imm: 1
            22: Exit
            block-3:
            23: JNEImm dst: r2 off: -1 imm: 2 <block-4>
            24: JNEImm dst: r4 off: -1 imm: 1 <block-4>
            25: JNEImm dst: r5 off: -1 imm: 5 <block-4>
            26: MovImm32 dst: r0 imm: 1
            27: Exit
            block-4:
            28: JNEImm dst: r2 off: -1 imm: 2 <block-5>
            29: JNEImm dst: r4 off: -1 imm: 1 <block-5>
            30: JNEImm dst: r5 off: -1 imm: 7 <block-5>
            31: MovImm32 dst: r0 imm: 1
            32: Exit
            block-5:
            33: JNEImm dst: r2 off: -1 imm: 2 <block-6>
            34: JNEImm dst: r4 off: -1 imm: 1 <block-6>
            35: JNEImm dst: r5 off: -1 imm: 8 <block-6>
            36: MovImm32 dst: r0 imm: 1
            37: Exit
            block-6:
            38: JNEImm dst: r2 off: -1 imm: 2 <block-7>
            39: JNEImm dst: r4 off: -1 imm: 1 <block-7>
            40: JNEImm dst: r5 off: -1 imm: 9 <block-7>
            41: MovImm32 dst: r0 imm: 1
            42: Exit
            block-7:
            43: JNEImm dst: r2 off: -1 imm: 2 <block-8>
            44: JNEImm dst: r4 off: -1 imm: 5 <block-8>
            45: JNEImm dst: r5 off: -1 imm: 0 <block-8>
            46: MovImm32 dst: r0 imm: 1
            47: Exit
            block-8:
            48: JNEImm dst: r2 off: -1 imm: 2 <block-9>
            49: JNEImm dst: r4 off: -1 imm: 5 <block-9>
            50: JNEImm dst: r5 off: -1 imm: 2 <block-9>
            51: MovImm32 dst: r0 imm: 1
            52: Exit
            block-9:
            53: JNEImm dst: r2 off: -1 imm: 2 <block-10>
            54: JNEImm dst: r4 off: -1 imm: 10 <block-10>
            55: JNEImm dst: r5 off: -1 imm: 200 <block-10>
            56: MovImm32 dst: r0 imm: 1
            57: Exit
            block-10:
            58: JNEImm dst: r2 off: -1 imm: 2 <block-11>
            59: JNEImm dst: r4 off: -1 imm: 136 <block-11>
            60: MovImm32 dst: r0 imm: 1
            61: Exit
            block-11:
            62: MovImm32 dst: r0 imm: 0
            63: Exit
            """;

    @Test
    void runcsDefaultDevicesCompileToRuncsProgram() {
        List<CgroupDeviceRule> defaults = CgroupDeviceRule.forContainer(List.of(), List.of());
        assertEquals(RUNC_BUILT_IN_ALLOW_LIST.strip(), listing(DeviceFilterProgram.compile(defaults)));
    }

    @Test
    void noRulesDenyEverythingAndAllowAllAllowsEverything() {
        assertEquals(0, BpfInterpreter.run(DeviceFilterProgram.compile(List.of()).bytes(), CHAR, READ, 1, 3));
        byte[] all = DeviceFilterProgram.compile(List.of(new CgroupDeviceRule('a', WILDCARD, WILDCARD, "rwm", true))).bytes();
        assertEquals(8 * 8, all.length); // six loads, mov, exit
        assertEquals(1, BpfInterpreter.run(all, BLOCK, WRITE, 8, 0));
    }

    @Test
    void instructionsAreEncodedAsStructBpfInsn() {
        byte[] out = new byte[8];
        BpfInstruction.loadWord(4, 1, 4).encode(out, 0);
        assertArrayEquals(new byte[] {0x61, 0x14, 4, 0, 0, 0, 0, 0}, out);
        BpfInstruction.jneImm(5, 200, 3).encode(out, 0);
        assertArrayEquals(new byte[] {0x55, 0x05, 3, 0, (byte) 200, 0, 0, 0}, out);
        BpfInstruction.jneReg(1, 3, -2).encode(out, 0);
        assertArrayEquals(new byte[] {0x5d, 0x31, (byte) 0xfe, (byte) 0xff, 0, 0, 0, 0}, out);
        BpfInstruction.and32(2, 0xFFFF).encode(out, 0);
        assertArrayEquals(new byte[] {0x54, 0x02, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0}, out);
        BpfInstruction.exit().encode(out, 0);
        assertArrayEquals(new byte[] {(byte) 0x95, 0, 0, 0, 0, 0, 0, 0}, out);
    }

    @Test
    void theDefaultProgramDecidesLikeRuncsDefaultsSay() {
        byte[] p = DeviceFilterProgram.compile(CgroupDeviceRule.forContainer(List.of(), List.of())).bytes();
        assertEquals(1, BpfInterpreter.run(p, CHAR, READ | WRITE, 1, 3)); // /dev/null
        assertEquals(0, BpfInterpreter.run(p, CHAR, READ, 1, 4)); // /dev/port
        assertEquals(1, BpfInterpreter.run(p, BLOCK, MKNOD, 8, 0)); // mknod of anything
        assertEquals(0, BpfInterpreter.run(p, BLOCK, READ, 8, 0)); // but not reading a disk
        assertEquals(1, BpfInterpreter.run(p, CHAR, READ | WRITE, 136, 7)); // a pty
        assertEquals(0, BpfInterpreter.run(p, CHAR, READ | WRITE | MKNOD, 10, 229)); // /dev/fuse
    }

    @Test
    void aPrivilegedContainerExceptOneDisk() {
        byte[] p = DeviceFilterProgram.compile(List.of(new CgroupDeviceRule('a', WILDCARD, WILDCARD, "rwm", true),
                new CgroupDeviceRule('b', 8, 0, "rwm", false))).bytes();
        assertEquals(0, BpfInterpreter.run(p, BLOCK, READ, 8, 0));
        assertEquals(1, BpfInterpreter.run(p, BLOCK, READ, 8, 1));
        assertEquals(1, BpfInterpreter.run(p, CHAR, WRITE, 8, 0));
    }

    /** Whatever the rules, the program allows exactly what the emulated v1 controller allows. */
    @Property(tries = 300)
    void programAgreesWithTheEmulatedController(@ForAll("ruleLists") List<CgroupDeviceRule> rules,
                                                @ForAll("requests") int[] request) {
        DeviceEmulator state;
        try {
            state = DeviceEmulator.of(rules);
        } catch (io.jrunc.JruncException e) {
            return; // rules runc refuses (holes in wildcards) have no program
        }
        boolean expected = allows(state, request);
        int got = BpfInterpreter.run(DeviceFilterProgram.compile(rules).bytes(), request[0], request[1], request[2], request[3]);
        assertEquals(expected ? 1 : 0, got, () -> rules + " " + java.util.Arrays.toString(request));
    }

    /** The reference: an exception matches type, numbers (or wildcard) and covers every requested access. */
    private static boolean allows(DeviceEmulator state, int[] request) {
        boolean matched = false;
        for (CgroupDeviceRule r : state.cleanRules()) {
            if (r.type() == 'a') {
                continue;
            }
            int type = r.type() == 'c' ? CHAR : BLOCK;
            int perms = 0;
            for (char c : r.permissions().toCharArray()) {
                perms |= c == 'r' ? READ : c == 'w' ? WRITE : MKNOD;
            }
            if (type == request[0] && (r.major() == WILDCARD || r.major() == request[2])
                    && (r.minor() == WILDCARD || r.minor() == request[3]) && (request[1] & ~perms) == 0) {
                matched = true;
            }
        }
        return matched != state.isBlacklist();
    }

    @Provide
    Arbitrary<List<CgroupDeviceRule>> ruleLists() {
        Arbitrary<CgroupDeviceRule> rule = Combinators.combine(
                Arbitraries.of('a', 'b', 'c', 'c'),
                Arbitraries.of(WILDCARD, 1L, 8L, 136L),
                Arbitraries.of(WILDCARD, 0L, 3L),
                Arbitraries.of("r", "w", "m", "rw", "rwm", "wm"),
                Arbitraries.of(true, false)).as(CgroupDeviceRule::new);
        return rule.list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<int[]> requests() {
        return Combinators.combine(Arbitraries.of(BLOCK, CHAR), Arbitraries.of(READ, WRITE, MKNOD, READ | WRITE),
                Arbitraries.of(1, 8, 136, 5), Arbitraries.of(0, 3, 7)).as((t, a, maj, min) -> new int[] {t, a, maj, min});
    }

    /** cilium/ebpf's text for our instructions, jumps shown as runc's listing shows them: -1 and a label. */
    private static String listing(DeviceFilterProgram program) {
        List<BpfInstruction> insns = program.instructions();
        // a block starts after each exit; the first one after the six loads
        Map<Integer, String> labels = new HashMap<>();
        int block = 0;
        labels.put(6, "block-" + block++);
        for (int i = 6; i < insns.size() - 1; i++) {
            if (insns.get(i).opcode() == 0x95) {
                labels.put(i + 1, "block-" + block++);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < insns.size(); i++) {
            if (labels.containsKey(i)) {
                out.add(labels.get(i) + ":");
            }
            BpfInstruction x = insns.get(i);
            String target = "<" + labels.get(i + 1 + x.offset()) + ">";
            out.add(i + ": " + switch (x.opcode()) {
                case 0x61 -> "LdXMemW dst: r" + x.dst() + " src: r" + x.src() + " off: " + x.offset() + " imm: " + x.imm();
                case 0x54 -> "AndImm32 dst: r" + x.dst() + " imm: " + x.imm();
                case 0x74 -> "RShImm32 dst: r" + x.dst() + " imm: " + x.imm();
                case 0xbc -> "MovReg32 dst: r" + x.dst() + " src: r" + x.src();
                case 0xb4 -> "MovImm32 dst: r" + x.dst() + " imm: " + x.imm();
                case 0x55 -> "JNEImm dst: r" + x.dst() + " off: -1 imm: " + x.imm() + " " + target;
                case 0x5d -> "JNEReg dst: r" + x.dst() + " off: -1 src: r" + x.src() + " " + target;
                case 0x95 -> "Exit";
                default -> "opcode " + x.opcode();
            });
        }
        return String.join("\n", out);
    }
}

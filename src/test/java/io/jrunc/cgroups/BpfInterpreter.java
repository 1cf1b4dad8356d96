package io.jrunc.cgroups;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Runs the encoded bytes of a cgroup device program the way the kernel would, for the few
 * instructions the device filter uses. Decoding the bytes (not the records) checks the encoding
 * too. The context is struct bpf_cgroup_dev_ctx {access_type, major, minor}.
 */
final class BpfInterpreter {
    private BpfInterpreter() {}

    /** 1 allows, 0 denies. */
    static int run(byte[] program, int type, int access, int major, int minor) {
        ByteBuffer ctx = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        ctx.putInt(0, (access << 16) | type).putInt(4, major).putInt(8, minor);
        ByteBuffer code = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        long[] r = new long[11];
        int count = program.length / 8;
        int steps = 0;
        for (int pc = 0; pc < count; pc++) {
            if (++steps > 10_000) {
                throw new IllegalStateException("no exit");
            }
            int at = pc * 8;
            int op = code.get(at) & 0xff;
            int dst = code.get(at + 1) & 0x0f;
            int src = (code.get(at + 1) >> 4) & 0x0f;
            short off = code.getShort(at + 2);
            int imm = code.getInt(at + 4);
            switch (op) {
                case 0x61 -> { // ldxw dst, [src + off]; only the context pointer r1 is ever loaded from
                    if (src != 1 || off < 0 || off > 8) {
                        throw new IllegalStateException("load outside the context at " + pc);
                    }
                    r[dst] = ctx.getInt(off) & 0xffffffffL;
                }
                case 0x54 -> r[dst] = (r[dst] & imm) & 0xffffffffL; // and32 imm
                case 0x74 -> r[dst] = (r[dst] & 0xffffffffL) >>> imm; // rsh32 imm
                case 0xbc -> r[dst] = r[src] & 0xffffffffL; // mov32 reg
                case 0xb4 -> r[dst] = imm & 0xffffffffL; // mov32 imm
                case 0x55 -> { // jne imm (64-bit compare with the sign-extended immediate)
                    if (r[dst] != (long) imm) {
                        pc += off;
                    }
                }
                case 0x5d -> { // jne reg
                    if (r[dst] != r[src]) {
                        pc += off;
                    }
                }
                case 0x95 -> {
                    return (int) r[0];
                }
                default -> throw new IllegalStateException("unexpected opcode 0x" + Integer.toHexString(op) + " at " + pc);
            }
        }
        throw new IllegalStateException("fell off the end");
    }
}

package io.jrunc.cgroups;

/**
 * One eBPF instruction (struct bpf_insn, 8 bytes little-endian: opcode, dst_reg in the low
 * nibble and src_reg in the high nibble, 16-bit offset, 32-bit immediate). Only what the device
 * filter needs.
 */
public record BpfInstruction(int opcode, int dst, int src, short offset, int imm) {
    // instruction classes, operations and sources of the eBPF ISA
    static final int BPF_LDX = 0x01;
    static final int BPF_ALU = 0x04;
    static final int BPF_JMP = 0x05;
    static final int BPF_W = 0x00;
    static final int BPF_MEM = 0x60;
    static final int BPF_K = 0x00;
    static final int BPF_X = 0x08;
    static final int BPF_AND = 0x50;
    static final int BPF_RSH = 0x70;
    static final int BPF_MOV = 0xb0;
    static final int BPF_JNE = 0x50;
    static final int BPF_EXIT = 0x90;

    /** dst = *(u32 *)(src + offset) */
    static BpfInstruction loadWord(int dst, int src, int offset) {
        return new BpfInstruction(BPF_LDX | BPF_MEM | BPF_W, dst, src, (short) offset, 0);
    }

    /** dst = (u32) dst &amp; imm */
    static BpfInstruction and32(int dst, int imm) {
        return new BpfInstruction(BPF_ALU | BPF_AND | BPF_K, dst, 0, (short) 0, imm);
    }

    /** dst = (u32) dst &gt;&gt; imm */
    static BpfInstruction rsh32(int dst, int imm) {
        return new BpfInstruction(BPF_ALU | BPF_RSH | BPF_K, dst, 0, (short) 0, imm);
    }

    /** dst = (u32) src */
    static BpfInstruction mov32(int dst, int src) {
        return new BpfInstruction(BPF_ALU | BPF_MOV | BPF_X, dst, src, (short) 0, 0);
    }

    /** dst = (u32) imm */
    static BpfInstruction movImm32(int dst, int imm) {
        return new BpfInstruction(BPF_ALU | BPF_MOV | BPF_K, dst, 0, (short) 0, imm);
    }

    /** if dst != imm goto pc + 1 + offset */
    static BpfInstruction jneImm(int dst, int imm, int offset) {
        return new BpfInstruction(BPF_JMP | BPF_JNE | BPF_K, dst, 0, (short) offset, imm);
    }

    /** if dst != src goto pc + 1 + offset */
    static BpfInstruction jneReg(int dst, int src, int offset) {
        return new BpfInstruction(BPF_JMP | BPF_JNE | BPF_X, dst, src, (short) offset, 0);
    }

    /** return r0 */
    static BpfInstruction exit() {
        return new BpfInstruction(BPF_JMP | BPF_EXIT, 0, 0, (short) 0, 0);
    }

    boolean isJump() {
        return (opcode & 0x07) == BPF_JMP && (opcode & 0xf0) != BPF_EXIT;
    }

    BpfInstruction withOffset(int newOffset) {
        if (newOffset != (short) newOffset) {
            throw new IllegalArgumentException("jump offset out of range: " + newOffset);
        }
        return new BpfInstruction(opcode, dst, src, (short) newOffset, imm);
    }

    /** The 8 bytes of struct bpf_insn on a little-endian machine. */
    void encode(byte[] out, int at) {
        out[at] = (byte) opcode;
        out[at + 1] = (byte) ((src & 0xf) << 4 | (dst & 0xf));
        out[at + 2] = (byte) offset;
        out[at + 3] = (byte) (offset >> 8);
        out[at + 4] = (byte) imm;
        out[at + 5] = (byte) (imm >> 8);
        out[at + 6] = (byte) (imm >> 16);
        out[at + 7] = (byte) (imm >> 24);
    }
}

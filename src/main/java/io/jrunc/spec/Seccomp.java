package io.jrunc.spec;

import java.util.List;

/**
 * The seccomp filter of the container.
 *
 * @param defaultAction    SCMP_ACT_* taken when no rule matches
 * @param defaultErrnoRet  errno for an SCMP_ACT_ERRNO/SCMP_ACT_TRACE default action, or null
 * @param architectures    SCMP_ARCH_* names
 * @param flags            SECCOMP_FILTER_FLAG_* names
 * @param listenerPath     unix socket of the seccomp agent, or null
 * @param listenerMetadata opaque data sent to the agent, or null
 * @param syscalls         rules, in order
 */
public record Seccomp(
        String defaultAction,
        Long defaultErrnoRet,
        List<String> architectures,
        List<String> flags,
        String listenerPath,
        String listenerMetadata,
        List<Syscall> syscalls) {

    public Seccomp {
        architectures = Immutable.list(architectures);
        flags = Immutable.list(flags);
        syscalls = Immutable.list(syscalls);
    }

    /**
     * @param names    syscall names the rule applies to
     * @param action   SCMP_ACT_*
     * @param errnoRet errno for SCMP_ACT_ERRNO/SCMP_ACT_TRACE, or null
     * @param args     argument conditions, all of which must hold
     */
    public record Syscall(List<String> names, String action, Long errnoRet, List<Arg> args) {
        public Syscall {
            names = Immutable.list(names);
            args = Immutable.list(args);
        }
    }

    /**
     * @param index    argument number (0..5)
     * @param value    unsigned 64-bit
     * @param valueTwo unsigned 64-bit, the mask of SCMP_CMP_MASKED_EQ (0 when absent)
     * @param op       SCMP_CMP_*
     */
    public record Arg(long index, long value, long valueTwo, String op) {}
}

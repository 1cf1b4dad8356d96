package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.spec.Linux;
import io.jrunc.sys.Syscalls;

/** linux.personality: the domain names the runtime-spec defines and the personality(2) call. */
public final class PersonalityDomain {
    private PersonalityDomain() {}

    /** The persona value of an OCI domain ("LINUX", "LINUX32"); anything else fails with runc's message. */
    public static long of(String domain) {
        if ("LINUX".equals(domain)) {
            return io.jrunc.sys.Linux.PER_LINUX;
        }
        if ("LINUX32".equals(domain)) {
            return io.jrunc.sys.Linux.PER_LINUX32;
        }
        throw new JruncException("linux.personality.domain: invalid personality domain " + domain);
    }

    /**
     * runc's warning for flags, which it ignores (the spec defines none yet); null when there are none.
     * Go prints the list as {@code [a b]}.
     */
    public static String flagsWarning(Linux.Personality personality) {
        if (personality == null || personality.flags().isEmpty()) {
            return null;
        }
        return "ignoring unsupported personality flags: [" + String.join(" ", personality.flags())
                + "] because personality flag has not supported at this time";
    }

    /** personality(2) with the domain; nothing when the config has no personality. Flags are ignored, as in runc. */
    public static void apply(Syscalls sys, Linux.Personality personality) {
        if (personality == null) {
            return;
        }
        long persona = of(personality.domain());
        try {
            sys.personality(persona);
        } catch (JruncException e) {
            throw new JruncException(Failures.bare(e), e.errno(), e);
        }
    }
}

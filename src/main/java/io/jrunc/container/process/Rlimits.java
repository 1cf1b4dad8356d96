package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.spec.Process;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.List;

/** process.rlimits: names to resource numbers, and prlimit64(2) for each. */
public final class Rlimits {
    private Rlimits() {}

    /** One limit ready for prlimit64: resource number, soft and hard as unsigned 64-bit patterns. */
    public record Limit(int resource, long soft, long hard) {}

    /**
     * The limits of {@code rlimits}, in order. An unknown type fails with runc's message
     * ({@code wrong rlimit value: RLIMIT_FOO}) behind its JSON path.
     */
    public static List<Limit> resolve(List<Process.Rlimit> rlimits) {
        List<Limit> out = new ArrayList<>(rlimits.size());
        for (int i = 0; i < rlimits.size(); i++) {
            Process.Rlimit r = rlimits.get(i);
            int resource = Linux.rlimitNumber(r.type());
            if (resource < 0) {
                throw new JruncException("process.rlimits[" + i + "].type: wrong rlimit value: " + r.type());
            }
            out.add(new Limit(resource, r.soft(), r.hard()));
        }
        return out;
    }

    /**
     * Sets every limit on {@code pid} (0 = the caller). runc does this from the parent, on the
     * child's pid, once the child is ready: inside a new user namespace the child could no longer
     * raise a hard limit. The message is runc's: {@code error setting rlimit type 7: operation not permitted}.
     */
    public static void apply(Syscalls sys, List<Process.Rlimit> rlimits, int pid) {
        for (Limit limit : resolve(rlimits)) {
            try {
                sys.setrlimit(pid, limit.resource(), limit.soft(), limit.hard());
            } catch (JruncException e) {
                throw Failures.wrap("error setting rlimit type " + limit.resource(), e);
            }
        }
    }
}

package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.spec.Process;
import io.jrunc.spec.Spec;
import io.jrunc.sys.Linux;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives the container process its identity, in the container's init, after the rootfs is in
 * place (pivot_root done). The init calls the steps in runc's order:
 * <ol>
 *   <li>{@link #applyUmask()} (end of runc's finalizeRootfs)</li>
 *   <li>{@link #setHostAndDomainName()}</li>
 *   <li>{@link #setNoNewPrivileges()}</li>
 *   <li>(rlimits: {@link Rlimits#apply} from the parent on the child's pid when it reports ready, as runc;
 *       or {@link #applyRlimits()} here, before any user namespace lowers the privileges)</li>
 *   <li>(seccomp, when noNewPrivileges is off)</li>
 *   <li>{@link #switchIdentity()}: cwd, capabilities, user, environment</li>
 *   <li>{@link #resolveExecutable()}: args[0] looked up as the container's user</li>
 *   <li>(seccomp, when noNewPrivileges is on)</li>
 *   <li>{@link #setPersonality()}</li>
 *   <li>(exec fifo, startContainer hooks, closing inherited fds)</li>
 *   <li>{@link #exec(String)}</li>
 * </ol>
 * {@link #writeOomScoreAdj()} belongs before the process enters a new user namespace (runc does
 * it in nsexec), or the parent uses {@link #writeOomScoreAdj(Syscalls, Process, int)} on the child's
 * pid: lowering the score takes CAP_SYS_RESOURCE in the initial user namespace.
 * The spec must have passed {@link ProcessValidator#validate} in the parent.
 */
public final class ProcessSetup {
    /** runc's umask when process.user.umask is absent. */
    static final int DEFAULT_UMASK = 0022;

    private final Syscalls sys;
    private final Spec spec;
    private final Process process;
    private final boolean rootlessEuid;
    private List<String> env;

    /**
     * @param rootlessEuid jrunc runs without root on the host: additional groups are refused and
     *                     setgroups is skipped, as in runc
     */
    public ProcessSetup(Syscalls sys, Spec spec, boolean rootlessEuid) {
        this.sys = sys;
        this.spec = spec;
        this.process = spec.process();
        this.rootlessEuid = rootlessEuid;
        this.env = process.env();
    }

    /** umask(process.user.umask), 0022 when absent. */
    public void applyUmask() {
        Long umask = process.user().umask();
        sys.umask(umask == null ? DEFAULT_UMASK : (int) (long) umask);
    }

    /** sethostname/setdomainname for the ones the config sets (the validator made sure of a new uts namespace). */
    public void setHostAndDomainName() {
        if (spec.hostname() != null && !spec.hostname().isEmpty()) {
            try {
                sys.sethostname(spec.hostname());
            } catch (JruncException e) {
                throw Failures.wrap("sethostname", e);
            }
        }
        if (spec.domainname() != null && !spec.domainname().isEmpty()) {
            try {
                sys.setdomainname(spec.domainname());
            } catch (JruncException e) {
                throw Failures.wrap("setdomainname", e);
            }
        }
    }

    /** prctl(PR_SET_NO_NEW_PRIVS, 1) when process.noNewPrivileges. */
    public void setNoNewPrivileges() {
        if (!process.noNewPrivileges()) {
            return;
        }
        try {
            sys.prctl(Linux.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        } catch (JruncException e) {
            throw Failures.wrap("prctl(SET_NO_NEW_PRIVS)", e);
        }
    }

    /** prlimit64 on this process for every process.rlimits entry. */
    public void applyRlimits() {
        Rlimits.apply(sys, process.rlimits(), 0);
    }

    /** Writes process.oomScoreAdj to /proc/self/oom_score_adj; nothing when absent. */
    public void writeOomScoreAdj() {
        writeOomScoreAdj(sys, process, 0);
    }

    /**
     * Writes process.oomScoreAdj for {@code pid} (0 = the caller); nothing when absent. From the
     * parent, on the child's pid, this works whatever user namespace the child is in already.
     */
    public static void writeOomScoreAdj(Syscalls sys, Process process, int pid) {
        Integer adj = process.oomScoreAdj();
        if (adj == null) {
            return;
        }
        String path = "/proc/" + (pid == 0 ? "self" : Integer.toString(pid)) + "/oom_score_adj";
        try {
            int fd = sys.openat(Linux.AT_FDCWD, path, Linux.O_WRONLY, 0);
            try {
                SysFiles.writeAll(sys, fd, Integer.toString(adj).getBytes(StandardCharsets.US_ASCII));
            } finally {
                sys.close(fd);
            }
        } catch (JruncException e) {
            throw Failures.wrap("failed to update " + path, e);
        }
    }

    /**
     * runc's finalizeNamespace: cwd, bounding set, user and groups, capabilities, ambient set, and
     * the final environment (HOME added from the container's /etc/passwd when missing). Returns
     * warnings to log (capabilities the kernel lacks).
     */
    public List<String> switchIdentity() {
        List<String> warnings = new ArrayList<>();
        env = new IdentitySwitch(sys, process, rootlessEuid).apply(warnings);
        return warnings;
    }

    /** The environment the process gets: final after {@link #switchIdentity()}. */
    public List<String> environment() {
        return env;
    }

    /** args[0] resolved as Go's exec.LookPath does with the container's PATH; call after {@link #switchIdentity()}. */
    public String resolveExecutable() {
        return new ExecutableLookup(sys).find(process.args().get(0), ProcessEnvironment.lookup(env, "PATH"));
    }

    /** personality(2) for linux.personality, if any. */
    public void setPersonality() {
        PersonalityDomain.apply(sys, spec.linux() == null ? null : spec.linux().personality());
    }

    /** execve(path, args, environment): returns only by throwing ({@code exec /bin/x: permission denied}). */
    public void exec(String path) {
        sys.execve(path, process.args(), env);
    }
}

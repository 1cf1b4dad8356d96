package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.spec.Process;
import io.jrunc.sys.Errno;
import io.jrunc.sys.GoQuote;
import io.jrunc.sys.Linux;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * runc's finalizeNamespace: the working directory, the capability sets and the user, in the only
 * order that works.
 * <ol>
 *   <li>chdir(cwd) while still root (a directory only root can enter); a permission error is retried
 *       as the user, for a directory only the user can enter.</li>
 *   <li>Bounding set: PR_CAPBSET_DROP of every capability not in "bounding", only while CAP_SETPCAP is
 *       effective, i.e. before the uid changes: a non-root uid empties the effective set.</li>
 *   <li>PR_SET_KEEPCAPS 1, so that setresuid away from 0 keeps the permitted set.</li>
 *   <li>The user: stdio ownership, setgroups(additionalGids), setresgid, setresuid (gid first: a
 *       non-root uid could no longer change it).</li>
 *   <li>PR_SET_KEEPCAPS 0, then capset(effective, permitted, inheritable): possible because
 *       the permitted set survived the uid change.</li>
 *   <li>Ambient: PR_CAP_AMBIENT_CLEAR_ALL then RAISE each, which needs the capability permitted
 *       and inheritable, so after capset.</li>
 * </ol>
 */
final class IdentitySwitch {
    static final String CAP_LAST_CAP = "/proc/sys/kernel/cap_last_cap";
    static final String SETGROUPS = "/proc/self/setgroups";

    private final Syscalls sys;
    private final Process process;
    private final boolean rootlessEuid;

    IdentitySwitch(Syscalls sys, Process process, boolean rootlessEuid) {
        this.sys = sys;
        this.process = process;
        this.rootlessEuid = rootlessEuid;
    }

    /**
     * Applies everything and returns the process environment (with HOME filled in).
     * Warnings (capabilities the kernel lacks) are added to {@code warnings}.
     */
    List<String> apply(List<String> warnings) {
        CapabilityPlan requested = CapabilityPlan.of(process.capabilities());
        int lastCap = lastCap();
        String unavailable = requested.unavailableWarning(lastCap);
        if (unavailable != null) {
            warnings.add(unavailable);
        }
        CapabilityPlan caps = requested.limitedTo(lastCap);

        boolean chdirLater = chdirAsRoot();
        dropBounding(caps, lastCap);
        keepCaps(1, "unable to set keep caps");
        List<String> env = setupUser();
        if (chdirLater) {
            chdir();
        }
        keepCaps(0, "unable to clear keep caps");
        applyCaps(caps, lastCap, warnings);
        return env;
    }

    /** The running kernel's highest capability number. */
    int lastCap() {
        try {
            return Integer.parseInt(SysFiles.readString(sys, Linux.AT_FDCWD, CAP_LAST_CAP).strip());
        } catch (JruncException e) {
            throw Failures.pathError("open", CAP_LAST_CAP, e);
        } catch (NumberFormatException e) {
            throw new JruncException("read " + CAP_LAST_CAP + ": " + e.getMessage());
        }
    }

    /** True when chdir must be retried after the user switch (root was refused). */
    private boolean chdirAsRoot() {
        String cwd = process.cwd();
        if (cwd == null || cwd.isEmpty()) {
            return false;
        }
        try {
            sys.chdir(cwd);
            return false;
        } catch (JruncException e) {
            if (e.errno() == Errno.EACCES || e.errno() == Errno.EPERM) {
                return true;
            }
            throw chdirError(e);
        }
    }

    private void chdir() {
        try {
            sys.chdir(process.cwd());
        } catch (JruncException e) {
            throw chdirError(e);
        }
    }

    private JruncException chdirError(JruncException e) {
        return Failures.wrap("chdir to cwd (" + GoQuote.quote(process.cwd()) + ") set in config.json failed", e);
    }

    private void dropBounding(CapabilityPlan caps, int lastCap) {
        try {
            long effective = sys.capget(0).effective();
            if ((effective & (1L << Linux.CAP_SETPCAP)) == 0) {
                return; // as gocapability: without CAP_SETPCAP the bounding set stays as it is
            }
            for (int cap : caps.boundingDrops(lastCap)) {
                ignoringEinval(() -> sys.prctl(Linux.PR_CAPBSET_DROP, cap, 0, 0, 0));
            }
        } catch (JruncException e) {
            throw Failures.wrap("unable to apply bounding set", e);
        }
    }

    private void keepCaps(int on, String context) {
        try {
            sys.prctl(Linux.PR_SET_KEEPCAPS, on, 0, 0, 0);
        } catch (JruncException e) {
            throw Failures.wrap(context, e);
        }
    }

    /** runc's setupUser: returns the environment, HOME resolved as the user's. */
    private List<String> setupUser() {
        Process.User user = process.user();
        int uid = (int) user.uid();
        int gid = (int) user.gid();
        String home = ProcessEnvironment.needsHome(process.env()) ? PasswdHome.of(sys, user.uid()) : null;
        List<String> env = ProcessEnvironment.build(process.env(), home);
        int[] groups = new int[user.additionalGids().size()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = (int) (long) user.additionalGids().get(i);
        }
        if (rootlessEuid && groups.length > 0) {
            throw new JruncException("unable to setup user: cannot set any additional groups in a rootless container");
        }
        try {
            StdioOwnership.give(sys, uid);
            // in a user namespace whose setgroups is "deny", setgroups always fails: runc skips it silently
            if (!rootlessEuid && !setgroupsDenied()) {
                try {
                    sys.setgroups(groups);
                } catch (JruncException e) {
                    throw Failures.wrap("setgroups", e);
                }
            }
            try {
                sys.setresgid(gid, gid, gid);
                sys.setresuid(uid, uid, uid);
            } catch (JruncException e) {
                throw new JruncException(Failures.bare(e), e.errno(), e);
            }
        } catch (JruncException e) {
            throw e.withContext("unable to setup user");
        }
        return env;
    }

    private boolean setgroupsDenied() {
        try {
            return new String(SysFiles.readFile(sys, Linux.AT_FDCWD, SETGROUPS), StandardCharsets.UTF_8)
                    .strip().equals("deny");
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT) {
                return false;
            }
            throw Failures.pathError("open", SETGROUPS, e);
        }
    }

    /**
     * capset, then the ambient set. Raising an ambient capability needs it permitted and
     * inheritable; configs that list it as ambient but not inheritable (runc 1.1's own `spec`
     * writes such) only get a warning, as runc gives them, not a failed container.
     */
    private void applyCaps(CapabilityPlan caps, int lastCap, List<String> warnings) {
        try {
            sys.capset(caps.capsetSets());
            ignoringEinval(() -> sys.prctl(Linux.PR_CAP_AMBIENT, Linux.PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0));
            for (int cap : caps.ambientRaises(lastCap)) {
                try {
                    ignoringEinval(() -> sys.prctl(Linux.PR_CAP_AMBIENT, Linux.PR_CAP_AMBIENT_RAISE, cap, 0, 0));
                } catch (JruncException e) {
                    if (e.errno() != Errno.EPERM) throw e;
                    warnings.add("can't raise ambient capability " + Linux.capabilityName(cap) + ": " + Errno.message(e.errno()));
                }
            }
        } catch (JruncException e) {
            throw Failures.wrap("unable to apply caps", e);
        }
    }

    /** EINVAL means the kernel does not know the capability (or ambient sets, before 4.3): skipped, as in gocapability. */
    private static void ignoringEinval(Runnable call) {
        try {
            call.run();
        } catch (JruncException e) {
            if (e.errno() != Errno.EINVAL) {
                throw e;
            }
        }
    }
}

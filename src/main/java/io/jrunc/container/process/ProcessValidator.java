package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.spec.IdMapping;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Process;
import io.jrunc.spec.Spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything about the container process that can be judged from the config alone, checked in
 * the parent before any side effect, so that a bad config fails before a namespace or cgroup exists.
 * Messages put the JSON path in front of runc's wording where runc has one.
 */
public final class ProcessValidator {
    private ProcessValidator() {}

    /**
     * Checks {@code spec}; throws the first problem. Returns warnings for what runc accepts but
     * ignores (personality flags).
     */
    public static List<String> validate(Spec spec) {
        List<String> warnings = new ArrayList<>();
        Process process = spec.process();
        if (process == null) {
            throw new JruncException("process property must not be empty");
        }
        if (process.cwd() == null || process.cwd().isEmpty()) {
            throw new JruncException("process.cwd: Cwd property must not be empty");
        }
        if (!process.cwd().startsWith("/")) {
            throw new JruncException("process.cwd: Cwd must be an absolute path");
        }
        if (process.args().isEmpty()) {
            throw new JruncException("process.args: args must not be empty");
        }
        Linux linux = spec.linux();
        if (linux != null && linux.personality() != null) {
            PersonalityDomain.of(linux.personality().domain());
            String flags = PersonalityDomain.flagsWarning(linux.personality());
            if (flags != null) {
                warnings.add(flags);
            }
        }
        checkUts(spec);
        checkUserMapped(spec, process.user());
        Rlimits.resolve(process.rlimits());
        ProcessEnvironment.check(process.env());
        CapabilityPlan.of(process.capabilities());
        return warnings;
    }

    /** hostname and domainname only make sense in a UTS namespace of the container's own (runc's validator). */
    private static void checkUts(Spec spec) {
        boolean uts = spec.linux() != null && spec.linux().namespace("uts") != null;
        if (uts) {
            return;
        }
        if (spec.hostname() != null && !spec.hostname().isEmpty()) {
            throw new JruncException("hostname: unable to set hostname without a private UTS namespace");
        }
        if (spec.domainname() != null && !spec.domainname().isEmpty()) {
            throw new JruncException("domainname: unable to set domainname without a private UTS namespace");
        }
    }

    /**
     * With a user namespace and explicit mappings, the process's uid and gid must be mapped: runc's
     * setupUser refuses otherwise, later and with a vaguer failure from setresuid.
     */
    private static void checkUserMapped(Spec spec, Process.User user) {
        Linux linux = spec.linux();
        if (linux == null || linux.namespace("user") == null) {
            return;
        }
        if (!linux.uidMappings().isEmpty() && !mapped(linux.uidMappings(), user.uid())) {
            throw new JruncException("process.user.uid: cannot set uid to unmapped user in user namespace");
        }
        if (!linux.gidMappings().isEmpty() && !mapped(linux.gidMappings(), user.gid())) {
            throw new JruncException("process.user.gid: cannot set gid to unmapped user in user namespace");
        }
    }

    private static boolean mapped(List<IdMapping> mappings, long id) {
        for (IdMapping m : mappings) {
            if (id >= m.containerID() && id - m.containerID() < m.size()) {
                return true;
            }
        }
        return false;
    }
}

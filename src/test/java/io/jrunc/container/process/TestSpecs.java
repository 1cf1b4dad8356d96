package io.jrunc.container.process;

import io.jrunc.spec.IdMapping;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Process;
import io.jrunc.spec.Spec;

import java.util.List;
import java.util.Map;

/** Small configs for the process tests: a root process running "sh" in "/", changed one field at a time. */
final class TestSpecs {
    private TestSpecs() {}

    static Process process() {
        return new Process(false, null, Process.User.ROOT, List.of("sh"), null,
                List.of("PATH=/usr/bin:/bin", "TERM=xterm"), "/", null, List.of(), false, null, null, null,
                null, null, null);
    }

    static Process withUser(Process p, long uid, long gid, List<Long> groups) {
        return new Process(p.terminal(), p.consoleSize(), new Process.User(uid, gid, null, groups, null), p.args(),
                p.commandLine(), p.env(), p.cwd(), p.capabilities(), p.rlimits(), p.noNewPrivileges(),
                p.apparmorProfile(), p.oomScoreAdj(), p.scheduler(), p.selinuxLabel(), p.ioPriority(),
                p.execCPUAffinity());
    }

    static Process withUmask(Process p, Long umask) {
        Process.User u = p.user();
        return new Process(p.terminal(), p.consoleSize(), new Process.User(u.uid(), u.gid(), umask,
                u.additionalGids(), null), p.args(), p.commandLine(), p.env(), p.cwd(), p.capabilities(),
                p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(), p.scheduler(),
                p.selinuxLabel(), p.ioPriority(), p.execCPUAffinity());
    }

    static Process withCaps(Process p, Process.Capabilities caps) {
        return new Process(p.terminal(), p.consoleSize(), p.user(), p.args(), p.commandLine(), p.env(), p.cwd(),
                caps, p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(), p.scheduler(),
                p.selinuxLabel(), p.ioPriority(), p.execCPUAffinity());
    }

    static Process withArgsEnvCwd(Process p, List<String> args, List<String> env, String cwd) {
        return new Process(p.terminal(), p.consoleSize(), p.user(), args, p.commandLine(), env, cwd,
                p.capabilities(), p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(),
                p.scheduler(), p.selinuxLabel(), p.ioPriority(), p.execCPUAffinity());
    }

    static Process withRlimits(Process p, List<Process.Rlimit> rlimits) {
        return new Process(p.terminal(), p.consoleSize(), p.user(), p.args(), p.commandLine(), p.env(), p.cwd(),
                p.capabilities(), rlimits, p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(),
                p.scheduler(), p.selinuxLabel(), p.ioPriority(), p.execCPUAffinity());
    }

    static Process withNoNewPrivsAndOom(Process p, boolean noNewPrivileges, Integer oomScoreAdj) {
        return new Process(p.terminal(), p.consoleSize(), p.user(), p.args(), p.commandLine(), p.env(), p.cwd(),
                p.capabilities(), p.rlimits(), noNewPrivileges, p.apparmorProfile(), oomScoreAdj, p.scheduler(),
                p.selinuxLabel(), p.ioPriority(), p.execCPUAffinity());
    }

    static Process.Capabilities caps(List<String> bounding, List<String> effective, List<String> inheritable,
                                     List<String> permitted, List<String> ambient) {
        return new Process.Capabilities(bounding, effective, inheritable, permitted, ambient);
    }

    static Spec spec(Process process) {
        return new Spec("1.3.0", process, null, null, null, List.of(), null, Map.of(), null);
    }

    static Spec withNames(Spec s, String hostname, String domainname) {
        return new Spec(s.ociVersion(), s.process(), s.root(), hostname, domainname, s.mounts(), s.hooks(),
                s.annotations(), s.linux());
    }

    static Linux linux(List<Linux.Namespace> namespaces, List<IdMapping> uids, List<IdMapping> gids,
                       Linux.Personality personality) {
        return new Linux(uids, gids, Map.of(), null, null, namespaces, List.of(), Map.of(), null, null,
                List.of(), List.of(), null, null, personality, Map.of(), null);
    }
}

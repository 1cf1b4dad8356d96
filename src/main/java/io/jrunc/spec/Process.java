package io.jrunc.spec;

import java.util.List;

/**
 * The container process (also the content of {@code runc exec --process process.json}).
 *
 * @param terminal        whether the process gets a pseudo-terminal
 * @param consoleSize     initial terminal size, or null
 * @param user            who the process runs as (always present; absent means uid 0, gid 0)
 * @param args            argv
 * @param commandLine     Windows only; kept for round trips, or null
 * @param env             environment, KEY=value
 * @param cwd             absolute working directory inside the container
 * @param capabilities    capability sets, or null to leave them alone
 * @param rlimits         resource limits, in order
 * @param noNewPrivileges whether to set PR_SET_NO_NEW_PRIVS
 * @param apparmorProfile AppArmor profile, or null
 * @param oomScoreAdj     oom_score_adj, or null to inherit
 * @param scheduler       sched_setattr(2) attributes, or null
 * @param selinuxLabel    SELinux process label, or null
 * @param ioPriority      ioprio_set(2) attributes, or null
 * @param execCPUAffinity CPU affinity for exec'd processes, or null
 */
public record Process(
        boolean terminal,
        ConsoleSize consoleSize,
        User user,
        List<String> args,
        String commandLine,
        List<String> env,
        String cwd,
        Capabilities capabilities,
        List<Rlimit> rlimits,
        boolean noNewPrivileges,
        String apparmorProfile,
        Integer oomScoreAdj,
        Scheduler scheduler,
        String selinuxLabel,
        IoPriority ioPriority,
        CpuAffinity execCPUAffinity) {

    public Process {
        user = user == null ? User.ROOT : user;
        args = Immutable.list(args);
        env = Immutable.list(env);
        rlimits = Immutable.list(rlimits);
    }

    /**
     * @param height rows (uint32)
     * @param width  columns (uint32)
     */
    public record ConsoleSize(long height, long width) {}

    /**
     * @param uid            uint32
     * @param gid            uint32
     * @param umask          uint32, or null to inherit
     * @param additionalGids supplementary groups (uint32 each)
     * @param username       Windows only, or null
     */
    public record User(long uid, long gid, Long umask, List<Long> additionalGids, String username) {
        public static final User ROOT = new User(0, 0, null, List.of(), null);

        public User {
            additionalGids = Immutable.list(additionalGids);
        }
    }

    /** Capability names such as CAP_KILL, per set. */
    public record Capabilities(
            List<String> bounding,
            List<String> effective,
            List<String> inheritable,
            List<String> permitted,
            List<String> ambient) {
        public Capabilities {
            bounding = Immutable.list(bounding);
            effective = Immutable.list(effective);
            inheritable = Immutable.list(inheritable);
            permitted = Immutable.list(permitted);
            ambient = Immutable.list(ambient);
        }
    }

    /**
     * @param type RLIMIT_* name
     * @param hard unsigned 64-bit (-1L is RLIM_INFINITY)
     * @param soft unsigned 64-bit
     */
    public record Rlimit(String type, long hard, long soft) {}

    /**
     * @param policy   SCHED_* name
     * @param nice     nice value (0 when absent)
     * @param priority static priority (0 when absent)
     * @param flags    SCHED_FLAG_* names
     * @param runtime  unsigned 64-bit nanoseconds (0 when absent)
     * @param deadline unsigned 64-bit nanoseconds (0 when absent)
     * @param period   unsigned 64-bit nanoseconds (0 when absent)
     */
    public record Scheduler(
            String policy, int nice, int priority, List<String> flags, long runtime, long deadline, long period) {
        public Scheduler {
            flags = Immutable.list(flags);
        }
    }

    /**
     * @param ioClass  IOPRIO_CLASS_* name (JSON member "class")
     * @param priority priority within the class
     */
    public record IoPriority(String ioClass, int priority) {}

    /**
     * @param initial CPU list applied before the process joins the cgroup, or null
     * @param finalAffinity CPU list applied after (JSON member "final"), or null
     */
    public record CpuAffinity(String initial, String finalAffinity) {}
}

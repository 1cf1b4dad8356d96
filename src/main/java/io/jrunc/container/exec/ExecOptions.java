package io.jrunc.container.exec;

import java.util.List;

/**
 * What {@code jrunc exec} was asked for, as given on the command line (runc's exec flags). The
 * process itself is built from these and the container's config by {@link ExecProcess}.
 *
 * @param id             the container id (not yet checked)
 * @param args           the command after the container id; empty with {@code -p}
 * @param processPath    -p: the process.json to run instead of the config's process, or null
 * @param detach         -d: return once the process runs
 * @param pidFile        --pid-file, already absolute, or null
 * @param env            -e entries, appended to the config's env
 * @param cwd            --cwd, or null
 * @param user           -u "uid[:gid]", or null
 * @param additionalGids -g values
 * @param caps           --cap names, added to the bounding, effective and permitted sets
 * @param noNewPrivs     --no-new-privs when given (true or false), null when not
 * @param tty            -t when given, null when not
 * @param apparmor       --apparmor, or null
 * @param processLabel   --process-label, or null
 * @param preserveFds    --preserve-fds: fds 3 .. 3+N-1 reach the process
 * @param cgroups        --cgroup values, "[controller[,controller]:]path"
 * @param ignorePaused   --ignore-paused
 * @param consoleSocket  --console-socket, or null
 * @param pidfdSocket    --pidfd-socket, or null
 */
public record ExecOptions(
        String id,
        List<String> args,
        String processPath,
        boolean detach,
        String pidFile,
        List<String> env,
        String cwd,
        String user,
        List<Long> additionalGids,
        List<String> caps,
        Boolean noNewPrivs,
        Boolean tty,
        String apparmor,
        String processLabel,
        int preserveFds,
        List<String> cgroups,
        boolean ignorePaused,
        String consoleSocket,
        String pidfdSocket) {

    public ExecOptions {
        args = List.copyOf(args);
        env = List.copyOf(env);
        additionalGids = List.copyOf(additionalGids);
        caps = List.copyOf(caps);
        cgroups = List.copyOf(cgroups);
        processPath = emptyToNull(processPath);
        pidFile = emptyToNull(pidFile);
        cwd = emptyToNull(cwd);
        user = emptyToNull(user);
        apparmor = emptyToNull(apparmor);
        processLabel = emptyToNull(processLabel);
        consoleSocket = emptyToNull(consoleSocket);
        pidfdSocket = emptyToNull(pidfdSocket);
    }

    /** Options for running {@code args} in container {@code id} with no flag given. */
    public static ExecOptions of(String id, List<String> args) {
        return new ExecOptions(id, args, null, false, null, List.of(), null, null, List.of(), List.of(), null, null,
                null, null, 0, List.of(), false, null, null);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

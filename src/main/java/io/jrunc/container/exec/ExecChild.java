package io.jrunc.container.exec;

import io.jrunc.JruncException;
import io.jrunc.container.SyncChannel;
import io.jrunc.container.process.ProcessSetup;
import io.jrunc.container.terminal.ContainerConsole;
import io.jrunc.container.terminal.Pty;
import io.jrunc.spec.Process;
import io.jrunc.spec.Spec;
import io.jrunc.sys.Errno;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.nio.charset.StandardCharsets;

import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.CLOSE_RANGE_CLOEXEC;
import static io.jrunc.sys.Linux.F_SETFD;
import static io.jrunc.sys.Linux.O_CLOEXEC;
import static io.jrunc.sys.Linux.O_WRONLY;
import static io.jrunc.sys.Linux.PR_SET_DUMPABLE;
import static io.jrunc.sys.Linux.PR_SET_PDEATHSIG;
import static io.jrunc.sys.Linux.SIGKILL;
import static io.jrunc.sys.Linux.SIG_SETMASK;

/**
 * The forked side of exec (runc's nsexec stage 2 plus setns_init), already a member of the
 * container's pid namespace (the parent joined it before forking) and non-dumpable. In order:
 * <ol>
 *   <li>unblock signals (the parent blocked them for its signalfd), die with the parent while setting up;</li>
 *   <li>join the container's cgroups where clone3 did not place it ({@link ExecCgroups#joinSelf});</li>
 *   <li>join the container's other namespaces (user, ipc, uts, net, mnt + chdir "/", cgroup, time);</li>
 *   <li>wait until the parent has set its rlimits;</li>
 *   <li>with -t: a pty from the container's devpts, its master sent to the console socket, its
 *       peer as stdio and controlling terminal;</li>
 *   <li>no_new_privs, the container's umask, the SELinux exec label;</li>
 *   <li>mark every fd but stdio and --preserve-fds close-on-exec (fds 3..3+N-1 made inheritable);</li>
 *   <li>cwd, capabilities, user and groups, environment ({@link ProcessSetup#switchIdentity});</li>
 *   <li>check that the working directory is inside the container's root (CVE-2024-21626: a cwd
 *       such as /proc/self/fd/N of a leaked host directory would pass chdir but not this);</li>
 *   <li>the AppArmor profile, the personality, the PATH lookup of args[0];</li>
 *   <li>non-dumpable again (a uid change may have reset it), no more parent-death signal,
 *       "ready", execve.</li>
 * </ol>
 * Any failure is sent to the parent, which prints it; the child then exits 1. An execve failure
 * after "ready" is sent the same way; a successful execve closes the close-on-exec channel, which
 * is how the parent learns that the process runs.
 */
final class ExecChild {
    private final Syscalls sys;
    private final ContainerExec.Plan plan;
    private final SyncChannel channel;
    private final InitNamespaces namespaces;
    private final ExecCgroups cgroups;
    private final boolean placedByClone;
    private final int consoleSocket;

    /**
     * @param placedByClone clone3 put the child in the container's cgroup2 directory (CLONE_INTO_CGROUP)
     * @param consoleSocket where to send the pty master (with -t), or -1
     */
    ExecChild(Syscalls sys, ContainerExec.Plan plan, SyncChannel channel, InitNamespaces namespaces,
              ExecCgroups cgroups, boolean placedByClone, int consoleSocket) {
        this.sys = sys;
        this.plan = plan;
        this.channel = channel;
        this.namespaces = namespaces;
        this.cgroups = cgroups;
        this.placedByClone = placedByClone;
        this.consoleSocket = consoleSocket;
    }

    /** Never returns: execs the process, or reports and exits 1. */
    void run() {
        ProcessSetup process;
        String executable;
        try {
            process = new ProcessSetup(sys, plan.spec(), false);
            executable = setUp(process);
        } catch (JruncException e) {
            report(e);
            sys.exitGroup(1);
            return;
        } catch (RuntimeException | Error e) {
            report(new JruncException("exec process setup failed: " + e));
            sys.exitGroup(1);
            return;
        }
        try {
            process.exec(executable);
        } catch (JruncException e) {
            report(e);
        }
        sys.exitGroup(1);
    }

    private String setUp(ProcessSetup process) {
        Process p = plan.spec().process();
        sys.sigprocmask(SIG_SETMASK, 0);
        sys.prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        cgroups.joinSelf(placedByClone); // through the host's cgroupfs: before the container's mount namespace
        namespaces.joinInChild();

        String go = channel.receive();
        if (go == null) {
            throw new JruncException("jrunc exited before the process could start");
        }
        if (!SyncChannel.GO.equals(go)) {
            throw new JruncException("unexpected message from jrunc: " + go);
        }
        if (consoleSocket >= 0) {
            // in the container's mount namespace: the pty comes from its devpts
            Process.ConsoleSize size = p.consoleSize();
            ContainerConsole.setUpForExec(sys, consoleSocket, size == null ? null : Pty.initialSize(size.height(), size.width()));
        }

        process.setNoNewPrivileges();
        if (plan.containerUmask() != null) {
            sys.umask((int) (long) plan.containerUmask());
        }
        if (p.selinuxLabel() != null) {
            writeAttr("/proc/thread-self/attr/exec", p.selinuxLabel(), "selinux: failed to set exec label");
        }
        keepOnlyInheritedFds();
        process.switchIdentity();
        verifyCwd();
        if (p.apparmorProfile() != null) {
            applyAppArmor(p.apparmorProfile());
        }
        process.setPersonality();
        String executable = process.resolveExecutable();

        sys.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
        sys.prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0);
        channel.send(SyncChannel.READY);
        return executable;
    }

    /** Stdio and fds 3..3+N-1 are inherited; everything else jrunc holds closes at execve. */
    private void keepOnlyInheritedFds() {
        int keep = plan.options().preserveFds();
        for (int fd = 3; fd < 3 + keep; fd++) {
            sys.fcntl(fd, F_SETFD, 0);
        }
        sys.closeRange(3 + keep, Integer.MAX_VALUE, CLOSE_RANGE_CLOEXEC);
    }

    /** runc's verifyCwd: getcwd(2) marks a directory outside the root "(unreachable)", or fails with ENOENT. */
    private void verifyCwd() {
        String wd;
        try {
            wd = sys.getcwd();
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT) {
                throw breakout();
            }
            throw e.withContext("failed to verify if current working directory is safe");
        }
        if (!wd.startsWith("/")) {
            throw breakout();
        }
    }

    private static JruncException breakout() {
        return new JruncException("current working directory is outside of container mount namespace root"
                + " -- possible container breakout detected");
    }

    /** runc's apparmor.ApplyProfile: "exec PROFILE" into the LSM-specific attr file, or the old shared one. */
    private void applyAppArmor(String profile) {
        String path = "/proc/thread-self/attr/apparmor/exec";
        if (!SysFiles.exists(sys, AT_FDCWD, path)) {
            path = "/proc/thread-self/attr/exec";
        }
        writeAttr(path, "exec " + profile, "apparmor failed to apply profile");
    }

    private void writeAttr(String path, String value, String context) {
        try {
            int fd = sys.openat(AT_FDCWD, path, O_WRONLY | O_CLOEXEC, 0);
            try {
                SysFiles.writeAll(sys, fd, value.getBytes(StandardCharsets.UTF_8));
            } finally {
                sys.close(fd);
            }
        } catch (JruncException e) {
            String what = e.errno() != 0 ? Errno.message(e.errno()) : e.getMessage();
            throw new JruncException(context + ": write " + path + ": " + what, e.errno(), e);
        }
    }

    /** The parent prints it; if the parent is gone there is nobody left to tell. */
    private void report(JruncException e) {
        try {
            channel.sendError(e);
        } catch (RuntimeException ignored) {
            // the parent died: it took the terminal with it
        }
    }
}

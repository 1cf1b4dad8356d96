package io.jrunc.container;

import io.jrunc.json.Json;
import io.jrunc.json.JsonNode;
import io.jrunc.spec.DefaultSpec;
import io.jrunc.spec.Process;
import io.jrunc.spec.Spec;
import io.jrunc.spec.SpecWriter;
import io.jrunc.sys.Linux;
import io.jrunc.sys.RecordingSyscalls;
import io.jrunc.sys.SyscallFormat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The recording fake with a bundle (runc's default config, terminal off, args ["/bin/true"]), a
 * state root and a cgroup v2 host in its file system, plus what create needs from it that it does
 * not model by itself:
 * <ul>
 *   <li>the other end of the sync socketpair: {@link #initSays} queues what the init sends, which
 *       the parent's {@code read} on its end returns, and {@link #parentSays} what the parent sends,
 *       read by the init on the other end (both scripted with {@code willReturn} on the fds
 *       socketpair gave out; once used up, a read returns 0: the other side is gone); what the
 *       process writes on either end is kept ({@link #sentOn});</li>
 *   <li>the kernel's files: /dev/null is a character device, stdio are pipes, cgroupfs gives every
 *       cgroup directory its interface files (without them being entries an rmdir would trip on),
 *       /sys/fs/cgroup is a cgroup2 file system, /proc/4242/stat is the live init's;</li>
 *   <li>close(2) semantics: Linux releases the fd even when close reports an error, the fake keeps
 *       it open; {@link #leakedFds} counts a close that was attempted as done;</li>
 *   <li>execve and exit_group that no {@code catch (RuntimeException | Error)} can stop
 *       ({@link ExecReached}, {@link Exited}), so an in-process init ends where the real one would.</li>
 * </ul>
 * The fake does not move "/" on pivot_root, so what the container sees after it (/bin/true) is
 * declared at the fake's root as well.
 */
class CreateKernel extends RecordingSyscalls {
    static final String BUNDLE = "/bundle";
    static final String ROOTFS = "/bundle/rootfs";
    static final String ROOT = "/run/jrunc";
    static final String ID = "c1";
    static final String STATE_DIR = ROOT + "/" + ID;
    static final long START_TIME = 123456;
    static final String CGROUP_ROOT = "/sys/fs/cgroup";

    private final List<String> initMessages = new ArrayList<>();
    private final List<String> parentMessages = new ArrayList<>();
    private final Map<Integer, String> fdPaths = new HashMap<>();
    private final Map<Integer, List<String>> sentOn = new HashMap<>();
    private final Set<Integer> closeAttempted = new HashSet<>();
    private final Set<Integer> devNullFds = new HashSet<>();
    private int[] pair;

    /** A bundle with the default spec (terminal off, args ["/bin/true"]) and /bin/true in the rootfs; the root exists. */
    static CreateKernel withBundle() {
        return withBundle(UnaryOperator.identity());
    }

    /** As {@link #withBundle()}, the spec changed by {@code change} before it is written. */
    static CreateKernel withBundle(UnaryOperator<Spec> change) {
        return withConfig(Json.writeIndented(SpecWriter.toJson(change.apply(defaultSpec())), "\t"));
    }

    /** As {@link #withBundle()}, with this text as the bundle's config.json. */
    static CreateKernel withConfig(String configJson) {
        CreateKernel k = new CreateKernel();
        k.strictPaths();
        k.file("/dev/null", "");
        k.file("/proc/sys/kernel/cap_last_cap", "40\n");
        k.file("/proc/kcore", "").dir("/proc/acpi"); // masked paths: a file and a directory
        for (int fd = 0; fd < 3; fd++) { // stdio: pipes, as under a container engine
            FileStat pipe = new FileStat(0010600, 0, 0, 0, 9, 1, 0, 13, 0, 0, 1);
            k.willReturn("statx(" + fd + ", \"\", AT_EMPTY_PATH)", pipe, pipe); // /dev/null reopening, stdio ownership
        }
        k.file(BUNDLE + "/config.json", configJson);
        for (String d : new String[] {"proc", "sys", "dev", "etc", "tmp"}) {
            k.dir(ROOTFS + "/" + d);
        }
        k.file(ROOTFS + "/bin/true", "\177ELF");
        k.file("/bin/true", "\177ELF"); // the fake does not move "/" on pivot_root: the container's view of the binary
        k.dir(ROOT);
        // a cgroup v2 host; create's process sits in /user.slice
        k.file("/proc/self/mountinfo",
                "26 24 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n");
        k.file("/proc/self/cgroup", "0::/user.slice\n");
        k.file(CGROUP_ROOT + "/cgroup.controllers", "cpuset cpu io memory pids\n");
        k.file(CGROUP_ROOT + "/cgroup.subtree_control", "");
        k.file("/proc/" + CHILD_PID + "/stat", stat(CHILD_PID, 'S', START_TIME));
        return k;
    }

    /** runc's default spec with terminal off and args ["/bin/true"]. */
    static Spec defaultSpec() {
        Spec spec = DefaultSpec.example(true);
        return spec.withProcess(process(spec.process(), false, spec.process().capabilities()));
    }

    /** {@code p} with args ["/bin/true"] and the given terminal flag and capabilities. */
    static Process process(Process p, boolean terminal, Process.Capabilities caps) {
        return new Process(terminal, p.consoleSize(), p.user(), List.of("/bin/true"), p.commandLine(),
                p.env(), p.cwd(), caps, p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(),
                p.oomScoreAdj(), p.scheduler(), p.selinuxLabel(), p.ioPriority(), p.execCPUAffinity());
    }

    /** The default config as config.json text (compact). */
    static String defaultConfigJson() {
        return Json.write(SpecWriter.toJson(defaultSpec()));
    }

    /** A /proc/PID/stat line with the given state letter and start time (field 22). */
    static String stat(int pid, char state, long startTime) {
        StringBuilder s = new StringBuilder(pid + " (true) " + state);
        for (int field = 4; field <= 21; field++) {
            s.append(" 0");
        }
        return s.append(' ').append(startTime).append(" 0 0 0\n").toString();
    }

    static CreateOptions options() {
        return new CreateOptions(ID, BUNDLE, null, false, false, 0, 0, null, false);
    }

    static CreateOptions optionsWithPidFile(String pidFile) {
        return new CreateOptions(ID, BUNDLE, pidFile, false, false, 0, 0, null, false);
    }

    /** The init's next messages, as it would send them: {"type":"ready"} and the like. */
    CreateKernel initSays(String... types) {
        for (String type : types) {
            initMessages.add(Json.write(Json.object().put("type", type).build()));
        }
        return this;
    }

    /** The parent's next messages to the init ({"type":"go"}), read by the init on its end. */
    CreateKernel parentSays(String... types) {
        for (String type : types) {
            parentMessages.add(Json.write(Json.object().put("type", type).build()));
        }
        return this;
    }

    /** An error report from the init, as {@link SyncChannel#sendError} writes it. */
    CreateKernel initFails(String message, int errno) {
        initMessages.add(Json.write(Json.object().put("type", SyncChannel.ERROR).put("message", message).put("errno", errno).build()));
        return this;
    }

    @Override
    public int[] socketpair(int domain, int type, int protocol) {
        int[] fds = super.socketpair(domain, type, protocol);
        pair = fds.clone();
        script(fds[0], initMessages);
        script(fds[1], parentMessages);
        return fds;
    }

    private void script(int fd, List<String> messages) {
        if (!messages.isEmpty()) {
            willReturn("read(" + fd + ", ", messages.stream().map(m -> (Object) m.getBytes(StandardCharsets.UTF_8)).toArray());
        }
    }

    @Override
    public int write(int fd, byte[] buf, int off, int len) {
        int n = super.write(fd, buf, off, len);
        if (pair != null && (fd == pair[0] || fd == pair[1])) {
            sentOn.computeIfAbsent(fd, x -> new ArrayList<>()).add(new String(buf, off, len, StandardCharsets.UTF_8));
        }
        return n;
    }

    @Override
    public int openat(int dirfd, String path, int flags, int mode) {
        if (dirfd == Linux.AT_FDCWD && isCgroupInterfaceFile(path) && (flags & Linux.O_CREAT) == 0) {
            // cgroupfs gives every cgroup directory its interface files: opening one succeeds
            willReturn("openat(AT_FDCWD, " + SyscallFormat.str(path) + ", ", nextFd());
        }
        int fd = super.openat(dirfd, path, flags, mode);
        if (dirfd == Linux.AT_FDCWD && path.equals("/dev/null")) {
            devNullFds.add(fd);
        }
        fdPaths.put(fd, path.startsWith("/") || !fdPaths.containsKey(dirfd) ? path : fdPaths.get(dirfd) + "/" + path);
        return fd;
    }

    /** A cgroup v2 host: /sys/fs/cgroup is a cgroup2 file system (the fake's statfs says ext4 otherwise). */
    @Override
    public Statfs statfs(String path) {
        Statfs st = super.statfs(path);
        return path.equals(CGROUP_ROOT) ? new Statfs(Linux.CGROUP2_SUPER_MAGIC, 4096, 0) : st;
    }

    /** The fake keeps every file regular: /dev/null is made the character device 1:3 it is. */
    @Override
    public FileStat statx(int dirfd, String path, int flags) {
        FileStat st = super.statx(dirfd, path, flags);
        boolean self = path.isEmpty() && (flags & Linux.AT_EMPTY_PATH) != 0;
        if ((self && devNullFds.contains(dirfd)) || (dirfd == Linux.AT_FDCWD && path.equals("/dev/null"))) {
            return new FileStat(Linux.S_IFCHR | 0666, 0, 0, 0, 5, 1, 0, 6, 1, 3, 1);
        }
        return st;
    }

    @Override
    public void close(int fd) {
        closeAttempted.add(fd);
        super.close(fd);
    }

    /** A file directly in a cgroup directory the model has, that the model does not have: a kernel-made interface file. */
    private boolean isCgroupInterfaceFile(String path) {
        int slash = path.lastIndexOf('/');
        return path.startsWith(CGROUP_ROOT + "/") && !has(path) && slash > 0 && has(path.substring(0, slash))
                && path.substring(slash + 1).startsWith("cgroup.");
    }

    /** The fd the fake hands out next: it never reuses one, and every fd handed out here is open or was closed. */
    private int nextFd() {
        int max = 2;
        for (int fd : openFds()) {
            max = Math.max(max, fd);
        }
        for (int fd : closeAttempted) {
            max = Math.max(max, fd);
        }
        return max + 1;
    }

    /** The path an fd was opened on with openat, as the call named it (relative ones joined to their dirfd's). */
    String pathOf(int fd) {
        return fdPaths.get(fd);
    }

    /**
     * The fake's execve throws {@link RecordingSyscalls.Exec}, a RuntimeException, which the init's
     * catch-all would take for a failure: here it becomes {@link ExecReached}, which no
     * {@code catch (RuntimeException | Error)} stops, so the run ends where execve would have.
     */
    @Override
    public void execve(String path, List<String> argv, List<String> envp) {
        try {
            super.execve(path, argv, envp);
        } catch (Exec e) {
            throw sneaky(new ExecReached(e));
        }
    }

    /** As {@link #execve}: exit_group ends the run with {@link Exited}. */
    @Override
    public void exitGroup(int status) {
        try {
            super.exitGroup(status);
        } catch (Exit e) {
            throw sneaky(new Exited(status));
        }
    }

    /** execve was reached: the process image would have been replaced here. */
    static final class ExecReached extends Exception {
        final Exec exec;

        ExecReached(Exec exec) {
            super("execve " + exec.path, null, false, false);
            this.exec = exec;
        }
    }

    /** exit_group was called: the process would have ended here. */
    static final class Exited extends Exception {
        final int status;

        Exited(int status) {
            super("exit_group " + status, null, false, false);
            this.status = status;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /** The fds socketpair gave out: [parent's end, init's end]; null before socketpair. */
    int[] pair() {
        return pair == null ? null : pair.clone();
    }

    /** The messages written on one end of the sync socket, parsed. */
    List<JsonNode> sentOn(int fd) {
        return sentOn.getOrDefault(fd, List.of()).stream().map(m -> JsonNode.root(Json.parse(m))).toList();
    }

    /** The fds still open that no close was attempted on (Linux releases an fd even when close fails). */
    Set<Integer> leakedFds() {
        Set<Integer> open = new HashSet<>(openFds());
        open.removeAll(closeAttempted);
        return open;
    }

    /** The index of the first recorded call starting with {@code prefix}, -1 if none. */
    int indexOf(String prefix) {
        List<String> calls = calls();
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}

package io.jrunc.container.exec;

import io.jrunc.container.StateStore;
import io.jrunc.container.SyncChannel;
import io.jrunc.json.Json;
import io.jrunc.json.JsonNode;
import io.jrunc.spec.DefaultSpec;
import io.jrunc.spec.Process;
import io.jrunc.spec.Spec;
import io.jrunc.spec.SpecWriter;
import io.jrunc.sys.Linux;
import io.jrunc.sys.RecordingSyscalls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The recording fake with a running container "c1" in it, as exec finds one: its state under
 * /run/jrunc, its init (pid {@link #INIT_PID}, /proc/100/stat with the recorded start time), the
 * init's namespaces (ipc, uts, net, pid, mnt and cgroup its own; user and time shared with jrunc:
 * /proc/self/ns/user and /time are links to the init's) and cgroups (/proc/100/cgroup: a
 * cpu,cpuacct hierarchy, name=systemd, memory without a mounted hierarchy, and the unified one at
 * /sys/fs/cgroup/unified), /bin/true in the container's (the fake's only) file system.
 *
 * <p>The sync socketpair: {@link #childSays} queues what the child sends (read by the parent on
 * its end), {@link #parentSays} what the parent sends (read by the child on its end); once they
 * are used up a read returns 0, the other side is gone. {@link #sent} keeps what either end wrote.
 */
public class ExecKernel extends RecordingSyscalls {
    public static final String ROOT = "/run/jrunc";
    public static final String ID = "c1";
    public static final int INIT_PID = 100;
    public static final long START_TIME = 777;
    static final List<String> OWN_NAMESPACES = List.of("ipc", "uts", "net", "pid", "mnt", "cgroup");
    static final List<String> CGROUP_DIRS = List.of(
            "/sys/fs/cgroup/cpu,cpuacct/c1", "/sys/fs/cgroup/systemd/c1", "/sys/fs/cgroup/unified/c1");

    private final List<String> childMessages = new ArrayList<>();
    private final List<String> parentMessages = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private int[] pair;

    public static ExecKernel running() {
        return running(UnaryOperator.identity());
    }

    /** A running container whose config is runc's default spec (args /bin/true) changed by {@code change}. */
    public static ExecKernel running(UnaryOperator<Spec> change) {
        ExecKernel k = new ExecKernel();
        k.strictPaths();
        k.file("/dev/null", "");
        k.file("/proc/sys/kernel/cap_last_cap", "40\n");
        for (int fd = 0; fd < 3; fd++) { // stdio: pipes, as under a container engine
            FileStat pipe = new FileStat(0010600, 0, 0, 0, 9, 1, 0, 13, 0, 0, 1);
            k.willReturn("statx(" + fd + ", \"\", AT_EMPTY_PATH)", pipe, pipe, pipe);
        }
        Spec spec = change.apply(defaultSpec());
        String record = Json.write(Json.object()
                .put("id", ID)
                .put("initPid", INIT_PID)
                .put("initStartTime", START_TIME)
                .put("bundle", "/bundle")
                .put("rootfs", "/bundle/rootfs")
                .put("created", "2026-11-28T00:00:00Z")
                .put("owner", "")
                .put("config", SpecWriter.toJson(spec))
                .build());
        k.file(ROOT + "/" + ID + "/" + StateStore.STATE_FILE, record);
        k.file("/proc/" + INIT_PID + "/stat", stat(INIT_PID, 'S', START_TIME));
        for (String ns : List.of("user", "ipc", "uts", "net", "pid", "mnt", "cgroup", "time")) {
            k.file("/proc/" + INIT_PID + "/ns/" + ns, "");
            if (OWN_NAMESPACES.contains(ns)) {
                k.file("/proc/self/ns/" + ns, "");
            } else {
                k.symlink("/proc/self/ns/" + ns, "/proc/" + INIT_PID + "/ns/" + ns);
            }
        }
        k.file("/proc/" + INIT_PID + "/cgroup", "4:cpu,cpuacct:/c1\n3:name=systemd:/c1\n2:memory:/c1\n0::/c1\n");
        for (String dir : CGROUP_DIRS) {
            k.file(dir + "/cgroup.procs", "");
            if (!dir.contains("/unified/")) k.file(dir + "/tasks", ""); // v1 only: cgroup2 has no tasks file
        }
        k.file("/bin/true", "\177ELF");
        return k;
    }

    /** runc's default spec with terminal off and args ["/bin/true"]. */
    public static Spec defaultSpec() {
        Spec spec = DefaultSpec.example(true);
        Process p = spec.process();
        return spec.withProcess(new Process(false, p.consoleSize(), p.user(), List.of("/bin/true"), p.commandLine(),
                p.env(), p.cwd(), p.capabilities(), p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(),
                p.oomScoreAdj(), p.scheduler(), p.selinuxLabel(), p.ioPriority(), p.execCPUAffinity()));
    }

    /** A /proc/PID/stat line with the given state letter and start time (field 22). */
    public static String stat(int pid, char state, long startTime) {
        StringBuilder s = new StringBuilder(pid + " (sh) " + state);
        for (int field = 4; field <= 21; field++) {
            s.append(" 0");
        }
        return s.append(' ').append(startTime).append(" 0 0 0\n").toString();
    }

    /** The child's next messages, as it would send them: {"type":"ready"} and the like. */
    public ExecKernel childSays(String... types) {
        for (String type : types) {
            childMessages.add(message(type));
        }
        return this;
    }

    /** An error report from the child, as {@link SyncChannel#sendError} writes it. */
    public ExecKernel childFails(String message, int errno) {
        childMessages.add(Json.write(Json.object().put("type", SyncChannel.ERROR).put("message", message)
                .put("errno", errno).build()));
        return this;
    }

    /** What the parent sends the child: "proceed" once cgroups and rlimits are in place. */
    public ExecKernel parentSays(String... types) {
        for (String type : types) {
            parentMessages.add(message(type));
        }
        return this;
    }

    private static String message(String type) {
        return Json.write(Json.object().put("type", type).build());
    }

    @Override
    public int[] socketpair(int domain, int type, int protocol) {
        int[] fds = super.socketpair(domain, type, protocol);
        if ((type & 0xf) != Linux.SOCK_SEQPACKET) {
            return fds; // the console socketpair of a foreground -t
        }
        pair = fds.clone();
        script(fds[0], childMessages);
        script(fds[1], parentMessages);
        return fds;
    }

    private void script(int fd, List<String> messages) {
        if (!messages.isEmpty()) {
            Object[] packets = messages.stream().map(m -> (Object) m.getBytes(StandardCharsets.UTF_8)).toArray();
            willReturn("read(" + fd + ", ", packets);
        }
    }

    @Override
    public int write(int fd, byte[] buf, int off, int len) {
        int n = super.write(fd, buf, off, len);
        if (pair != null && (fd == pair[0] || fd == pair[1])) {
            sent.add(new String(buf, off, len, StandardCharsets.UTF_8));
        }
        return n;
    }

    @Override
    public int sendFd(int socket, byte[] data, int fd) {
        int n = super.sendFd(socket, data, fd);
        if (pair != null && (socket == pair[0] || socket == pair[1])) {
            sent.add(new String(data, StandardCharsets.UTF_8));
        }
        return n;
    }

    /** The fds socketpair gave out: [parent's end, child's end]. */
    int[] pair() {
        return pair.clone();
    }

    /** The messages written on the sync socket, parsed. */
    List<JsonNode> sentMessages() {
        return sent.stream().map(m -> JsonNode.root(Json.parse(m))).toList();
    }

    int indexOf(String prefix) {
        List<String> calls = calls();
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** The calls from the first one starting with {@code prefix} on. */
    List<String> callsFrom(String prefix) {
        List<String> calls = calls();
        int i = indexOf(prefix);
        return i < 0 ? List.of() : calls.subList(i, calls.size());
    }
}

package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import io.jrunc.sys.Errno;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.DT_DIR;
import static io.jrunc.sys.Linux.O_DIRECTORY;
import static io.jrunc.sys.Linux.O_PATH;

/** What the v1 and v2 managers share: the paths, the directories they made, processes and state. */
abstract class BaseCgroupManager implements CgroupManager {
    /** How long freezing may take before it is called a failure (runc: 1000 x 10 ms on v2). */
    static final long FREEZE_TIMEOUT_MILLIS = 10_000;

    /** What a process writes into a cgroup.procs or tasks file to move itself. */
    static final String SELF = "0";
    static final String JOIN_FAILED = "cannot join the container's cgroup";

    final Syscalls sys;
    final CgroupFiles files;
    final CgroupDirectories dirs;
    /** runc's cgroup_paths: subsystem ("" for cgroup2) to directory */
    final Map<String, String> paths;
    /** the mountpoint each directory is under */
    final Map<String, String> mountpoints;
    /** the directories create() made, top first; destroy() removes exactly these */
    final List<String> created;

    BaseCgroupManager(Syscalls sys, Map<String, String> paths, Map<String, String> mountpoints, List<String> created) {
        this.sys = sys;
        this.files = new CgroupFiles(sys);
        this.dirs = new CgroupDirectories(sys);
        this.paths = new LinkedHashMap<>(paths);
        this.mountpoints = new LinkedHashMap<>(mountpoints);
        this.created = new ArrayList<>(created);
    }

    abstract String mode();

    /** The directory whose processes are the container's (and whose tree pids() walks). */
    abstract String primaryDir();

    @Override
    public Map<String, String> paths() {
        return Collections.unmodifiableMap(paths);
    }

    @Override
    public boolean exists() {
        String dir = primaryDir();
        return dir != null && SysFiles.exists(sys, AT_FDCWD, dir);
    }

    @Override
    public JsonValue toJson() {
        return Json.object()
                .put("mode", mode())
                .put("paths", Json.stringMap(paths))
                .put("mountpoints", Json.stringMap(mountpoints))
                .put("created", Json.strings(created))
                .build();
    }

    @Override
    public void destroy() {
        JruncException first = null;
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                dirs.remove(created.get(i));
                created.remove(i);
            } catch (JruncException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public List<Integer> pids() {
        List<Integer> out = new ArrayList<>();
        collectPids(primaryDir(), out);
        return out;
    }

    private void collectPids(String dir, List<Integer> out) {
        String procs;
        try {
            procs = files.read(dir, "cgroup.procs");
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOTSUP || e.errno() == Errno.EOPNOTSUPP) {
                procs = files.read(dir, "cgroup.threads"); // a threaded cgroup lists threads only
            } else if (e.errno() == Errno.ENOENT) {
                return; // a sub-cgroup removed while we walked
            } else {
                throw e;
            }
        }
        for (String line : procs.split("\n")) {
            if (!line.isBlank()) {
                out.add(Integer.parseInt(line.trim()));
            }
        }
        for (String child : subdirectories(dir)) {
            collectPids(dir + "/" + child, out);
        }
    }

    private List<String> subdirectories(String dir) {
        List<String> out = new ArrayList<>();
        for (Syscalls.DirEntry entry : SysFiles.entriesIfExists(sys, dir, 0)) { // gone: removed while we walked
            if (entry.type() == DT_DIR) {
                out.add(entry.name());
            }
        }
        return out;
    }

    /** An O_PATH fd of a cgroup directory, for clone3(CLONE_INTO_CGROUP). */
    int openDirectory(String dir) {
        try {
            return sys.openat(AT_FDCWD, dir, O_PATH | O_DIRECTORY, 0);
        } catch (JruncException e) {
            throw Errno.exception(e.errno(), "openat2 " + dir);
        }
    }

    /**
     * Moves the calling process into {@code dir} by writing "0" (itself) to {@code file}. An init
     * joins its cgroups this way rather than having jrunc write its pid: written to a v1 "tasks"
     * file by the thread itself, the kernel skips the global lock whose first writer waits out an
     * RCU grace period (5-20 ms here, up to a third of a container's start-up).
     */
    void joinSelf(String dir, String file) {
        try {
            files.write(dir, file, SELF);
        } catch (JruncException e) {
            throw e.withContext(JOIN_FAILED);
        }
    }

    /**
     * runc's signalAllProcesses without cgroup.kill: freeze so nothing forks in between, signal
     * every process, thaw. Freezer trouble does not stop the signals.
     */
    void signalEach(int signal) {
        try {
            freeze();
        } catch (JruncException ignored) {
            // still worth signalling what is there
        }
        try {
            for (int pid : pids()) {
                try {
                    sys.kill(pid, signal);
                } catch (JruncException e) {
                    if (e.errno() != Errno.ESRCH) {
                        throw e;
                    }
                }
            }
        } finally {
            try {
                thaw();
            } catch (JruncException ignored) {
                // the processes are signalled; a thaw failure changes nothing for the caller
            }
        }
    }

    /** Writes "1" to cgroup.kill of {@code dir}; false when the kernel has no cgroup.kill (before 5.14). */
    boolean cgroupKill(String dir) {
        try {
            files.write(dir, "cgroup.kill", "1");
            return true;
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT) {
                return false;
            }
            throw e;
        }
    }
}

package io.jrunc.container;

import io.jrunc.JruncException;
import io.jrunc.json.Json;
import io.jrunc.sys.Errno;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.List;

import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.O_CLOEXEC;
import static io.jrunc.sys.Linux.O_DIRECTORY;
import static io.jrunc.sys.Linux.O_RDONLY;
import static io.jrunc.sys.Linux.S_IFIFO;

/**
 * The state directory ({@code --root}, /run/jrunc by default): one directory per container
 * holding state.json and, between create and start, the exec.fifo. The messages for a missing or
 * duplicate id are libcontainer's, which engines match on.
 */
public final class StateStore {
    public static final String STATE_FILE = "state.json";
    public static final String EXEC_FIFO = "exec.fifo";

    private final Syscalls sys;
    private final String root;

    public StateStore(Syscalls sys, String root) {
        this.sys = sys;
        this.root = root;
    }

    public String root() {
        return root;
    }

    public String dir(String id) {
        return root + "/" + id;
    }

    /** Makes the container's directory; fails if the id is taken. */
    public void createDir(String id) {
        SysFiles.mkdirs(sys, AT_FDCWD, root, 0700);
        try {
            sys.mkdirat(AT_FDCWD, dir(id), 0711);
        } catch (JruncException e) {
            if (e.errno() == Errno.EEXIST) throw new JruncException("container with given ID already exists", e.errno());
            throw e;
        }
    }

    /** The fifo the init blocks on until {@code start}; writable by the init whatever user it became. */
    public void createExecFifo(String id) {
        sys.mknodat(AT_FDCWD, dir(id) + "/" + EXEC_FIFO, S_IFIFO | 0622, 0);
        sys.fchmodat(AT_FDCWD, dir(id) + "/" + EXEC_FIFO, 0622); // the umask must not narrow it
    }

    public boolean hasExecFifo(String id) {
        return SysFiles.exists(sys, AT_FDCWD, dir(id) + "/" + EXEC_FIFO);
    }

    /** An O_PATH-free directory fd of the container's state dir (the init keeps it to reach the fifo after pivot_root). */
    public int openDir(String id) {
        return sys.openat(AT_FDCWD, dir(id), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
    }

    public void save(ContainerRecord record) {
        prepare(record).publish();
    }

    /**
     * state.json written but not yet in place: create prepares it while the init builds the
     * container and publishes it once the init is ready, so that other commands never see a
     * container before that, and create's last step is a rename.
     */
    public SysFiles.PreparedFile prepare(ContainerRecord record) {
        return SysFiles.prepareAtomic(sys, AT_FDCWD, dir(record.id()) + "/" + STATE_FILE, Json.writeUtf8(record.toJson()), 0600);
    }

    /** Loads a container; "container does not exist" when there is none with that id. */
    public ContainerRecord load(String id) {
        byte[] bytes;
        try {
            bytes = SysFiles.readFile(sys, AT_FDCWD, dir(id) + "/" + STATE_FILE);
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT || e.errno() == Errno.ENOTDIR) throw new JruncException("container does not exist", e.errno());
            throw e;
        }
        return ContainerRecord.fromJson(Json.parse(bytes));
    }

    public void remove(String id) {
        SysFiles.removeRecursive(sys, AT_FDCWD, dir(id));
    }

    /** The ids of all containers with a state file, in directory order; none when the root does not exist. */
    public List<String> ids() {
        int fd;
        try {
            fd = sys.openat(AT_FDCWD, root, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT) return List.of();
            throw e;
        }
        List<String> ids = new ArrayList<>();
        try {
            for (Syscalls.DirEntry entry : sys.getdents(fd)) {
                String name = entry.name();
                if (!name.startsWith(".") && SysFiles.exists(sys, fd, name + "/" + STATE_FILE)) ids.add(name);
            }
        } finally {
            sys.close(fd);
        }
        return ids;
    }
}

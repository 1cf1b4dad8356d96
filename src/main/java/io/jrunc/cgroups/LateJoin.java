package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.sys.Syscalls;

import static io.jrunc.sys.Linux.O_CLOEXEC;
import static io.jrunc.sys.Linux.O_WRONLY;

/**
 * The part of {@link CgroupManager#joinSelf} an init leaves for the end of its setup: the v1
 * memory cgroup. Its tasks file is opened at once, while the host's cgroupfs is still in the
 * init's mount namespace; {@link #complete} writes to it after pivot_root.
 */
public final class LateJoin {
    static final LateJoin NONE = new LateJoin(null, null, -1);

    private final CgroupFiles files;
    private final String path;
    private int fd;

    private LateJoin(CgroupFiles files, String path, int fd) {
        this.files = files;
        this.path = path;
        this.fd = fd;
    }

    static LateJoin open(CgroupFiles files, String dir, String file) {
        String path = CgroupFiles.path(dir, file);
        return new LateJoin(files, path, files.open(path, O_WRONLY | O_CLOEXEC));
    }

    /** Moves the calling thread (the whole init: it has one) into the cgroup; nothing when there is none left to join. */
    public void complete() {
        if (fd < 0) return;
        Syscalls sys = files.sys();
        try {
            files.writeValue(fd, path, BaseCgroupManager.SELF);
        } catch (JruncException e) {
            throw e.withContext(BaseCgroupManager.JOIN_FAILED);
        } finally {
            int open = fd;
            fd = -1;
            sys.close(open);
        }
    }
}

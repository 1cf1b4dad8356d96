package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.List;

import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.AT_REMOVEDIR;
import static io.jrunc.sys.Linux.DT_DIR;
import static io.jrunc.sys.Linux.O_NOFOLLOW;

/** Making and removing cgroup directories the way runc does (mkdir -p 0755; rmdir leaf-first). */
final class CgroupDirectories {
    private static final int RMDIR_TRIES = 10;

    private final Syscalls sys;

    CgroupDirectories(Syscalls sys) {
        this.sys = sys;
    }

    /**
     * mkdir -p of {@code dir} below {@code mountpoint} (which exists). Returns the directories
     * this call made, top first, so that a later destroy removes those and nothing else.
     */
    List<String> makeBelow(String mountpoint, String dir) {
        List<String> made = new ArrayList<>();
        String current = mountpoint;
        String rest = GoPaths.relativeInside(mountpoint, dir);
        if (rest.equals(dir)) { // not below the mountpoint: build it from "/"
            current = "";
            rest = dir.substring(1);
        }
        if (rest.isEmpty()) {
            return made;
        }
        try {
            for (String part : rest.split("/")) {
                current = current + "/" + part;
                if (mkdir(current)) {
                    made.add(current);
                }
            }
        } catch (JruncException e) {
            removeQuietly(made); // a half-made path must not stay behind
            throw e;
        }
        return made;
    }

    /** mkdir(2) 0755; false when the directory was already there. */
    boolean mkdir(String path) {
        try {
            sys.mkdirat(AT_FDCWD, path, 0755);
            return true;
        } catch (JruncException e) {
            if (e.errno() == Errno.EEXIST) {
                return false;
            }
            throw Errno.exception(e.errno(), "mkdir " + path);
        }
    }

    /** Removes {@code made} deepest first, ignoring errors: the cleanup after another failure. */
    void removeQuietly(List<String> made) {
        for (int i = made.size() - 1; i >= 0; i--) {
            try {
                remove(made.get(i));
            } catch (JruncException ignored) {
                // the original failure is the one to report
            }
        }
    }

    /**
     * runc's RemovePath: rmdir; if that fails, remove the sub-cgroups (a container with its own
     * cgroup namespace may have made some) and try again, retrying EBUSY briefly because the
     * last tasks may still be leaving. A directory that is already gone is fine.
     */
    void remove(String dir) {
        if (rmdir(dir, false)) {
            return;
        }
        List<String> children;
        try {
            children = subdirectories(dir);
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT) {
                return;
            }
            throw e;
        }
        for (String child : children) {
            remove(dir + "/" + child);
        }
        rmdir(dir, true);
    }

    /** rmdir(2); true when the directory is gone. Without {@code retry} a failure returns false. */
    private boolean rmdir(String dir, boolean retry) {
        long delayMillis = 1;
        for (int tries = 0; ; tries++) {
            try {
                sys.unlinkat(AT_FDCWD, dir, AT_REMOVEDIR);
                return true;
            } catch (JruncException e) {
                if (e.errno() == Errno.ENOENT) {
                    return true;
                }
                if (!retry) {
                    return false;
                }
                if (e.errno() != Errno.EBUSY || tries >= RMDIR_TRIES) {
                    throw Errno.exception(e.errno(), "rmdir " + dir);
                }
            }
            pause(delayMillis);
            delayMillis *= 2;
        }
    }

    private List<String> subdirectories(String dir) {
        List<String> out = new ArrayList<>();
        for (Syscalls.DirEntry entry : SysFiles.entries(sys, dir, O_NOFOLLOW)) {
            if (entry.type() == DT_DIR) {
                out.add(entry.name());
            }
        }
        return out;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JruncException("interrupted", Errno.EINTR);
        }
    }
}

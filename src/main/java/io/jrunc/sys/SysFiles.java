package io.jrunc.sys;

import io.jrunc.JruncException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static io.jrunc.sys.Linux.*;

/**
 * File conveniences every command needs, built only on {@link Syscalls} (java.nio.file aborts in
 * the native image, and going through the interface keeps them visible to the test fake). Paths
 * are relative to {@code dirfd} unless absolute; {@link Linux#AT_FDCWD} for the working directory.
 */
public final class SysFiles {
    private SysFiles() {}

    /** The whole content of a file. */
    public static byte[] readFile(Syscalls sys, int dirfd, String path) {
        int fd = sys.openat(dirfd, path, O_RDONLY, 0);
        try {
            return readAll(sys, fd);
        } finally {
            sys.close(fd);
        }
    }

    /** The whole content of a file as UTF-8 text. */
    public static String readString(Syscalls sys, int dirfd, String path) {
        return new String(readFile(sys, dirfd, path), StandardCharsets.UTF_8);
    }

    /** Reads {@code fd} to its end. */
    public static byte[] readAll(Syscalls sys, int fd) {
        byte[] buf = new byte[4096];
        int len = 0;
        while (true) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = sys.read(fd, buf, len, buf.length - len);
            if (n == 0) {
                return Arrays.copyOf(buf, len);
            }
            len += n;
        }
    }

    /** Writes all of {@code data}, however many short writes it takes. */
    public static void writeAll(Syscalls sys, int fd, byte[] data) {
        int off = 0;
        while (off < data.length) {
            off += sys.write(fd, data, off, data.length - off);
        }
    }

    /** Creates or truncates {@code path} and writes {@code data}; {@code mode} (less the umask) applies to a new file. */
    public static void writeFile(Syscalls sys, int dirfd, String path, byte[] data, int mode) {
        int fd = sys.openat(dirfd, path, O_WRONLY | O_CREAT | O_TRUNC, mode);
        try {
            writeAll(sys, fd, data);
        } finally {
            sys.close(fd);
        }
    }

    /**
     * Replaces {@code path} so that readers see the old or the new content, never a part: the
     * data goes to a fresh temporary file in the same directory, which gets exactly {@code mode}
     * and is then renamed over {@code path}. No fsync, as runc's state files: they live on tmpfs
     * and must not outlive a reboot anyway.
     */
    public static void writeFileAtomic(Syscalls sys, int dirfd, String path, byte[] data, int mode) {
        prepareAtomic(sys, dirfd, path, data, mode).publish();
    }

    /**
     * The first half of {@link #writeFileAtomic}: the data in its temporary file, ready to replace
     * {@code path} when {@link PreparedFile#publish} renames it into place; until then readers see
     * the old content (or none).
     */
    public static PreparedFile prepareAtomic(Syscalls sys, int dirfd, String path, byte[] data, int mode) {
        String tmp = temporarySibling(sys, path);
        int fd = sys.openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL, mode);
        PreparedFile prepared = new PreparedFile(sys, dirfd, tmp, path);
        try {
            try {
                sys.fchmod(fd, mode); // the umask must not decide who may read the state
                writeAll(sys, fd, data);
            } finally {
                sys.close(fd);
            }
        } catch (RuntimeException e) {
            prepared.discard();
            throw e;
        }
        return prepared;
    }

    /** A written temporary file waiting to be renamed over its target. */
    public record PreparedFile(Syscalls sys, int dirfd, String temporary, String path) {
        /** Renames it into place; on failure it is removed and the error thrown. */
        public void publish() {
            try {
                sys.renameat2(dirfd, temporary, dirfd, path, 0);
            } catch (RuntimeException e) {
                discard();
                throw e;
            }
        }

        /** Removes the temporary file; the first failure is the one worth reporting, so this one stays quiet. */
        public void discard() {
            try {
                sys.unlinkat(dirfd, temporary, 0);
            } catch (JruncException ignored) {
                // see above
            }
        }
    }

    /** ".name.tmp-<random>" next to {@code path}. */
    static String temporarySibling(Syscalls sys, String path) {
        byte[] random = new byte[6];
        sys.getrandom(random);
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        String name = path.substring(slash + 1);
        return dir + "." + name + ".tmp-" + HexFormat.of().formatHex(random);
    }

    /**
     * mkdir -p, like Go's os.MkdirAll: every missing directory of {@code path} is created with
     * {@code mode} (less the umask); existing directories (or symlinks to them) are fine; an
     * existing non-directory fails with ENOTDIR.
     */
    public static void mkdirs(Syscalls sys, int dirfd, String path, int mode) {
        if (isDirectory(sys, dirfd, path)) {
            return;
        }
        int end = 0;
        while (end < path.length()) {
            int next = path.indexOf('/', end + 1);
            end = next < 0 ? path.length() : next;
            String prefix = path.substring(0, end);
            if (prefix.isEmpty() || prefix.endsWith("/")) {
                continue; // the root, or a doubled slash
            }
            try {
                sys.mkdirat(dirfd, prefix, mode);
            } catch (JruncException e) {
                if (e.errno() != Errno.EEXIST) {
                    throw e;
                }
                if (!isDirectory(sys, dirfd, prefix)) {
                    throw Errno.exception(Errno.ENOTDIR, FailureText.path("mkdirat", prefix));
                }
            }
        }
    }

    private static boolean isDirectory(Syscalls sys, int dirfd, String path) {
        try {
            return sys.statx(dirfd, path, 0).isDirectory();
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT || e.errno() == Errno.ENOTDIR) {
                return false;
            }
            throw e;
        }
    }

    /** mkfifo(3): a named pipe with {@code mode} (less the umask), such as runc's exec.fifo. */
    public static void mkfifo(Syscalls sys, int dirfd, String path, int mode) {
        sys.mknodat(dirfd, path, S_IFIFO | (mode & 07777), 0);
    }

    /** Whether {@code path} exists; a dangling symlink exists (it is not followed). */
    public static boolean exists(Syscalls sys, int dirfd, String path) {
        try {
            sys.statx(dirfd, path, AT_SYMLINK_NOFOLLOW);
            return true;
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT || e.errno() == Errno.ENOTDIR) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The entries of the directory {@code path} but "." and "..", in directory order. {@code openFlags}
     * are added to O_RDONLY|O_DIRECTORY (O_NOFOLLOW, say); a failure reads "open PATH: ..." and keeps its errno.
     */
    public static List<Syscalls.DirEntry> entries(Syscalls sys, String path, int openFlags) {
        int fd;
        try {
            fd = sys.openat(AT_FDCWD, path, O_RDONLY | O_DIRECTORY | openFlags, 0);
        } catch (JruncException e) {
            throw Errno.exception(e.errno(), "open " + path);
        }
        try {
            List<Syscalls.DirEntry> out = new ArrayList<>();
            for (Syscalls.DirEntry entry : sys.getdents(fd)) {
                if (!entry.name().equals(".") && !entry.name().equals("..")) {
                    out.add(entry);
                }
            }
            return out;
        } finally {
            sys.close(fd);
        }
    }

    /** {@link #entries}, or none when the directory does not exist (a cgroup removed meanwhile, an absent knob). */
    public static List<Syscalls.DirEntry> entriesIfExists(Syscalls sys, String path, int openFlags) {
        try {
            return entries(sys, path, openFlags);
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT) {
                return List.of();
            }
            throw e;
        }
    }

    /**
     * rm -rf, like Go's os.RemoveAll: removes {@code name} and, if it is a directory, everything
     * under it. Symlinks are removed, never followed; directories are opened with O_NOFOLLOW, so
     * a directory swapped for a symlink midway cannot lead outside. A missing {@code name} is fine.
     */
    public static void removeRecursive(Syscalls sys, int dirfd, String name) {
        try {
            sys.unlinkat(dirfd, name, 0);
            return;
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT) {
                return;
            }
            if (e.errno() != Errno.EISDIR) {
                throw e;
            }
        }
        int fd;
        try {
            fd = sys.openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0);
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT) {
                return;
            }
            throw e;
        }
        try {
            for (Syscalls.DirEntry entry : sys.getdents(fd)) {
                if (!entry.name().equals(".") && !entry.name().equals("..")) {
                    removeRecursive(sys, fd, entry.name());
                }
            }
        } finally {
            sys.close(fd);
        }
        try {
            sys.unlinkat(dirfd, name, AT_REMOVEDIR);
        } catch (JruncException e) {
            if (e.errno() != Errno.ENOENT) {
                throw e;
            }
        }
    }
}

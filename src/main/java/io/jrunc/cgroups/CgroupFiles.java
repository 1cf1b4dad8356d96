package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.GoQuote;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.nio.charset.StandardCharsets;

import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.O_RDONLY;
import static io.jrunc.sys.Linux.O_WRONLY;

/**
 * Reading and writing cgroup interface files, with runc's error texts
 * ({@code openat2 /sys/fs/cgroup/x/memory.max: no such file or directory},
 * {@code failed to write "max": write /sys/fs/cgroup/x/pids.max: invalid argument}) because
 * engines show them to users as they are. Every value is written with one write(2): cgroupfs
 * takes a value per write, so a value must never be split.
 */
final class CgroupFiles {
    /** A uint64 "max" (or an unlimited v1 value) as the bits of a long. */
    static final long UINT64_MAX = -1L;

    private final Syscalls sys;

    CgroupFiles(Syscalls sys) {
        this.sys = sys;
    }

    Syscalls sys() {
        return sys;
    }

    static String path(String dir, String file) {
        return dir + "/" + file;
    }

    String read(String dir, String file) {
        String path = path(dir, file);
        int fd = open(path, O_RDONLY);
        try {
            return new String(SysFiles.readAll(sys, fd), StandardCharsets.UTF_8);
        } catch (JruncException e) {
            throw Errno.exception(e.errno(), "read " + path);
        } finally {
            sys.close(fd);
        }
    }

    /** The file's content, or null when it does not exist (an optional knob or controller). */
    String readIfExists(String dir, String file) {
        try {
            return read(dir, file);
        } catch (JruncException e) {
            if (e.errno() == Errno.ENOENT || e.errno() == Errno.ENODEV) {
                return null;
            }
            throw e;
        }
    }

    void write(String dir, String file, String value) {
        String path = path(dir, file);
        int fd = open(path, O_WRONLY);
        try {
            writeValue(fd, path, value);
        } finally {
            sys.close(fd);
        }
    }

    /** One write(2) of {@code value} to an open cgroup file; a short write is an error of its own. */
    void writeValue(int fd, String path, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        String what = "failed to write " + GoQuote.quote(value) + ": write " + path + ": ";
        int n;
        try {
            n = sys.write(fd, bytes, 0, bytes.length);
        } catch (JruncException e) {
            throw new JruncException(what + Errno.message(e.errno()), e.errno());
        }
        if (n != bytes.length) {
            throw new JruncException(what + "short write", Errno.EIO);
        }
    }

    int open(String path, int flags) {
        try {
            return sys.openat(AT_FDCWD, path, flags, 0);
        } catch (JruncException e) {
            throw Errno.exception(e.errno(), "openat2 " + path);
        }
    }

    boolean exists(String dir, String file) {
        return SysFiles.exists(sys, AT_FDCWD, path(dir, file));
    }

    /** runc's GetCgroupParamUint: one number; "max" is uint64 max; a negative number is 0. */
    long readUint(String dir, String file) {
        return parseUint(read(dir, file).trim(), path(dir, file));
    }

    static long parseUint(String value, String where) {
        if (value.equals("max")) {
            return UINT64_MAX;
        }
        try {
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            try {
                if (Long.parseLong(value) < 0) {
                    return 0; // kernels print -1 for "unset" in a few v1 files
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new JruncException("unable to parse " + where + ": invalid value " + GoQuote.quote(value));
        }
    }
}

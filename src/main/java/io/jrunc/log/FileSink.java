package io.jrunc.log;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;

/**
 * The {@code --log} file. It is opened for appending, so every line lands at the end even while
 * other jrunc processes (exec, kill) append to the same file, and engines that read the file as it
 * grows never see half a line.
 */
public final class FileSink implements LogSink {
    private final Syscalls sys;
    private final int fd;

    private FileSink(Syscalls sys, int fd) {
        this.sys = sys;
        this.fd = fd;
    }

    /** Opens (creating with mode 0644) {@code path} write-only for appending, close-on-exec. */
    public static FileSink open(Syscalls sys, String path) {
        int fd = sys.openat(Linux.AT_FDCWD, path,
                Linux.O_WRONLY | Linux.O_APPEND | Linux.O_CREAT | Linux.O_CLOEXEC, 0644);
        return new FileSink(sys, fd);
    }

    @Override
    public void write(byte[] line) {
        int off = 0;
        while (off < line.length) {
            try {
                off += sys.write(fd, line, off, line.length - off);
            } catch (JruncException e) {
                if (e.errno() != Errno.EINTR) {
                    return; // a log line that cannot be written must not hide the error being reported
                }
            }
        }
    }

    @Override
    public boolean isStderr() {
        return false;
    }

    @Override
    public boolean isTerminal() {
        return false;
    }

    /** The descriptor, for a later process that should log to the same file. */
    public int fd() {
        return fd;
    }
}

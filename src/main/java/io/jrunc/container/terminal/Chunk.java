package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Syscalls;

/**
 * Bytes read from one fd and not yet written to another. The relay reads only into an empty
 * chunk, so it is a plain buffer with a consumed prefix rather than a ring.
 */
final class Chunk {
    /** {@link #fill} when the fd had nothing ready (EAGAIN). */
    static final int NOTHING_READY = -1;

    private final byte[] bytes;
    private int start;
    private int end;

    Chunk(int capacity) {
        bytes = new byte[capacity];
    }

    boolean isEmpty() {
        return start == end;
    }

    int size() {
        return end - start;
    }

    void clear() {
        start = 0;
        end = 0;
    }

    /**
     * One read(2) into the (empty) chunk: the count, 0 at end of file, {@link #NOTHING_READY}.
     * EIO counts as end of file: it is how a pty reports that the other side is gone.
     */
    int fill(Syscalls sys, int fd) {
        clear();
        try {
            int n = sys.read(fd, bytes, 0, bytes.length);
            end = n;
            return n;
        } catch (JruncException e) {
            if (Failures.isErrno(e, Errno.EAGAIN)) {
                return NOTHING_READY;
            }
            if (Failures.isErrno(e, Errno.EIO)) {
                return 0;
            }
            throw e;
        }
    }

    /** One write(2) of at most {@code max} pending bytes: the count written, {@link #NOTHING_READY} on EAGAIN. */
    int writeTo(Syscalls sys, int fd, int max) {
        try {
            int n = sys.write(fd, bytes, start, Math.min(max, size()));
            start += n;
            if (start == end) {
                clear();
            }
            return n;
        } catch (JruncException e) {
            if (Failures.isErrno(e, Errno.EAGAIN)) {
                return NOTHING_READY;
            }
            throw e;
        }
    }
}

package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.LinuxSyscalls;
import io.jrunc.sys.Syscalls;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.jrunc.sys.Linux.POLLIN;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real kernel for tests, with the fds a test opened closed at its end. */
final class RealKernel implements AutoCloseable {
    /** The longest a test waits for a byte the kernel already has: a safety net, never a pause. */
    static final int PATIENCE_MILLIS = 5000;

    final Syscalls sys = LinuxSyscalls.INSTANCE;
    private final List<Integer> fds = new ArrayList<>();

    int track(int fd) {
        fds.add(fd);
        return fd;
    }

    /**
     * A pty pair {master, peer} from the legacy /dev/ptmx node (mode 0666, so no root needed),
     * without {@link Pty}: for tests of the code that uses a pty rather than allocates one.
     */
    int[] openPty() {
        int master = track(sys.openat(io.jrunc.sys.Linux.AT_FDCWD, "/dev/ptmx",
                io.jrunc.sys.Linux.O_RDWR | io.jrunc.sys.Linux.O_NOCTTY, 0));
        sys.ioctlSetInt(master, io.jrunc.sys.Linux.TIOCSPTLCK, 0);
        int peer = track(sys.ioctl(master, io.jrunc.sys.Linux.TIOCGPTPEER,
                io.jrunc.sys.Linux.O_RDWR | io.jrunc.sys.Linux.O_NOCTTY));
        return new int[] {master, peer};
    }

    /** A pipe {read end, write end}, both tracked. */
    int[] pipe() {
        int[] p = sys.pipe2(0);
        track(p[0]);
        track(p[1]);
        return p;
    }

    boolean isRoot() {
        return sys.geteuid() == 0;
    }

    /** Reads what {@code fd} has (waiting for it to have something) until {@code expected} bytes came. */
    String readExactly(int fd, int expected) {
        StringBuilder got = new StringBuilder();
        byte[] buf = new byte[4096];
        while (got.length() < expected) {
            short[] ready = sys.poll(new int[] {fd}, new short[] {POLLIN}, PATIENCE_MILLIS);
            assertTrue(ready.length > 0, "nothing to read on fd " + fd + " after " + got);
            int n = sys.read(fd, buf, 0, Math.min(buf.length, expected - got.length()));
            if (n == 0) {
                break;
            }
            got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
        return got.toString();
    }

    void writeAll(int fd, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        int off = 0;
        while (off < b.length) {
            off += sys.write(fd, b, off, b.length - off);
        }
    }

    /** Whether {@code fd} has something to read right now. */
    boolean readable(int fd) {
        return sys.poll(new int[] {fd}, new short[] {POLLIN}, 0).length > 0;
    }

    /** Closes {@code fd} now (and forgets it). */
    void close(int fd) {
        fds.remove(Integer.valueOf(fd));
        sys.close(fd);
    }

    @Override
    public void close() {
        for (int fd : fds) {
            try {
                sys.close(fd);
            } catch (JruncException ignored) {
                // already closed by the code under test
            }
        }
        fds.clear();
    }

    /** Decides, call by call, whether to answer instead of the kernel. */
    interface Interceptor {
        /** A result to return (or a JruncException to throw), or {@link #PASS} to let the kernel answer. */
        Object answer(String method, Object[] args);
    }

    static final Object PASS = new Object();

    /** The real kernel except where {@code interceptor} answers. */
    Syscalls intercepted(Interceptor interceptor) {
        return (Syscalls) Proxy.newProxyInstance(Syscalls.class.getClassLoader(), new Class<?>[] {Syscalls.class},
                (proxy, method, args) -> {
                    Object[] a = args == null ? new Object[0] : args;
                    Object r = interceptor.answer(method.getName(), a);
                    if (r instanceof JruncException e) {
                        throw e;
                    }
                    if (r != PASS) {
                        return r;
                    }
                    try {
                        return method.invoke(sys, a);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

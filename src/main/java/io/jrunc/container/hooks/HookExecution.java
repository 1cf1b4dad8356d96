package io.jrunc.container.hooks;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One run of one hook command, the way Go's exec.Cmd runs it for runc: the state JSON on its
 * stdin, stdout and stderr captured, the exit status waited for, the hook killed when it outlives
 * its timeout.
 *
 * <p>Forking is safe because this code only runs in jrunc's single-threaded native image. The
 * state is put in the stdin pipe before the fork (a pipe holds at least one page; bigger states
 * get a bigger pipe, or a memfd), so the parent never writes to a hook that may already be gone
 * (no SIGPIPE) and only has to read. An exec failure comes back as an errno on a close-on-exec
 * pipe, which a successful execve closes: Go's "fork/exec" report.
 */
final class HookExecution {
    /** Bytes any pipe holds without blocking: one page. */
    static final int MIN_PIPE_CAPACITY = 4096;
    static final int READ_CHUNK = 4096;
    /** The exit status of a child whose execve failed (it never becomes the hook). */
    static final int EXEC_FAILED_STATUS = 127;

    private final Syscalls sys;
    private final LongSupplier nanoClock;

    /** How a hook ended: the raw wait status and everything it wrote. */
    record Outcome(int status, byte[] stdout, byte[] stderr) {}

    HookExecution(Syscalls sys, LongSupplier nanoClock) {
        this.sys = sys;
        this.nanoClock = nanoClock;
    }

    /**
     * Runs {@code path} with {@code argv} and {@code env}, {@code stdin} as its input.
     *
     * @param timeoutSeconds null for no limit
     * @throws JruncException {@code fork/exec <path>: <errno text>} when it cannot start,
     *                        {@code hook ran past specified timeout of 2.0s} when killed for its timeout
     */
    Outcome run(String path, List<String> argv, List<String> env, byte[] stdin, Integer timeoutSeconds) {
        OpenFds fds = new OpenFds(sys);
        try {
            int input = stdinWith(stdin, fds);
            int[] out = fds.pipe();
            int[] err = fds.pipe();
            int[] execError = fds.pipe();
            int pid = fork(path);
            if (pid == 0) {
                becomeHook(new int[] {input, out[1], err[1]}, execError[1], path, argv, env);
            }
            Child child = new Child(pid);
            try {
                return await(child, path, input, out, err, execError, timeoutSeconds, fds);
            } catch (RuntimeException | Error e) {
                child.killAndReap(); // a failed read or poll must not leave the hook running unwaited
                throw e;
            }
        } finally {
            fds.closeAll();
        }
    }

    private Outcome await(Child child, String path, int input, int[] out, int[] err, int[] execError,
                          Integer timeoutSeconds, OpenFds fds) {
        long started = nanoClock.getAsLong();
        fds.close(input);
        fds.close(out[1]);
        fds.close(err[1]);
        fds.close(execError[1]);
        int execErrno = readExecError(execError[0]);
        fds.close(execError[0]);
        if (execErrno != 0) {
            child.reap();
            throw new JruncException("fork/exec " + path + ": " + Errno.message(execErrno), execErrno);
        }
        byte[][] output = collect(child, out[0], err[0], timeoutSeconds, started, fds);
        int status = child.reap();
        return new Outcome(status, output[0], output[1]);
    }

    /** The forked hook, waited for exactly once. */
    private final class Child {
        private final int pid;
        private boolean reaped;

        Child(int pid) {
            this.pid = pid;
        }

        /** wait4 for the hook's end; returns the raw status. */
        int reap() {
            reaped = true; // even if wait4 fails: there is nothing left to wait for
            return sys.wait4(pid, 0).status();
        }

        /** SIGKILL then wait4, unless already reaped; for cleanup paths, so failures are swallowed. */
        void killAndReap() {
            if (reaped) {
                return;
            }
            try {
                sys.kill(pid, Linux.SIGKILL);
            } catch (JruncException ignored) {
                // already gone: the wait below reaps it all the same
            }
            try {
                reap();
            } catch (JruncException ignored) {
                // nothing more can be done about it
            }
        }
    }

    /** The fd the hook reads the state from, already holding all of it with the writing end closed. */
    private int stdinWith(byte[] data, OpenFds fds) {
        int[] pipe = fds.pipe();
        if (data.length <= MIN_PIPE_CAPACITY || grow(pipe[1], data.length)) {
            SysFiles.writeAll(sys, pipe[1], data);
            fds.close(pipe[1]);
            return pipe[0];
        }
        fds.close(pipe[0]);
        fds.close(pipe[1]);
        int memfd = fds.add(sys.memfdCreate("hook-state", 0));
        SysFiles.writeAll(sys, memfd, data);
        sys.lseek(memfd, 0, Linux.SEEK_SET);
        return memfd;
    }

    private boolean grow(int pipeFd, int size) {
        try {
            return sys.fcntl(pipeFd, Linux.F_SETPIPE_SZ, size) >= size;
        } catch (JruncException e) {
            return false; // over /proc/sys/fs/pipe-max-size or the user's pipe quota: use a memfd
        }
    }

    private int fork(String path) {
        try {
            return sys.fork();
        } catch (JruncException e) {
            throw new JruncException("fork/exec " + path + ": " + Errno.message(e.errno()), e.errno(), e);
        }
    }

    /**
     * In the child: stdio from the pipes, every other fd close-on-exec, signals unblocked, execve.
     * Never returns: a failed call's errno goes to {@code report} and the child exits 127 (also,
     * unreported, after any unexpected error: this code must never fall back into the parent's).
     * close_range marks the fds close-on-exec rather than closing them so that {@code report}
     * lives until execve; the effect on the hook is the same: it inherits only 0, 1 and 2.
     */
    private void becomeHook(int[] stdio, int report, String path, List<String> argv, List<String> env) {
        try {
            try {
                sys.sigprocmask(Linux.SIG_SETMASK, 0);
                // a source (or the report pipe) sitting on 0..2 would be clobbered by dup3: move it up first
                for (int target = 0; target < stdio.length; target++) {
                    if (stdio[target] < stdio.length && stdio[target] != target) {
                        stdio[target] = sys.fcntl(stdio[target], Linux.F_DUPFD_CLOEXEC, stdio.length);
                    }
                }
                if (report < stdio.length) {
                    report = sys.fcntl(report, Linux.F_DUPFD_CLOEXEC, stdio.length);
                }
                for (int target = 0; target < stdio.length; target++) {
                    if (stdio[target] == target) {
                        sys.fcntl(target, Linux.F_SETFD, 0);
                    } else {
                        sys.dup3(stdio[target], target, 0);
                    }
                }
                sys.closeRange(stdio.length, -1, Linux.CLOSE_RANGE_CLOEXEC);
                sys.execve(path, argv, env);
            } catch (JruncException e) {
                reportErrno(report, e.errno() != 0 ? e.errno() : Errno.EINVAL);
            }
        } finally {
            sys.exitGroup(EXEC_FAILED_STATUS);
        }
        throw new IllegalStateException("exit_group returned");
    }

    private void reportErrno(int report, int errno) {
        byte[] code = {(byte) errno, (byte) (errno >> 8), (byte) (errno >> 16), (byte) (errno >> 24)};
        try {
            sys.write(report, code, 0, code.length);
        } catch (JruncException ignored) {
            // the parent then sees a plain exit status 127
        }
    }

    /** The errno the child reported, 0 when the pipe closed empty (execve succeeded). */
    private int readExecError(int fd) {
        byte[] code = new byte[4];
        int got = 0;
        while (got < code.length) {
            int n = sys.read(fd, code, got, code.length - got);
            if (n == 0) {
                break;
            }
            got += n;
        }
        if (got < code.length) {
            return 0;
        }
        return (code[0] & 0xff) | (code[1] & 0xff) << 8 | (code[2] & 0xff) << 16 | (code[3] & 0xff) << 24;
    }

    /** Reads stdout and stderr to their ends; kills and reaps the hook if the timeout passes first. */
    private byte[][] collect(Child child, int stdoutFd, int stderrFd, Integer timeoutSeconds, long started, OpenFds fds) {
        int[] open = {stdoutFd, stderrFd};
        Buffer[] output = {new Buffer(), new Buffer()};
        long deadline = timeoutSeconds == null ? 0 : started + timeoutSeconds * 1_000_000_000L;
        byte[] chunk = new byte[READ_CHUNK];
        while (open[0] >= 0 || open[1] >= 0) {
            List<Integer> which = new ArrayList<>(2);
            for (int i = 0; i < open.length; i++) {
                if (open[i] >= 0) {
                    which.add(i);
                }
            }
            int[] pollFds = new int[which.size()];
            short[] events = new short[which.size()];
            for (int k = 0; k < pollFds.length; k++) {
                pollFds[k] = open[which.get(k)];
                events[k] = Linux.POLLIN;
            }
            int waitMillis = -1;
            if (timeoutSeconds != null) {
                long left = deadline - nanoClock.getAsLong();
                if (left <= 0) {
                    throw killForTimeout(child, timeoutSeconds);
                }
                waitMillis = (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
            }
            short[] revents = sys.poll(pollFds, events, waitMillis);
            if (revents.length == 0) {
                if (timeoutSeconds == null) {
                    continue; // an endless poll does not time out; nothing to do but poll again
                }
                throw killForTimeout(child, timeoutSeconds);
            }
            for (int k = 0; k < revents.length; k++) {
                if (revents[k] == 0) {
                    continue;
                }
                int i = which.get(k);
                int n = (revents[k] & Linux.POLLNVAL) != 0 ? 0 : sys.read(open[i], chunk, 0, chunk.length);
                if (n == 0) {
                    fds.close(open[i]);
                    open[i] = -1;
                } else {
                    output[i].append(chunk, n);
                }
            }
        }
        return new byte[][] {output[0].bytes(), output[1].bytes()};
    }

    private JruncException killForTimeout(Child child, int timeoutSeconds) {
        child.killAndReap();
        return new JruncException("hook ran past specified timeout of " + timeoutSeconds + ".0s");
    }

    /** A growable byte array (no java.io streams in production code). */
    private static final class Buffer {
        private byte[] data = new byte[0];
        private int size;

        void append(byte[] chunk, int n) {
            if (size + n > data.length) {
                data = Arrays.copyOf(data, Math.max(size + n, data.length * 2));
            }
            System.arraycopy(chunk, 0, data, size, n);
            size += n;
        }

        byte[] bytes() {
            return Arrays.copyOf(data, size);
        }
    }

    /** The fds one run opened, so that every path out closes what is still open. */
    private static final class OpenFds {
        private final Syscalls sys;
        private final List<Integer> fds = new ArrayList<>();

        OpenFds(Syscalls sys) {
            this.sys = sys;
        }

        int add(int fd) {
            fds.add(fd);
            return fd;
        }

        int[] pipe() {
            int[] p = sys.pipe2(Linux.O_CLOEXEC);
            fds.add(p[0]);
            fds.add(p[1]);
            return p;
        }

        void close(int fd) {
            if (fds.remove(Integer.valueOf(fd))) {
                sys.close(fd);
            }
        }

        void closeAll() {
            for (int fd : fds) {
                try {
                    sys.close(fd);
                } catch (JruncException ignored) {
                    // cleanup after another failure: that one is the error to report
                }
            }
            fds.clear();
        }
    }
}

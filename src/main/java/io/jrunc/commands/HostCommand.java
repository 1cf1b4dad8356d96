package io.jrunc.commands;

import io.jrunc.JruncException;
import io.jrunc.container.process.ExecutableLookup;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A host program run the way Go's {@code exec.Command(name, args...).CombinedOutput()} runs it for
 * runc's ps: looked up in jrunc's own PATH, jrunc's environment, stdin /dev/null, stdout and
 * stderr into one pipe, waited for. Forking is safe because this only runs in jrunc's
 * single-threaded native image; an execve failure comes back as an errno on a close-on-exec pipe
 * (Go's "fork/exec PATH: ..." error).
 */
final class HostCommand {
    /** The exit status of a child whose execve failed. */
    static final int EXEC_FAILED_STATUS = 127;
    private static final int CHUNK = 4096;

    /** How the program ended (the raw wait status) and everything it wrote to stdout and stderr. */
    record Result(int status, byte[] output) {}

    private HostCommand() {}

    static Result combinedOutput(Syscalls sys, String name, List<String> args) {
        List<String> env = sys.environment();
        String path = new ExecutableLookup(sys).find(name, value(env, "PATH"));
        List<String> argv = new ArrayList<>();
        argv.add(name);
        argv.addAll(args);
        List<Integer> open = new ArrayList<>();
        try {
            int stdin = track(open, sys.openat(Linux.AT_FDCWD, "/dev/null", Linux.O_RDONLY, 0));
            int[] output = sys.pipe2(Linux.O_CLOEXEC);
            track(open, output[0]);
            track(open, output[1]);
            int[] report = sys.pipe2(Linux.O_CLOEXEC);
            track(open, report[0]);
            track(open, report[1]);
            int pid = fork(sys, path);
            if (pid == 0) {
                becomeProgram(sys, new int[] {stdin, output[1], output[1]}, report[1], path, argv, env);
            }
            close(sys, open, stdin);
            close(sys, open, output[1]);
            close(sys, open, report[1]);
            int errno;
            byte[] out;
            try {
                errno = readErrno(sys, report[0]);
                out = errno != 0 ? new byte[0] : readAll(sys, output[0]);
            } catch (JruncException e) {
                killAndReap(sys, pid);
                throw e;
            }
            int status = sys.wait4(pid, 0).status();
            if (errno != 0) {
                throw new JruncException("fork/exec " + path + ": " + Errno.message(errno), errno);
            }
            return new Result(status, out);
        } finally {
            for (int fd : open) {
                try {
                    sys.close(fd);
                } catch (JruncException ignored) {
                    // cleanup after another failure: that one is the error to report
                }
            }
        }
    }

    private static String value(List<String> env, String name) {
        String found = null;
        for (String entry : env) {
            if (entry.startsWith(name + "=")) found = entry.substring(name.length() + 1); // the last one wins, as in Go
        }
        return found;
    }

    private static int track(List<Integer> open, int fd) {
        open.add(fd);
        return fd;
    }

    private static void close(Syscalls sys, List<Integer> open, int fd) {
        if (open.remove(Integer.valueOf(fd))) sys.close(fd);
    }

    private static int fork(Syscalls sys, String path) {
        try {
            return sys.fork();
        } catch (JruncException e) {
            throw new JruncException("fork/exec " + path + ": " + Errno.message(e.errno()), e.errno(), e);
        }
    }

    /**
     * In the child: stdio from {@code stdio}, every other fd close-on-exec, signals unblocked,
     * execve. Never returns: a failure's errno goes to {@code report} and the child exits 127.
     */
    private static void becomeProgram(Syscalls sys, int[] stdio, int report, String path, List<String> argv,
                                      List<String> env) {
        try {
            try {
                sys.sigprocmask(Linux.SIG_SETMASK, 0);
                // a source sitting on 0..2 would be clobbered by dup3 onto another: move it up first
                for (int target = 0; target < stdio.length; target++) {
                    if (stdio[target] < stdio.length && stdio[target] != target) {
                        int moved = sys.fcntl(stdio[target], Linux.F_DUPFD_CLOEXEC, stdio.length);
                        for (int k = target + 1; k < stdio.length; k++) {
                            if (stdio[k] == stdio[target]) stdio[k] = moved;
                        }
                        stdio[target] = moved;
                    }
                }
                if (report < stdio.length) report = sys.fcntl(report, Linux.F_DUPFD_CLOEXEC, stdio.length);
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
                byte[] code = intBytes(e.errno() != 0 ? e.errno() : Errno.EINVAL);
                try {
                    sys.write(report, code, 0, code.length);
                } catch (JruncException ignored) {
                    // the parent then sees a plain exit status 127
                }
            }
        } finally {
            sys.exitGroup(EXEC_FAILED_STATUS);
        }
        throw new IllegalStateException("exit_group returned");
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    /** The errno the child reported, 0 when the pipe closed empty (execve succeeded). */
    private static int readErrno(Syscalls sys, int fd) {
        byte[] code = new byte[4];
        int got = 0;
        while (got < code.length) {
            int n = sys.read(fd, code, got, code.length - got);
            if (n == 0) break;
            got += n;
        }
        if (got < code.length) return 0;
        return (code[0] & 0xff) | (code[1] & 0xff) << 8 | (code[2] & 0xff) << 16 | (code[3] & 0xff) << 24;
    }

    private static byte[] readAll(Syscalls sys, int fd) {
        byte[] data = new byte[CHUNK];
        int size = 0;
        while (true) {
            if (size == data.length) data = Arrays.copyOf(data, data.length * 2);
            int n = sys.read(fd, data, size, data.length - size);
            if (n == 0) return Arrays.copyOf(data, size);
            size += n;
        }
    }

    private static void killAndReap(Syscalls sys, int pid) {
        try {
            sys.kill(pid, Linux.SIGKILL);
        } catch (JruncException ignored) {
            // already gone: the wait below reaps it all the same
        }
        try {
            sys.wait4(pid, 0);
        } catch (JruncException ignored) {
            // nothing more can be done about it
        }
    }
}

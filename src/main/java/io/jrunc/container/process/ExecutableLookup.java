package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.GoPathClean;
import io.jrunc.sys.GoQuote;
import io.jrunc.sys.Linux;
import io.jrunc.sys.Syscalls;

import java.util.List;

/**
 * Go's exec.LookPath as runc calls it in the container, after switching to the container's user
 * and environment: a name with a slash is checked as it is, any other name is searched in the
 * container's PATH (no PATH, no search). The messages are Go's, e.g.
 * {@code exec: "x": executable file not found in $PATH}.
 */
public final class ExecutableLookup {
    private final Syscalls sys;

    public ExecutableLookup(Syscalls sys) {
        this.sys = sys;
    }

    /** The path to execve for {@code file}, searched in {@code path} (the container's PATH value, null if unset). */
    public String find(String file, String path) {
        if (file.indexOf('/') >= 0) {
            Problem problem = problem(file);
            if (problem != null) {
                throw error(file, problem.text(), problem.errno());
            }
            return file;
        }
        if (path != null && !path.isEmpty()) {
            for (String dir : path.split(":", -1)) {
                String candidate = GoPaths.join(dir.isEmpty() ? "." : dir, file); // "" means "." in a shell
                if (problem(candidate) == null) {
                    if (!candidate.startsWith("/")) {
                        // Go 1.19+ refuses what only the current directory provides
                        throw error(file, "cannot run executable found relative to current directory", 0);
                    }
                    return candidate;
                }
            }
        }
        throw error(file, "executable file not found in $PATH", 0);
    }

    private static JruncException error(String file, String problem, int errno) {
        return new JruncException("exec: " + GoQuote.quote(file) + ": " + problem, errno);
    }

    /** What is wrong with a candidate, and the kernel's errno behind it (0 where none). */
    private record Problem(String text, int errno) {}

    /**
     * Go's findExecutable: null when {@code file} is a file we may execute, else what is wrong.
     * The execute check is faccessat2(X_OK, AT_EACCESS) with the effective ids; where that call is
     * unavailable (ENOSYS) or filtered (EPERM), the mode bits decide, as in Go.
     */
    private Problem problem(String file) {
        Syscalls.FileStat st;
        try {
            st = sys.statx(Linux.AT_FDCWD, file, 0);
        } catch (JruncException e) {
            return new Problem("stat " + file + ": " + Failures.bare(e), e.errno());
        }
        if (st.isDirectory()) {
            return new Problem(Errno.message(Errno.EISDIR), Errno.EISDIR);
        }
        try {
            sys.faccessat(Linux.AT_FDCWD, file, Linux.X_OK, Linux.AT_EACCESS);
            return null;
        } catch (JruncException e) {
            if (e.errno() != Errno.ENOSYS && e.errno() != Errno.EPERM) {
                return new Problem(Failures.bare(e), e.errno());
            }
        }
        return (st.mode() & 0111) != 0 ? null : new Problem(Errno.message(Errno.EACCES), Errno.EACCES);
    }

    /** Go's filepath helpers LookPath relies on. */
    static final class GoPaths {
        private GoPaths() {}

        /** filepath.Join of two non-empty elements: joined with "/" and cleaned. */
        static String join(String dir, String file) {
            return clean(dir + "/" + file);
        }

        /** filepath.Clean (the same as path.Clean for "/"-separated paths). */
        static String clean(String path) {
            return GoPathClean.clean(path);
        }
    }
}

package io.jrunc.cli;

import io.jrunc.sys.GoPathClean;
import io.jrunc.sys.Syscalls;

/** Go's filepath.Clean and filepath.Abs, the latter asking {@link Syscalls} for the working directory. */
public final class Paths {
    private Paths() {}

    /** Go's filepath.Clean: no "//", no ".", no "x/..", no ".." above the root; "" is ".". */
    public static String clean(String path) {
        return GoPathClean.clean(path);
    }

    /** Go's filepath.Abs: relative paths are taken from the current directory, then cleaned. */
    public static String abs(Syscalls sys, String path) {
        if (path.startsWith("/")) {
            return clean(path);
        }
        return clean(sys.getcwd() + "/" + path);
    }
}

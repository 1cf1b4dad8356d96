package io.jrunc.cli;

import io.jrunc.sys.Syscalls;
import java.util.ArrayDeque;
import java.util.Deque;

/** Go's filepath.Clean and filepath.Abs, the latter asking {@link Syscalls} for the working directory. */
public final class Paths {
    private Paths() {}

    /** Go's filepath.Clean: no "//", no ".", no "x/..", no ".." above the root; "" is ".". */
    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.removeLast();
                } else if (!rooted) {
                    parts.addLast("..");
                }
                continue;
            }
            parts.addLast(p);
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** Go's filepath.Abs: relative paths are taken from the current directory, then cleaned. */
    public static String abs(Syscalls sys, String path) {
        if (path.startsWith("/")) {
            return clean(path);
        }
        return clean(sys.getcwd() + "/" + path);
    }
}

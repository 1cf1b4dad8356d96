package io.jrunc.container.rootfs;

import io.jrunc.sys.GoPathClean;


/**
 * The parts of Go's {@code path} package runc's rootfs code leans on, with the same results
 * (Clean's lexical ".." handling included), so destinations and messages match runc's.
 */
final class GoPath {
    private GoPath() {}

    /** Go's path.Clean: no doubled slashes, no "." and no ".." that can be removed lexically. */
    static String clean(String path) {
        return GoPathClean.clean(path);
    }

    /** Go's path.Join of two elements. */
    static String join(String a, String b) {
        if (a.isEmpty()) {
            return b.isEmpty() ? "" : clean(b);
        }
        return clean(b.isEmpty() ? a : a + "/" + b);
    }

    /** Go's path.Dir. */
    static String dir(String path) {
        int slash = path.lastIndexOf('/');
        return clean(path.substring(0, slash + 1));
    }

    /** Go's path.Base. */
    static String base(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/")) {
            return "/";
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /**
     * A container path as a clean absolute path: "/" + dest cleaned, so "../../etc" cannot
     * climb above the container's root ("/etc").
     */
    static String inContainer(String dest) {
        return clean("/" + dest);
    }

    /** {@code inner} (absolute, clean) relative to the root it lives in: "/dev/pts" gives "dev/pts", "/" gives ".". */
    static String relative(String inner) {
        String clean = inContainer(inner);
        return clean.equals("/") ? "." : clean.substring(1);
    }

    /** Whether {@code path} is {@code dir} or below it (both clean and absolute). */
    static boolean isWithin(String path, String dir) {
        return path.equals(dir) || dir.equals("/") || path.startsWith(dir + "/");
    }
}

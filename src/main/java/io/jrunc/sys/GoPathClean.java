package io.jrunc.sys;

import java.util.ArrayList;
import java.util.List;

/** Go's path.Clean, which runc applies to every path it is given and which jrunc mirrors wherever paths meet. */
public final class GoPathClean {
    private GoPathClean() {}

    /**
     * The shortest lexically equal path: one slash between elements, no "." elements, ".." applied
     * (and dropped at the root), no trailing slash; "." for an empty result. A path that is already
     * clean, as nearly every one is, comes back as the same string without allocating.
     */
    public static String clean(String path) {
        return isClean(path) ? path : lexicalClean(path);
    }

    /** Clean the long way: split, apply "." and "..", join. */
    static String lexicalClean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.getLast().equals("..")) {
                    parts.removeLast();
                } else if (!rooted) {
                    parts.add("..");
                }
                continue;
            }
            parts.add(part);
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** No empty, "." or ".." element and no trailing slash ("/" itself is clean). */
    static boolean isClean(String path) {
        int n = path.length();
        if (n == 0) return false;
        if (n == 1) return true; // "/", "." and a one-letter name are all their own clean form
        if (path.charAt(n - 1) == '/') return false;
        int start = path.charAt(0) == '/' ? 1 : 0;
        for (int i = start; i <= n; i++) {
            if (i < n && path.charAt(i) != '/') continue;
            int len = i - start;
            if (len == 0) return false;
            if (path.charAt(start) == '.' && (len == 1 || (len == 2 && path.charAt(start + 1) == '.'))) return false;
            start = i + 1;
        }
        return true;
    }
}

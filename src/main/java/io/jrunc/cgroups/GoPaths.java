package io.jrunc.cgroups;

import io.jrunc.sys.GoPathClean;


/**
 * Go's path/filepath functions on Linux paths, because runc builds cgroup directories with them
 * and a different cleaning rule would put a container into a different cgroup.
 */
final class GoPaths {
    private GoPaths() {}

    /** filepath.Clean: "" becomes ".", "a/../.." becomes "..", "/.." becomes "/". */
    static String clean(String path) {
        return GoPathClean.clean(path);
    }

    /** filepath.Join: the non-empty elements joined by "/" and cleaned; "" when all are empty. */
    static String join(String... elements) {
        StringBuilder out = new StringBuilder();
        for (String e : elements) {
            if (e == null || e.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(e);
        }
        return out.isEmpty() ? "" : clean(out.toString());
    }

    /** filepath.Dir: everything but the last element, cleaned. */
    static String dir(String path) {
        int slash = path.lastIndexOf('/');
        return clean(slash < 0 ? "." : path.substring(0, slash + 1));
    }

    /**
     * runc's utils.CleanPath: a relative path is cleaned as if it started at "/" and stays
     * relative, so "../../x" cannot climb out of the cgroup it is joined to; "" stays "".
     */
    static String cleanCgroupPath(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        String cleaned = clean(path);
        if (cleaned.startsWith("/")) {
            return cleaned;
        }
        String rooted = clean("/" + cleaned);
        return rooted.equals("/") ? "." : rooted.substring(1);
    }

    /**
     * {@code path} relative to {@code base} (both absolute and clean) when it lies inside it, as
     * filepath.Rel would give it; a path outside {@code base} comes back unchanged, which is what
     * runc ends up with for a process outside a v1 mount's root.
     */
    static String relativeInside(String base, String path) {
        if (base.equals("/")) {
            return path.substring(1);
        }
        if (path.equals(base)) {
            return "";
        }
        return path.startsWith(base + "/") ? path.substring(base.length() + 1) : path;
    }
}

package io.jrunc.cli;

import io.jrunc.JruncException;
import io.jrunc.sys.Linux;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;
import java.util.List;

/**
 * The state directory used when --root is not given: /run/jrunc, except for a rootless caller
 * with $XDG_RUNTIME_DIR set, who gets $XDG_RUNTIME_DIR/jrunc (runc's shouldHonorXDGRuntimeDir:
 * euid != 0, or euid 0 inside a user namespace unless $USER is "root").
 */
record DefaultRoot(String path, boolean fromXdg) {

    static DefaultRoot resolve(Syscalls sys) {
        List<String> environment = sys.environment();
        String xdg = env(environment, "XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty() && shouldHonorXdg(sys, environment)) {
            return new DefaultRoot(xdg + "/jrunc", true);
        }
        return new DefaultRoot(GlobalFlags.DEFAULT_ROOT, false);
    }

    private static boolean shouldHonorXdg(Syscalls sys, List<String> environment) {
        if (sys.geteuid() != 0) {
            return true;
        }
        if (!runningInUserNamespace(sys)) {
            return false; // the real root keeps /run/jrunc even with XDG_RUNTIME_DIR=/run/user/0
        }
        String user = env(environment, "USER");
        return user == null || !user.equals("root");
    }

    static String env(List<String> environment, String name) {
        String prefix = name + "=";
        for (String e : environment) {
            if (e.startsWith(prefix)) {
                return e.substring(prefix.length());
            }
        }
        return null;
    }

    /** The initial user namespace maps all of 0..4294967294 to itself; anything else is a child namespace. */
    private static boolean runningInUserNamespace(Syscalls sys) {
        String map;
        try {
            map = SysFiles.readString(sys, Linux.AT_FDCWD, "/proc/self/uid_map");
        } catch (JruncException e) {
            return false;
        }
        String[] lines = map.strip().split("\n");
        if (lines.length != 1) {
            return true;
        }
        String[] f = lines[0].strip().split("\\s+");
        return !(f.length == 3 && f[0].equals("0") && f[1].equals("0") && f[2].equals("4294967295"));
    }
}

package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.sys.Linux;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.nio.charset.StandardCharsets;

/**
 * The home directory of a uid from the container's /etc/passwd, as runc finds it for HOME
 * (moby/sys/user with a numeric "uid:gid" user): the first entry with that uid wins; no file, no
 * entry or an unreadable file give "/".
 */
public final class PasswdHome {
    private PasswdHome() {}

    /** runc's default when /etc/passwd has nothing to say. */
    public static final String DEFAULT_HOME = "/";

    static final String PASSWD = "/etc/passwd";

    /** Reads /etc/passwd (of the current root: call after pivot_root) and finds {@code uid}'s home. */
    public static String of(Syscalls sys, long uid) {
        byte[] content;
        try {
            content = SysFiles.readFile(sys, Linux.AT_FDCWD, PASSWD);
        } catch (JruncException e) {
            return DEFAULT_HOME; // runc ignores a passwd file it cannot open
        }
        return find(new String(content, StandardCharsets.UTF_8), uid);
    }

    /**
     * The home field of the first line of {@code passwd} whose uid field is {@code uid}. Fields are
     * name:password:uid:gid:gecos:home:shell; like Go's parser, a missing field is empty and a uid
     * that is not a number counts as 0.
     */
    public static String find(String passwd, long uid) {
        for (String raw : passwd.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(":", -1);
            long lineUid = fields.length > 2 ? goAtoi(fields[2]) : 0;
            if (lineUid == uid) {
                return fields.length > 5 ? fields[5] : "";
            }
        }
        return DEFAULT_HOME;
    }

    /** Go's strconv.Atoi with the error ignored: 0 for non-numbers, out of any uid's range on overflow. */
    private static long goAtoi(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return s.matches("[+-]?[0-9]+") ? Long.MIN_VALUE : 0;
        }
    }
}

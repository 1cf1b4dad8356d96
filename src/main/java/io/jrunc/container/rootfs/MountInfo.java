package io.jrunc.container.rootfs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of /proc/self/mountinfo (proc(5)).
 *
 * @param root         the path inside its filesystem that is mounted ("/" for a whole filesystem)
 * @param mountpoint   where it is mounted
 * @param fsType       the filesystem type ("cgroup", "proc", ...)
 * @param source       the mount source
 * @param superOptions the per-superblock options ("rw,cpu,cpuacct" for a cgroup v1 hierarchy)
 */
record MountInfo(String root, String mountpoint, String fsType, String source, String superOptions) {

    /** Every line of a mountinfo file; malformed lines are skipped. */
    static List<MountInfo> parse(String text) {
        List<MountInfo> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            MountInfo info = parseLine(line);
            if (info != null) {
                out.add(info);
            }
        }
        return out;
    }

    private static MountInfo parseLine(String line) {
        String[] fields = line.trim().split(" ");
        if (fields.length < 10) {
            return null;
        }
        int dash = -1;
        for (int i = 6; i < fields.length; i++) {
            if (fields[i].equals("-")) {
                dash = i;
                break;
            }
        }
        if (dash < 0 || dash + 2 >= fields.length) {
            return null;
        }
        String superOptions = dash + 3 < fields.length ? fields[dash + 3] : "";
        return new MountInfo(unescape(fields[3]), unescape(fields[4]), fields[dash + 1], unescape(fields[dash + 2]),
                superOptions);
    }

    /** The kernel writes space, tab, newline and backslash in paths as \ooo octal escapes. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\\' && isOctal(b, i + 1)) {
                out.write(((b[i + 1] - '0') << 6) | ((b[i + 2] - '0') << 3) | (b[i + 3] - '0'));
                i += 3;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte[] b, int from) {
        if (from + 2 >= b.length) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (b[i] < '0' || b[i] > '7') {
                return false;
            }
        }
        return true;
    }
}

package io.jrunc.nativetests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads /proc/PID/mountinfo (the host's, or text a container printed). */
public final class Mounts {
    private Mounts() {}

    /** One line of mountinfo (proc(5)). */
    public record Mount(String root, String mountPoint, Set<String> options, String fsType, String source,
                        Set<String> superOptions, String line) {
        /** Per-mount option, or superblock option (ro/rw, nosuid... are per-mount; size=, mode= are superblock). */
        public boolean has(String option) {
            return options.contains(option) || superOptions.contains(option);
        }
    }

    public static List<Mount> parse(String mountinfo) {
        List<Mount> out = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.trim().split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 10 || dash < 6) continue;
            out.add(new Mount(unescape(f[3]), unescape(f[4]), Set.of(f[5].split(",")), f[dash + 1],
                    unescape(f[dash + 2]), Set.of(f[dash + 3].split(",")), line));
        }
        return out;
    }

    public static List<Mount> host() {
        try {
            return parse(Files.readString(Path.of("/proc/self/mountinfo")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last (topmost) mount at this mount point, as a process sees it. */
    public static Optional<Mount> at(List<Mount> mounts, String mountPoint) {
        Mount found = null;
        for (Mount m : mounts) if (m.mountPoint().equals(mountPoint)) found = m;
        return Optional.ofNullable(found);
    }

    /** Host mount points at or under {@code dir}, deepest first (the order to unmount them in). */
    public static List<String> mountPointsUnder(Path dir) {
        String d = dir.toAbsolutePath().normalize().toString();
        return host().stream().map(Mount::mountPoint)
                .filter(mp -> mp.equals(d) || mp.startsWith(d + "/"))
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** Host mountinfo lines that mention {@code text} (in the mount point, root or source). */
    public static List<String> hostLinesMentioning(String text) {
        return host().stream()
                .filter(m -> m.mountPoint().contains(text) || m.root().contains(text) || m.source().contains(text))
                .map(Mount::line).toList();
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 4 <= s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else b.append(c);
        }
        return b.toString();
    }
}

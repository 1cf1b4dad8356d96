package io.jrunc.nativetests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a container can leave behind on the host, found the way an administrator would: a state dir under
 * --root, a mount mentioning the bundle, a process whose cwd or root is in the bundle, a cgroup named after
 * the id. Also removes such leftovers for a test's cleanup (only ones named after the test's own ids and
 * under its own temp dir).
 */
public final class Leaks {
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");

    private Leaks() {}

    /** The host's mount lines mentioning the bundle before the container was created. */
    public record Snapshot(Path bundle, List<String> mountLines) {}

    public static Snapshot before(Path bundle) {
        return new Snapshot(bundle, Mounts.hostLinesMentioning(bundle.toString()));
    }

    /** Everything left behind by container {@code id} under {@code root}; empty when nothing is. */
    public static List<String> find(Snapshot before, Path root, String id) {
        List<String> problems = new ArrayList<>();
        if (Files.exists(root.resolve(id), LinkOption.NOFOLLOW_LINKS)) {
            problems.add("state dir " + root.resolve(id) + " still exists");
        }
        for (String line : Mounts.hostLinesMentioning(before.bundle().toString())) {
            if (!before.mountLines().contains(line)) problems.add("new mount: " + line);
        }
        for (long pid : processesIn(before.bundle())) {
            problems.add("process " + pid + " (" + cmdline(pid) + ") has its cwd or root in " + before.bundle());
        }
        for (Path cg : cgroupsNamed(id)) problems.add("cgroup " + cg + " still exists");
        return problems;
    }

    /** Processes (not this JVM) whose cwd or root is {@code dir} or below it. */
    public static List<Long> processesIn(Path dir) {
        String d = dir.toAbsolutePath().normalize().toString();
        List<Long> out = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid == self) continue;
                for (String link : List.of("cwd", "root")) {
                    try {
                        String target = Files.readSymbolicLink(p.resolve(link)).toString();
                        if (target.equals(d) || target.startsWith(d + "/")) {
                            out.add(pid);
                            break;
                        }
                    } catch (IOException | SecurityException ignored) {
                        // gone, or a kernel thread
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /** Cgroup directories (in any hierarchy, v1 or v2) whose name is exactly {@code id}, deepest first. */
    public static List<Path> cgroupsNamed(String id) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> hierarchies = Files.list(CGROUP)) {
            for (Path h : hierarchies.toList()) {
                if (!Files.isDirectory(h, LinkOption.NOFOLLOW_LINKS)) continue;
                try (Stream<Path> dirs = Files.find(h, 8, (p, a) -> a.isDirectory() && p.getFileName().toString().equals(id))) {
                    dirs.forEach(out::add);
                } catch (IOException | java.io.UncheckedIOException ignored) {
                    // a cgroup removed while walking
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparingInt((Path p) -> p.getNameCount()).reversed());
        return out;
    }

    /**
     * Removes what the runtime left behind for these ids and under {@code tmp}: kills the processes in cgroups named
     * after the ids (they are the tests' own containers), removes those cgroups, and lazily unmounts mounts under
     * tmp. Returns what it had to remove, for the test to report.
     */
    public static List<String> cleanUp(Path tmp, List<String> ids) {
        List<String> found = new ArrayList<>();
        for (String id : ids) {
            for (Path cg : cgroupsNamed(id)) {
                found.add("cgroup " + cg);
                killAll(cg);
            }
            for (Path cg : cgroupsNamed(id)) {
                try {
                    Files.deleteIfExists(cg);
                } catch (IOException e) {
                    found.add("could not remove cgroup " + cg + ": " + e);
                }
            }
        }
        if (tmp != null) {
            for (long pid : processesIn(tmp)) {
                found.add("process " + pid + " (" + cmdline(pid) + ") with cwd or root in " + tmp);
            }
            for (String mp : Mounts.mountPointsUnder(tmp)) {
                found.add("mount at " + mp);
                Jrunc.Result r = Jrunc.exec(List.of("umount", "-l", mp), null);
                if (r.exitCode() != 0) found.add("could not unmount " + mp + ": " + r.stderr().strip());
            }
        }
        return found;
    }

    private static void killAll(Path cgroup) {
        try (Stream<Path> all = Files.walk(cgroup)) {
            for (Path procs : all.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                for (String line : Files.readAllLines(procs)) {
                    if (line.isBlank()) continue;
                    ProcessHandle.of(Long.parseLong(line.strip())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            Polling.await("processes in " + cgroup + " to die", Duration.ofSeconds(10), () -> {
                try (Stream<Path> again = Files.walk(cgroup)) {
                    for (Path procs : again.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                        if (!Files.readString(procs).isBlank()) return false;
                    }
                    return true;
                } catch (IOException e) {
                    return true;
                }
            });
        } catch (IOException ignored) {
            // removed meanwhile
        }
    }

    static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "?";
        }
    }
}

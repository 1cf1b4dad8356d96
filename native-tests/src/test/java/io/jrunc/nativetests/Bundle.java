package io.jrunc.nativetests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An OCI bundle in a test's temp dir: a copy of a busybox rootfs (built once per JVM from Debian's
 * busybox-static) and a config.json that starts as the binary's own {@code spec} output with
 * {@code process.terminal=false}, edited through {@link #config()} and written by {@link #write()}
 * ({@link Container} writes it before create/run).
 */
public final class Bundle {
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static Path cachedRootfs;
    private static String cachedSpec;

    private final Path dir;
    private final Map<String, Object> config;

    private Bundle(Path dir, Map<String, Object> config) {
        this.dir = dir;
        this.config = config;
    }

    /** Makes DIR/rootfs (busybox) and an in-memory config whose process.args are {@code args}. */
    public static Bundle create(Path dir, String... args) {
        try {
            Files.createDirectories(dir);
            copyTree(rootfsCache(), dir.resolve("rootfs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Bundle b = new Bundle(dir, Json.parseObject(specText()));
        b.process().put("terminal", false);
        if (args.length > 0) b.args(args);
        return b;
    }

    /** The text of {@code <binary> spec}, made once per JVM (in a scratch dir: spec writes ./config.json). */
    public static synchronized String specText() {
        if (cachedSpec == null) {
            try {
                Path scratch = Files.createTempDirectory("jrunc-nt-spec");
                try {
                    Jrunc.Result r = Jrunc.exec(List.of(Jrunc.binary().toString(), "spec"), null, scratch);
                    if (r.exitCode() != 0) fail("`spec` failed, so no bundle can be made: " + r);
                    cachedSpec = Files.readString(scratch.resolve("config.json"));
                } finally {
                    Files.deleteIfExists(scratch.resolve("config.json"));
                    Files.deleteIfExists(scratch);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cachedSpec;
    }

    /** A busybox rootfs built once per JVM in a temp dir (removed at exit); bundles get copies of it. */
    static synchronized Path rootfsCache() throws IOException {
        if (cachedRootfs != null) return cachedRootfs;
        assumeTrue(Files.isExecutable(BUSYBOX),
                "busybox-static is not installed at /bin/busybox (scripts/install-deps.sh test installs it)");
        // a dynamically linked busybox (Debian's busybox package) cannot run in a rootfs without libc
        assumeTrue(Jrunc.exec(List.of("ldd", BUSYBOX.toString()), null).exitCode() != 0,
                "/bin/busybox is dynamically linked: install busybox-static (scripts/install-deps.sh test)");
        Path cache = Files.createTempDirectory("jrunc-nt-rootfs");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(cache)));
        Path rootfs = cache.resolve("rootfs");
        for (String d : List.of("bin", "proc", "sys", "dev", "tmp", "etc", "root")) {
            Files.createDirectories(rootfs.resolve(d));
        }
        Files.setPosixFilePermissions(rootfs.resolve("root"), PosixFilePermissions.fromString("rwx------"));
        // 1777: shell redirections into /tmp work for any uid the tests run as
        Files.setAttribute(rootfs.resolve("tmp"), "unix:mode", 01777);
        Path bin = rootfs.resolve("bin");
        Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        Jrunc.Result list = Jrunc.exec(List.of(BUSYBOX.toString(), "--list"), null).assertSuccess();
        List<String> applets = new ArrayList<>(list.stdout().lines().filter(l -> !l.isBlank()).toList());
        if (!applets.contains("sh")) applets.add("sh");
        for (String a : applets) {
            if (!a.equals("busybox")) Files.createSymbolicLink(bin.resolve(a), Path.of("busybox"));
        }
        Files.writeString(rootfs.resolve("etc/passwd"), """
                root:x:0:0:root:/root:/bin/sh
                daemon:x:1:1:daemon:/usr/sbin:/bin/false
                nobody:x:65534:65534:nobody:/nonexistent:/bin/false
                """);
        Files.writeString(rootfs.resolve("etc/group"), """
                root:x:0:
                daemon:x:1:
                tty:x:5:
                users:x:100:
                nogroup:x:65534:
                """);
        cachedRootfs = rootfs;
        return rootfs;
    }

    public Path dir() { return dir; }

    public Path rootfs() { return dir.resolve("rootfs"); }

    public Path configPath() { return dir.resolve("config.json"); }

    /** The config, to edit in place; {@link #write()} stores it. */
    public Map<String, Object> config() { return config; }

    public Map<String, Object> process() { return Json.obj(config, "process"); }

    public Map<String, Object> linux() { return Json.obj(config, "linux"); }

    public Bundle args(String... args) {
        process().put("args", Json.list((Object[]) args));
        return this;
    }

    /** process.args = sh -c SCRIPT */
    public Bundle sh(String script) {
        return args("sh", "-c", script);
    }

    public Bundle hostname(String hostname) {
        config.put("hostname", hostname);
        return this;
    }

    public Bundle mount(String destination, String type, String source, String... options) {
        Map<String, Object> m = Json.object("destination", destination, "type", type, "source", source);
        if (options.length > 0) m.put("options", Json.list((Object[]) options));
        Json.arr(config, "mounts").add(m);
        return this;
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> namespaces() {
        return (List<Map<String, Object>>) (List<?>) Json.arr(linux(), "namespaces");
    }

    /** Makes sure a new namespace of this type is requested (no path). */
    public Bundle namespace(String type) {
        withoutNamespace(type);
        namespaces().add(Json.object("type", type));
        return this;
    }

    /** Makes the container join the namespace at {@code path} instead of creating one of this type. */
    public Bundle namespace(String type, String path) {
        withoutNamespace(type);
        namespaces().add(Json.object("type", type, "path", path));
        return this;
    }

    public Bundle withoutNamespace(String type) {
        namespaces().removeIf(ns -> type.equals(ns.get("type")));
        return this;
    }

    /** Adds a hook of the given phase (prestart, createRuntime, ...): {@code path} run with {@code args}. */
    public Bundle hook(String phase, String path, String... args) {
        Map<String, Object> h = Json.object("path", path);
        if (args.length > 0) h.put("args", Json.list((Object[]) args));
        Json.arr(Json.obj(config, "hooks"), phase).add(h);
        return this;
    }

    /** Writes config.json from the edited config. */
    public Bundle write() {
        return writeRaw(Json.write(config));
    }

    /** Writes config.json with exactly this text (for malformed configs). */
    public Bundle writeRaw(String text) {
        try {
            Files.writeString(configPath(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    // ---- file helpers ----

    static void copyTree(Path from, Path to) throws IOException {
        Path linkable = from.resolve("bin/busybox");
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Path t = to.resolve(from.relativize(d).toString());
                Files.createDirectories(t);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Path t = to.resolve(from.relativize(f).toString());
                if (f.equals(linkable)) {
                    // the 2 MB busybox binary is hard-linked, not copied: bundles are made for every test, and
                    // the containers never write to it (the spec's root is read-only and no test makes it writable)
                    try {
                        Files.createLink(t, f);
                        return FileVisitResult.CONTINUE;
                    } catch (IOException | UnsupportedOperationException e) {
                        // another file system: copy
                    }
                }
                Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS,
                        StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) throw e;
                // setPosixFilePermissions drops the sticky bit (rootfs/tmp is 1777): copy the whole mode
                Path t = to.resolve(from.relativize(d).toString());
                Files.setAttribute(t, "unix:mode", Files.getAttribute(d, "unix:mode", LinkOption.NOFOLLOW_LINKS));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Deletes a tree without following symlinks and without crossing into mount points (a bind mount left under a
     * test dir must not make us delete the host's files): a directory that is a mount point is left alone.
     */
    static void deleteQuietly(Path top) {
        if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) return;
        List<String> mounts = Mounts.mountPointsUnder(top);
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return mounts.contains(d.toString()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) {
                    try {
                        Files.deleteIfExists(d);
                    } catch (IOException ignored) {
                        // not empty because of a skipped mount point, or a busy dir: left for the report
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}

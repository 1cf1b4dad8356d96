package io.jrunc.sys;

import io.jrunc.JruncException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import static io.jrunc.sys.Linux.*;
import static io.jrunc.sys.SyscallFormat.*;

/**
 * A {@link Syscalls} that touches nothing: it records every call as one readable line, answers
 * with plausible results, and fails on request with exactly the exception {@link LinuxSyscalls}
 * would throw.
 *
 * <h2>Lines</h2>
 * The interface method's name and its arguments: strings quoted, flags by kernel name, modes in
 * octal, signals by name, e.g. {@code mount("proc", "/rootfs/proc", "proc", MS_NOSUID|MS_NODEV|MS_NOEXEC, null)},
 * {@code openat(AT_FDCWD, "/x", O_RDONLY, 0)} (flags as the caller passed them; the real
 * implementation adds O_CLOEXEC itself). {@link SyscallFormat} does the printing.
 *
 * <h2>Default answers</h2>
 * New fds count up from 3 and are never reused; clone3/cloneLegacy return {@link #CHILD_PID} (the
 * parent side); wait4 reports that child exited with 0; getpid is {@link #PID}; ids are 0 (root);
 * capget has every capability. Failing kernels are out of scope: everything succeeds unless told.
 *
 * <h2>A small file system</h2>
 * {@link #file}, {@link #dir} and {@link #symlink} declare paths. openat of a declared file reads
 * its content and writes go into it (see {@link #content}); mkdirat, unlinkat, renameat2,
 * symlinkat, fchmodat keep the model up to date; statx and readlinkat answer from it (ENOENT for
 * unknown paths); getdents lists a declared directory. openat of an undeclared path succeeds as
 * an empty file (most opened paths are host files like /dev/null) unless {@link #strictPaths()}.
 * Only the last path component's symlink is followed. Relative paths resolve against the path
 * the dirfd was opened on, or "/" for AT_FDCWD. {@code /proc/self/fd/N} (and thread-self) of an
 * open fd is a magic link to the path that fd was opened on, as on the kernel: readlinkat gives
 * that path, and paths through it (or opening it) reach the fd's file.
 *
 * <h2>Scripting and failures</h2>
 * {@link #willReturn} queues results for calls whose line starts with a prefix;
 * {@link #failAt}/{@link #failWhen} make calls throw {@code Errno.exception(errno, <the real
 * message>)}. The failing call is still recorded. {@link #execve} and {@link #exitGroup} do not
 * return (as on the kernel): they throw {@link Exec} and {@link Exit}.
 */
public class RecordingSyscalls implements Syscalls {
    public static final int PID = 4000;
    public static final int CHILD_PID = 4242;
    /** Scripted as a wait4 result: "no child has changed state" (wait4 returns null). */
    public static final Object NO_CHILD = new Object() {
        @Override
        public String toString() {
            return "NO_CHILD";
        }
    };

    /** Thrown by the fake's execve/execveat: the process image would have been replaced here. */
    public static final class Exec extends RuntimeException {
        public final String path;
        public final List<String> argv;
        public final List<String> envp;

        Exec(String path, List<String> argv, List<String> envp) {
            super("execve " + path, null, false, false);
            this.path = path;
            this.argv = List.copyOf(argv);
            this.envp = List.copyOf(envp);
        }
    }

    /** Thrown by the fake's exitGroup: the process would have ended here. */
    public static final class Exit extends RuntimeException {
        public final int status;

        Exit(int status) {
            super("exit_group " + status, null, false, false);
            this.status = status;
        }
    }

    // ---- state ---------------------------------------------------------------------------------

    private final List<String> calls = new ArrayList<>();
    private final List<Boolean> fallible = new ArrayList<>();
    private final Map<Integer, Integer> failAt = new HashMap<>();
    private final List<Rule> failRules = new ArrayList<>();
    private final List<Script> scripts = new ArrayList<>();

    private record Rule(Predicate<String> call, int errno) {}

    private record Script(String prefix, Deque<Object> results) {}

    private sealed interface Node permits FileNode, DirNode, LinkNode {}

    private static final class FileNode implements Node {
        byte[] content;
        int mode;

        FileNode(byte[] content, int mode) {
            this.content = content;
            this.mode = mode;
        }
    }

    private static final class DirNode implements Node {
        int mode;

        DirNode(int mode) {
            this.mode = mode;
        }
    }

    private record LinkNode(String target) implements Node {}

    private static final class OpenFile {
        final String path;
        int position;

        OpenFile(String path) {
            this.path = path;
        }
    }

    private final TreeMap<String, Node> nodes = new TreeMap<>();
    private final Map<Integer, OpenFile> openFiles = new HashMap<>();
    private boolean strictPaths;
    private int nextFd = 3;
    private int uid;
    private int gid;
    private int umask = 022;
    private List<String> environment = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    private int randomCounter;

    public RecordingSyscalls() {
        nodes.put("/", new DirNode(0755));
    }

    // ---- recording -----------------------------------------------------------------------------

    /** Every call so far, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The calls whose line starts with {@code prefix} ("mount(" for all mounts). */
    public List<String> calls(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    public String lastCall() {
        return calls.isEmpty() ? null : calls.get(calls.size() - 1);
    }

    /**
     * Indexes of the recorded calls that can fail on a real kernel (all but getpid, getuid,
     * umask, ...), for tests that inject a failure at every step of a sequence in turn.
     */
    public List<Integer> fallibleCallIndexes() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < fallible.size(); i++) {
            if (fallible.get(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /** Forgets the recorded calls (and renumbers {@link #failAt} indexes from here); the file model stays. */
    public RecordingSyscalls clearCalls() {
        calls.clear();
        fallible.clear();
        return this;
    }

    // ---- configuration -------------------------------------------------------------------------

    /** The call at {@code callIndex} (0-based, as in {@link #calls()}) throws with {@code errno}. */
    public RecordingSyscalls failAt(int callIndex, int errno) {
        failAt.put(callIndex, errno);
        return this;
    }

    /** Every call whose line matches throws with {@code errno} (calls that cannot fail are left alone). */
    public RecordingSyscalls failWhen(Predicate<String> call, int errno) {
        failRules.add(new Rule(call, errno));
        return this;
    }

    /** Every call whose line starts with {@code prefix} throws with {@code errno}. */
    public RecordingSyscalls failWhen(String prefix, int errno) {
        return failWhen(c -> c.startsWith(prefix), errno);
    }

    /**
     * The next calls whose line starts with {@code prefix} return these results, one each, then
     * the default again. Types: a Number for calls returning an int/long (clone3 0 = the child
     * side), byte[] for read (copied into the buffer), FileStat for statx, WaitStatus or
     * {@link #NO_CHILD} for wait4, int[] for pipe2/socketpair/bpfProgQuery, long[] for getrlimit,
     * the record type for calls returning one (Uname, Statfs, ReceivedFd, ...), String for
     * readlinkat/getcwd/keyctlDescribe, List&lt;String&gt; for environment, Boolean for seccompActionAvailable.
     */
    public RecordingSyscalls willReturn(String prefix, Object... results) {
        scripts.add(new Script(prefix, new ArrayDeque<>(Arrays.asList(results))));
        return this;
    }

    /** Declares a regular file (and its parent directories). */
    public RecordingSyscalls file(String path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public RecordingSyscalls file(String path, byte[] content) {
        String p = normalize(path);
        addParents(p);
        nodes.put(p, new FileNode(content.clone(), 0644));
        return this;
    }

    /** Declares a directory (and its parents). */
    public RecordingSyscalls dir(String path) {
        String p = normalize(path);
        addParents(p);
        nodes.putIfAbsent(p, new DirNode(0755));
        return this;
    }

    /** Declares a symlink at {@code path} pointing to {@code target}. */
    public RecordingSyscalls symlink(String path, String target) {
        String p = normalize(path);
        addParents(p);
        nodes.put(p, new LinkNode(target));
        return this;
    }

    /** openat of an undeclared path fails with ENOENT (unless O_CREAT). */
    public RecordingSyscalls strictPaths() {
        strictPaths = true;
        return this;
    }

    /** What getuid/geteuid and getgid/getegid return. */
    public RecordingSyscalls ids(int uid, int gid) {
        this.uid = uid;
        this.gid = gid;
        return this;
    }

    public RecordingSyscalls environment(List<String> env) {
        this.environment = List.copyOf(env);
        return this;
    }

    // ---- inspecting the file model -------------------------------------------------------------

    /** The content of a file in the model (declared or written), null when there is none. */
    public byte[] content(String path) {
        return nodes.get(normalize(path)) instanceof FileNode f ? f.content.clone() : null;
    }

    /** {@link #content} as UTF-8. */
    public String text(String path) {
        byte[] b = content(path);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Whether the model has anything at {@code path}. */
    public boolean has(String path) {
        return nodes.containsKey(normalize(path));
    }

    /** The permission bits the model holds for a file or directory. */
    public int modeOf(String path) {
        return switch (nodes.get(normalize(path))) {
            case FileNode f -> f.mode;
            case DirNode d -> d.mode;
            case LinkNode l -> 0777;
            case null -> throw new IllegalArgumentException("no " + path + " in the fake file system");
        };
    }

    /** Every path in the model, sorted. */
    public Set<String> paths() {
        return Set.copyOf(nodes.keySet());
    }

    /** The resolved path an open fd refers to, or null for an fd the fake did not open. */
    public String openPath(int fd) {
        OpenFile f = openFiles.get(fd);
        return f == null ? null : f.path;
    }

    /** The fds opened and not closed yet. */
    public Set<Integer> openFds() {
        return Set.copyOf(openFiles.keySet());
    }

    // ---- the machinery -------------------------------------------------------------------------

    private static final Object DEFAULT = new Object();

    /** Records a call that can fail; throws if told to; returns its scripted result or DEFAULT. */
    private Object enter(String line, String what) {
        int index = calls.size();
        calls.add(line);
        fallible.add(true);
        Integer errno = failAt.get(index);
        if (errno == null) {
            for (Rule r : failRules) {
                if (r.call().test(line)) {
                    errno = r.errno();
                    break;
                }
            }
        }
        if (errno != null) {
            throw Errno.exception(errno, what);
        }
        return scripted(line);
    }

    /** Records a call that cannot fail on a real kernel. */
    private Object enterInfallible(String line) {
        int index = calls.size();
        calls.add(line);
        fallible.add(false);
        if (failAt.containsKey(index)) {
            throw new IllegalStateException("failAt(" + index + ") hits " + line + ", which cannot fail");
        }
        return scripted(line);
    }

    private Object scripted(String line) {
        for (Script s : scripts) {
            if (line.startsWith(s.prefix()) && !s.results().isEmpty()) {
                return s.results().removeFirst();
            }
        }
        return DEFAULT;
    }

    private static int asInt(Object scripted, int otherwise) {
        return scripted == DEFAULT ? otherwise : ((Number) scripted).intValue();
    }

    private static long asLong(Object scripted, long otherwise) {
        return scripted == DEFAULT ? otherwise : ((Number) scripted).longValue();
    }

    @SuppressWarnings("unchecked")
    private static <T> T as(Object scripted, T otherwise) {
        return scripted == DEFAULT ? otherwise : (T) scripted;
    }

    private int newFd(String path) {
        int fd = nextFd++;
        openFiles.put(fd, new OpenFile(path));
        return fd;
    }

    private static JruncException fail(int errno, String what) {
        return Errno.exception(errno, what);
    }

    // ---- path model ----------------------------------------------------------------------------

    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    private String resolve(int dirfd, String path) {
        return resolve(dirfd, path, true);
    }

    /** The model path for (dirfd, path); {@code followLast} says whether a final magic link is followed. */
    private String resolve(int dirfd, String path, boolean followLast) {
        String p = path.startsWith("/") ? normalize(path)
                : normalize((dirfd == AT_FDCWD ? "/" : baseOf(dirfd)) + "/" + path);
        return throughMagicLink(p, followLast);
    }

    private static final java.util.regex.Pattern MAGIC_LINK =
            java.util.regex.Pattern.compile("/proc/(?:self|thread-self)/fd/(\\d+)(/.*)?");

    /** /proc/self/fd/N[/rest] of an open fd: the fd's path[/rest]. */
    private String throughMagicLink(String p, boolean followLast) {
        java.util.regex.Matcher m = MAGIC_LINK.matcher(p);
        if (!m.matches()) {
            return p;
        }
        OpenFile f = openFiles.get(Integer.parseInt(m.group(1)));
        if (f == null) {
            return p;
        }
        if (m.group(2) != null) {
            return normalize(f.path + m.group(2));
        }
        return followLast ? f.path : p;
    }

    /** The fd's path when {@code p} is the magic link of an open fd, else null. */
    private String magicLinkTarget(String p) {
        String target = throughMagicLink(p, true);
        return target.equals(p) ? null : target;
    }

    private String baseOf(int fd) {
        OpenFile f = openFiles.get(fd);
        return f == null ? "/proc/self/fd/" + fd : f.path;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private void addParents(String path) {
        for (String p = parentOf(path); !nodes.containsKey(p); p = parentOf(p)) {
            nodes.put(p, new DirNode(0755));
        }
    }

    /** Follows a symlink in the last component, up to 40 times like the kernel. */
    private String follow(String path) {
        String p = path;
        for (int i = 0; i < 40; i++) {
            if (!(nodes.get(p) instanceof LinkNode link)) {
                return p;
            }
            p = link.target().startsWith("/") ? normalize(link.target()) : normalize(parentOf(p) + "/" + link.target());
        }
        return null; // ELOOP
    }

    private FileStat statOf(String path, Node node) {
        long ino = 1000 + (path.hashCode() & 0xffffL);
        return switch (node) {
            case FileNode f -> new FileStat(S_IFREG | f.mode, 0, 0, f.content.length, ino, 1, 8, 1, 0, 0, 1);
            case DirNode d -> new FileStat(S_IFDIR | d.mode, 0, 0, 4096, ino, 2, 8, 1, 0, 0, 1);
            case LinkNode l -> new FileStat(S_IFLNK | 0777, 0, 0, l.target().length(), ino, 1, 8, 1, 0, 0, 1);
        };
    }

    private List<String> childrenOf(String dir) {
        String prefix = dir.equals("/") ? "/" : dir + "/";
        List<String> out = new ArrayList<>();
        for (String p : nodes.tailMap(prefix, false).keySet()) {
            if (!p.startsWith(prefix)) {
                break;
            }
            if (p.indexOf('/', prefix.length()) < 0) {
                out.add(p.substring(prefix.length()));
            }
        }
        return out;
    }

    // ---- files ---------------------------------------------------------------------------------

    @Override
    public int openat(int dirfd, String path, int flags, int mode) {
        Object r = enter(call("openat", dirfd(dirfd), str(path), openFlags(flags), mode(mode)),
                FailureText.path("openat", path));
        return open(resolve(dirfd, path, (flags & O_NOFOLLOW) == 0), flags, mode, r, "openat", path);
    }

    @Override
    public int openat2(int dirfd, String path, long flags, long mode, long resolve) {
        Object r = enter(call("openat2", dirfd(dirfd), str(path), openFlags(flags), mode(mode),
                flags(resolve, RESOLVE_FLAGS)), FailureText.path("openat2", path));
        // RESOLVE_IN_ROOT: absolute paths and symlinks stay under the dirfd's path
        String p = (resolve & RESOLVE_IN_ROOT) != 0 && dirfd != AT_FDCWD
                ? normalize(baseOf(dirfd) + "/" + path) : resolve(dirfd, path);
        return open(p, (int) flags, (int) mode, r, "openat2", path);
    }

    private int open(String resolved, int flags, int mode, Object scripted, String callName, String path) {
        if (scripted != DEFAULT) {
            int fd = ((Number) scripted).intValue();
            openFiles.put(fd, new OpenFile(resolved));
            nextFd = Math.max(nextFd, fd + 1);
            return fd;
        }
        String what = FailureText.path(callName, path);
        String p = (flags & O_NOFOLLOW) != 0 ? resolved : follow(resolved);
        if (p == null) {
            throw fail(Errno.ELOOP, what);
        }
        Node node = nodes.get(p);
        if ((flags & O_NOFOLLOW) != 0 && node instanceof LinkNode && (flags & O_PATH) == 0) {
            throw fail(Errno.ELOOP, what);
        }
        if (node == null) {
            if ((flags & O_CREAT) != 0) {
                if (!(nodes.get(parentOf(p)) instanceof DirNode)) {
                    throw fail(Errno.ENOENT, what);
                }
                nodes.put(p, new FileNode(new byte[0], mode & ~umask & 07777));
            } else if (strictPaths) {
                throw fail(Errno.ENOENT, what);
            }
        } else {
            if ((flags & O_CREAT) != 0 && (flags & O_EXCL) != 0) {
                throw fail(Errno.EEXIST, what);
            }
            if ((flags & O_DIRECTORY) != 0 && !(node instanceof DirNode)) {
                throw fail(Errno.ENOTDIR, what);
            }
            if (node instanceof FileNode f && (flags & O_TRUNC) != 0) {
                f.content = new byte[0];
            }
        }
        return newFd(p);
    }

    @Override
    public int read(int fd, byte[] buf, int off, int len) {
        Object r = enter(call("read", fd, len), FailureText.fd("read", fd));
        if (r != DEFAULT) {
            if (r instanceof byte[] data) {
                int n = Math.min(len, data.length);
                System.arraycopy(data, 0, buf, off, n);
                return n;
            }
            return ((Number) r).intValue();
        }
        OpenFile f = openFiles.get(fd);
        if (f == null || !(nodes.get(f.path) instanceof FileNode file)) {
            return 0;
        }
        int n = Math.max(0, Math.min(len, file.content.length - f.position));
        System.arraycopy(file.content, f.position, buf, off, n);
        f.position += n;
        return n;
    }

    @Override
    public int write(int fd, byte[] buf, int off, int len) {
        Object r = enter(call("write", fd, bytes(buf, off, len)), FailureText.fd("write", fd));
        if (r != DEFAULT) {
            return ((Number) r).intValue();
        }
        OpenFile f = openFiles.get(fd);
        if (f != null && nodes.get(f.path) instanceof FileNode file) {
            int end = f.position + len;
            if (end > file.content.length) {
                file.content = Arrays.copyOf(file.content, end);
            }
            System.arraycopy(buf, off, file.content, f.position, len);
            f.position = end;
        }
        return len;
    }

    @Override
    public void close(int fd) {
        enter(call("close", fd), FailureText.fd("close", fd));
        openFiles.remove(fd);
    }

    @Override
    public List<DirEntry> getdents(int dirFd) {
        Object r = enter(call("getdents", dirFd), FailureText.fd("getdents64", dirFd));
        if (r != DEFAULT) {
            return as(r, List.of());
        }
        OpenFile f = openFiles.get(dirFd);
        if (f == null) {
            throw fail(Errno.EBADF, FailureText.fd("getdents64", dirFd));
        }
        if (!(nodes.get(f.path) instanceof DirNode)) {
            throw fail(Errno.ENOTDIR, FailureText.fd("getdents64", dirFd));
        }
        List<DirEntry> out = new ArrayList<>();
        out.add(new DirEntry(1, DT_DIR, "."));
        out.add(new DirEntry(1, DT_DIR, ".."));
        for (String name : childrenOf(f.path)) {
            Node n = nodes.get(f.path.equals("/") ? "/" + name : f.path + "/" + name);
            int type = switch (n) {
                case FileNode x -> DT_REG;
                case DirNode x -> DT_DIR;
                case LinkNode x -> DT_LNK;
            };
            out.add(new DirEntry(2, type, name));
        }
        return out;
    }

    @Override
    public void mkdirat(int dirfd, String path, int mode) {
        String what = FailureText.path("mkdirat", path);
        enter(call("mkdirat", dirfd(dirfd), str(path), mode(mode)), what);
        String p = resolve(dirfd, path, false);
        if (nodes.containsKey(p)) {
            throw fail(Errno.EEXIST, what);
        }
        Node parent = nodes.get(follow(parentOf(p)));
        if (parent == null) {
            throw fail(Errno.ENOENT, what);
        }
        if (!(parent instanceof DirNode)) {
            throw fail(Errno.ENOTDIR, what);
        }
        nodes.put(p, new DirNode(mode & ~umask & 07777));
    }

    @Override
    public void mknodat(int dirfd, String path, int mode, long dev) {
        String what = FailureText.path("mknodat", path);
        enter(call("mknodat", dirfd(dirfd), str(path), mode(mode), dev(dev)), what);
        String p = resolve(dirfd, path, false);
        if (nodes.containsKey(p)) {
            throw fail(Errno.EEXIST, what);
        }
        nodes.put(p, new FileNode(new byte[0], mode & ~umask & 07777));
    }

    @Override
    public void unlinkat(int dirfd, String path, int flags) {
        String what = FailureText.path("unlinkat", path);
        enter(call("unlinkat", dirfd(dirfd), str(path), flags(flags, AT_FLAGS)), what);
        String p = resolve(dirfd, path, false);
        Node n = nodes.get(p);
        if (n == null) {
            throw fail(Errno.ENOENT, what);
        }
        boolean rmdir = (flags & AT_REMOVEDIR) != 0;
        if (n instanceof DirNode) {
            if (!rmdir) {
                throw fail(Errno.EISDIR, what);
            }
            if (!childrenOf(p).isEmpty()) {
                throw fail(Errno.ENOTEMPTY, what);
            }
        } else if (rmdir) {
            throw fail(Errno.ENOTDIR, what);
        }
        nodes.remove(p);
    }

    @Override
    public void renameat2(int oldDirfd, String oldPath, int newDirfd, String newPath, int flags) {
        String what = FailureText.twoPaths("renameat2", oldPath, newPath);
        enter(call("renameat2", dirfd(oldDirfd), str(oldPath), dirfd(newDirfd), str(newPath),
                flags(flags, RENAME_FLAGS)), what);
        String from = resolve(oldDirfd, oldPath, false);
        String to = resolve(newDirfd, newPath, false);
        if (!nodes.containsKey(from)) {
            throw fail(Errno.ENOENT, what);
        }
        if ((flags & RENAME_NOREPLACE) != 0 && nodes.containsKey(to)) {
            throw fail(Errno.EEXIST, what);
        }
        Map<String, Node> moved = new TreeMap<>();
        moved.put(to, nodes.remove(from));
        for (String p : List.copyOf(nodes.tailMap(from + "/", true).keySet())) {
            if (!p.startsWith(from + "/")) {
                break;
            }
            moved.put(to + p.substring(from.length()), nodes.remove(p));
        }
        nodes.putAll(moved);
    }

    @Override
    public void symlinkat(String target, int dirfd, String linkPath) {
        String what = FailureText.twoPaths("symlinkat", target, linkPath);
        enter(call("symlinkat", str(target), dirfd(dirfd), str(linkPath)), what);
        String p = resolve(dirfd, linkPath, false);
        if (nodes.containsKey(p)) {
            throw fail(Errno.EEXIST, what);
        }
        nodes.put(p, new LinkNode(target));
    }

    @Override
    public String readlinkat(int dirfd, String path) {
        String what = FailureText.pathOrFd("readlinkat", dirfd, path);
        Object r = enter(call("readlinkat", dirfd(dirfd), str(path)), what);
        if (r != DEFAULT) {
            return (String) r;
        }
        String p = resolve(dirfd, path, false);
        String magic = magicLinkTarget(p);
        if (magic != null) {
            return magic;
        }
        return switch (nodes.get(p)) {
            case LinkNode l -> l.target();
            case null -> throw fail(Errno.ENOENT, what);
            default -> throw fail(Errno.EINVAL, what);
        };
    }

    @Override
    public FileStat statx(int dirfd, String path, int flags) {
        String what = FailureText.pathOrFd("statx", dirfd, path);
        Object r = enter(call("statx", dirfd(dirfd), str(path), flags(flags, AT_FLAGS)), what);
        if (r != DEFAULT) {
            return (FileStat) r;
        }
        boolean followLast = (flags & AT_SYMLINK_NOFOLLOW) == 0;
        String p = path.isEmpty() && (flags & AT_EMPTY_PATH) != 0 ? baseOf(dirfd) : resolve(dirfd, path, followLast);
        if (!followLast && magicLinkTarget(p) != null) {
            return new FileStat(S_IFLNK | 0700, 0, 0, 64, 1, 1, 0, 4, 0, 0, 2);
        }
        if (followLast) {
            p = follow(p);
            if (p == null) {
                throw fail(Errno.ELOOP, what);
            }
        }
        Node n = nodes.get(p);
        if (n == null) {
            throw fail(Errno.ENOENT, what);
        }
        return statOf(p, n);
    }

    @Override
    public void fchmodat(int dirfd, String path, int mode) {
        String what = FailureText.path("fchmodat", path);
        enter(call("fchmodat", dirfd(dirfd), str(path), mode(mode)), what);
        chmod(follow(resolve(dirfd, path)), mode);
    }

    private void chmod(String p, int mode) {
        switch (p == null ? null : nodes.get(p)) {
            case FileNode f -> f.mode = mode & 07777;
            case DirNode d -> d.mode = mode & 07777;
            case null, default -> { } // undeclared paths stay undeclared
        }
    }

    @Override
    public void fchownat(int dirfd, String path, int uid, int gid, int flags) {
        enter(call("fchownat", dirfd(dirfd), str(path), uid, gid, flags(flags, AT_FLAGS)),
                FailureText.pathOrFd("fchownat", dirfd, path));
    }

    @Override
    public void ftruncate(int fd, long length) {
        enter(call("ftruncate", fd, length), FailureText.fd("ftruncate", fd));
        OpenFile f = openFiles.get(fd);
        if (f != null && nodes.get(f.path) instanceof FileNode file) {
            file.content = Arrays.copyOf(file.content, (int) length);
        }
    }

    @Override
    public int dup3(int oldFd, int newFd, int flags) {
        enter(call("dup3", oldFd, newFd, flags(flags, OPEN_FLAGS)), FailureText.dup3(oldFd, newFd));
        OpenFile f = openFiles.get(oldFd);
        openFiles.put(newFd, new OpenFile(f == null ? baseOf(oldFd) : f.path));
        return newFd;
    }

    @Override
    public int fcntl(int fd, int cmd, long arg) {
        Object r = enter(call("fcntl", fd, choice(cmd, FCNTL_COMMANDS), arg), FailureText.fd("fcntl", fd));
        if (r != DEFAULT) {
            return ((Number) r).intValue();
        }
        if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) {
            return newFd(baseOf(fd));
        }
        return 0;
    }

    @Override
    public int ioctl(int fd, long request, long arg) {
        Object r = enter(call("ioctl", fd, choice(request, IOCTL_REQUESTS), arg), FailureText.fd("ioctl", fd));
        if (r != DEFAULT) {
            return ((Number) r).intValue();
        }
        return request == TIOCGPTPEER ? newFd("/dev/pts/0") : 0;
    }

    @Override
    public int ioctlGetInt(int fd, long request) {
        return asInt(enter(call("ioctlGetInt", fd, choice(request, IOCTL_REQUESTS)), FailureText.fd("ioctl", fd)), 0);
    }

    @Override
    public void ioctlSetInt(int fd, long request, int value) {
        enter(call("ioctlSetInt", fd, choice(request, IOCTL_REQUESTS), value), FailureText.fd("ioctl", fd));
    }

    @Override
    public WindowSize getWinsize(int fd) {
        return as(enter(call("getWinsize", fd), FailureText.fd("ioctl TIOCGWINSZ", fd)), new WindowSize(24, 80));
    }

    @Override
    public void setWinsize(int fd, WindowSize size) {
        enter(call("setWinsize", fd, size.rows(), size.cols()), FailureText.fd("ioctl TIOCSWINSZ", fd));
    }

    @Override
    public Termios tcgetattr(int fd) {
        return as(enter(call("tcgetattr", fd), FailureText.fd("ioctl TCGETS", fd)),
                new Termios(ICRNL | IXON, OPOST | ONLCR, CS8, ISIG | ICANON | ECHO | IEXTEN, 0, new byte[Structs.Termios.NCCS]));
    }

    @Override
    public void tcsetattr(int fd, int action, Termios termios) {
        enter(call("tcsetattr", fd, action, hex(termios.iflag()), hex(termios.oflag()), hex(termios.cflag()),
                hex(termios.lflag())), FailureText.fd("tcsetattr", fd));
    }

    @Override
    public void fsync(int fd) {
        enter(call("fsync", fd), FailureText.fd("fsync", fd));
    }

    @Override
    public long lseek(int fd, long offset, int whence) {
        Object r = enter(call("lseek", fd, offset, whence), FailureText.fd("lseek", fd));
        if (r != DEFAULT) {
            return ((Number) r).longValue();
        }
        OpenFile f = openFiles.get(fd);
        if (f == null) {
            return offset;
        }
        int size = nodes.get(f.path) instanceof FileNode file ? file.content.length : 0;
        f.position = (int) switch (whence) {
            case SEEK_CUR -> f.position + offset;
            case SEEK_END -> size + offset;
            default -> offset;
        };
        return f.position;
    }

    @Override
    public void fchmod(int fd, int mode) {
        enter(call("fchmod", fd, mode(mode)), FailureText.fd("fchmod", fd));
        OpenFile f = openFiles.get(fd);
        if (f != null) {
            chmod(f.path, mode);
        }
    }

    @Override
    public void fchown(int fd, int uid, int gid) {
        enter(call("fchown", fd, uid, gid), FailureText.fd("fchown", fd));
    }

    @Override
    public void faccessat(int dirfd, String path, int mode, int flags) {
        String what = FailureText.path("faccessat2", path);
        enter(call("faccessat", dirfd(dirfd), str(path), mode == F_OK ? "F_OK" : flags(mode, ACCESS_MODES),
                flags(flags, ACCESS_FLAGS)), what);
        String p = follow(resolve(dirfd, path));
        if (p == null || !nodes.containsKey(p)) {
            throw fail(Errno.ENOENT, what);
        }
    }

    @Override
    public Statfs statfs(String path) {
        return as(enter(call("statfs", str(path)), FailureText.path("statfs", path)), new Statfs(0xEF53, 4096, 0));
    }

    @Override
    public Statfs fstatfs(int fd) {
        return as(enter(call("fstatfs", fd), FailureText.fd("fstatfs", fd)), new Statfs(0xEF53, 4096, 0));
    }

    @Override
    public int memfdCreate(String name, int flags) {
        Object r = enter(call("memfdCreate", str(name), flags(flags, MFD_FLAGS)), FailureText.path("memfd_create", name));
        return r == DEFAULT ? newFd("/memfd:" + name) : ((Number) r).intValue();
    }

    /** Deterministic "random" bytes, so temporary names are stable across runs. */
    @Override
    public void getrandom(byte[] buf) {
        Object r = enter(call("getrandom", buf.length), "getrandom");
        if (r instanceof byte[] b) {
            System.arraycopy(b, 0, buf, 0, Math.min(b.length, buf.length));
            return;
        }
        for (int i = 0; i < buf.length; i++) {
            buf[i] = (byte) (++randomCounter);
        }
    }

    @Override
    public int[] pipe2(int flags) {
        Object r = enter(call("pipe2", flags(flags, OPEN_FLAGS)), "pipe2");
        return r == DEFAULT ? new int[] {newFd("pipe:[r]"), newFd("pipe:[w]")} : (int[]) r;
    }

    @Override
    public int[] socketpair(int domain, int type, int protocol) {
        Object r = enter(call("socketpair", domain == AF_UNIX ? "AF_UNIX" : domain, socketType(type), protocol),
                "socketpair");
        return r == DEFAULT ? new int[] {newFd("socket:[0]"), newFd("socket:[1]")} : (int[]) r;
    }

    private static String socketType(int type) {
        String base = choice(type & 0xf, SOCK_TYPES);
        int rest = type & ~0xf;
        return rest == 0 ? base : base + "|" + flags(rest, SOCK_FLAGS);
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        Object r = enter(call("socket", domain == AF_UNIX ? "AF_UNIX" : domain, socketType(type), protocol), "socket");
        return r == DEFAULT ? newFd("socket:") : ((Number) r).intValue();
    }

    @Override
    public void bind(int fd, String path) {
        enter(call("bind", fd, str(path)), FailureText.path("bind", path));
    }

    @Override
    public void listen(int fd, int backlog) {
        enter(call("listen", fd, backlog), FailureText.fd("listen", fd));
    }

    @Override
    public int accept4(int fd, int flags) {
        Object r = enter(call("accept4", fd, flags(flags, SOCK_FLAGS)), FailureText.fd("accept4", fd));
        return r == DEFAULT ? newFd("socket:") : ((Number) r).intValue();
    }

    @Override
    public void connect(int fd, String path) {
        enter(call("connect", fd, str(path)), FailureText.path("connect", path));
    }

    @Override
    public int sendFd(int socket, byte[] data, int fd) {
        return asInt(enter(call("sendFd", socket, bytes(data, 0, data.length), fd), FailureText.fd("sendmsg", socket)),
                data.length);
    }

    @Override
    public ReceivedFd recvFd(int socket, int maxData) {
        return as(enter(call("recvFd", socket, maxData), FailureText.fd("recvmsg", socket)), new ReceivedFd(new byte[0], -1));
    }

    @Override
    public void closeRange(int first, int last, int flags) {
        enter(call("closeRange", first, last, flags(flags, CLOSE_RANGE_FLAGS)), FailureText.closeRange(first));
        openFiles.keySet().removeIf(fd -> Integer.compareUnsigned(fd, first) >= 0
                && Integer.compareUnsigned(fd, last) <= 0 && (flags & CLOSE_RANGE_CLOEXEC) == 0);
    }

    @Override
    public short[] poll(int[] fds, short[] events, int timeoutMillis) {
        StringBuilder ev = new StringBuilder("[");
        for (int i = 0; i < events.length; i++) {
            ev.append(i == 0 ? "" : ", ").append(flags(events[i] & 0xffff, POLL_EVENTS));
        }
        Object r = enter(call("poll", ints(fds), ev.append(']'), timeoutMillis), "poll");
        return r == DEFAULT ? events.clone() : (short[]) r;
    }

    // ---- processes -----------------------------------------------------------------------------

    @Override
    public int getpid() {
        return asInt(enterInfallible("getpid()"), PID);
    }

    @Override
    public int getuid() {
        return asInt(enterInfallible("getuid()"), uid);
    }

    @Override
    public int geteuid() {
        return asInt(enterInfallible("geteuid()"), uid);
    }

    @Override
    public int getgid() {
        return asInt(enterInfallible("getgid()"), gid);
    }

    @Override
    public int getegid() {
        return asInt(enterInfallible("getegid()"), gid);
    }

    @Override
    public int getppid() {
        return asInt(enterInfallible("getppid()"), 1);
    }

    @Override
    public int gettid() {
        return asInt(enterInfallible("gettid()"), PID);
    }

    @Override
    public int clone3(long flags, int exitSignal, int cgroupFd) {
        Object r = enter(call("clone3", flags(flags, CLONE_FLAGS), signal(exitSignal), cgroupFd), "clone3");
        if ((flags & CLONE_PIDFD) != 0) {
            throw fail(Errno.EINVAL, "clone3");
        }
        return asInt(r, CHILD_PID);
    }

    @Override
    public int cloneLegacy(long flags, int exitSignal) {
        return asInt(enter(call("cloneLegacy", flags(flags, CLONE_FLAGS), signal(exitSignal)), "clone"), CHILD_PID);
    }

    @Override
    public void unshare(int flags) {
        enter(call("unshare", flags(flags & 0xffffffffL, CLONE_FLAGS)), "unshare");
    }

    @Override
    public void setns(int fd, int nstype) {
        enter(call("setns", fd, flags(nstype & 0xffffffffL, CLONE_FLAGS)), FailureText.fd("setns", fd));
    }

    @Override
    public void execve(String path, List<String> argv, List<String> envp) {
        enter(call("execve", str(path), strings(argv), strings(envp)), FailureText.exec(path));
        throw new Exec(path, argv, envp);
    }

    @Override
    public void execveat(int dirfd, String path, List<String> argv, List<String> envp, int flags) {
        enter(call("execveat", dirfd(dirfd), str(path), strings(argv), strings(envp), flags(flags, AT_FLAGS)),
                FailureText.execveat(dirfd, path));
        throw new Exec(path.isEmpty() ? baseOf(dirfd) : path, argv, envp);
    }

    @Override
    public WaitStatus wait4(int pid, int options) {
        Object r = enter(call("wait4", pid, flags(options & 0xffffffffL, WAIT_FLAGS)), "wait4");
        if (r == NO_CHILD) {
            return null;
        }
        return as(r, new WaitStatus(pid > 0 ? pid : CHILD_PID, 0));
    }

    @Override
    public void kill(int pid, int signal) {
        enter(call("kill", pid, signal(signal)), FailureText.kill(pid, signal));
    }

    @Override
    public int pidfdOpen(int pid, int flags) {
        Object r = enter(call("pidfdOpen", pid, flags(flags, OPEN_FLAGS)), FailureText.pidfdOpen(pid));
        return r == DEFAULT ? newFd("anon_inode:[pidfd]") : ((Number) r).intValue();
    }

    @Override
    public void pidfdSendSignal(int pidfd, int signal) {
        enter(call("pidfdSendSignal", pidfd, signal(signal)), FailureText.signal("pidfd_send_signal", signal));
    }

    @Override
    public void exitGroup(int status) {
        enterInfallible(call("exitGroup", status));
        throw new Exit(status);
    }

    @Override
    public long prctl(int option, long arg2, long arg3, long arg4, long arg5) {
        String arg = option == PR_CAPBSET_DROP || option == PR_CAPBSET_READ
                ? capabilityOrNumber(arg2) : Long.toString(arg2);
        String line = option == PR_CAP_AMBIENT
                ? call("prctl", "PR_CAP_AMBIENT", ambientOp(arg2), capabilityOrNumber(arg3), arg4, arg5)
                : call("prctl", choice(option, PRCTL_OPTIONS), arg, arg3, arg4, arg5);
        return asLong(enter(line, FailureText.prctl(option)), 0);
    }

    private static String capabilityOrNumber(long cap) {
        String name = Linux.capabilityName((int) cap);
        return name == null ? Long.toString(cap) : name;
    }

    private static String ambientOp(long op) {
        return switch ((int) op) {
            case PR_CAP_AMBIENT_IS_SET -> "PR_CAP_AMBIENT_IS_SET";
            case PR_CAP_AMBIENT_RAISE -> "PR_CAP_AMBIENT_RAISE";
            case PR_CAP_AMBIENT_LOWER -> "PR_CAP_AMBIENT_LOWER";
            case PR_CAP_AMBIENT_CLEAR_ALL -> "PR_CAP_AMBIENT_CLEAR_ALL";
            default -> Long.toString(op);
        };
    }

    @Override
    public int seccompSetModeFilter(int flags, byte[] program) {
        Object r = enter(call("seccompSetModeFilter", flags(flags, SECCOMP_FLAGS), (program.length / 8) + " instructions"),
                "seccomp");
        if (r != DEFAULT) {
            return ((Number) r).intValue();
        }
        return (flags & SECCOMP_FILTER_FLAG_NEW_LISTENER) != 0 ? newFd("anon_inode:seccomp notify") : 0;
    }

    @Override
    public boolean seccompActionAvailable(int action) {
        return as(enter(call("seccompActionAvailable", hex(action & 0xffffffffL)), "seccomp"), Boolean.TRUE);
    }

    @Override
    public int bpfProgLoad(int progType, byte[] insns, String license, int expectedAttachType) {
        Object r = enter(call("bpfProgLoad", progType, (insns.length / 8) + " instructions", str(license), expectedAttachType),
                "bpf prog load");
        return r == DEFAULT ? newFd("anon_inode:bpf-prog") : ((Number) r).intValue();
    }

    @Override
    public void bpfProgAttach(int targetFd, int progFd, int attachType, int flags, int replaceFd) {
        enter(call("bpfProgAttach", targetFd, progFd, attachType, flags, replaceFd), "bpf prog attach");
    }

    @Override
    public void bpfProgDetach(int targetFd, int progFd, int attachType) {
        enter(call("bpfProgDetach", targetFd, progFd, attachType), "bpf prog detach");
    }

    @Override
    public int[] bpfProgQuery(int targetFd, int attachType) {
        return as(enter(call("bpfProgQuery", targetFd, attachType), "bpf prog query"), new int[0]);
    }

    @Override
    public int bpfProgGetFdById(int id) {
        Object r = enter(call("bpfProgGetFdById", id), FailureText.bpfGetFdById(id));
        return r == DEFAULT ? newFd("anon_inode:bpf-prog") : ((Number) r).intValue();
    }

    @Override
    public int keyctlJoinSessionKeyring(String name) {
        return asInt(enter(call("keyctlJoinSessionKeyring", str(name)), FailureText.keyctlJoin(name)), 123456789);
    }

    @Override
    public String keyctlDescribe(int keyId) {
        return as(enter(call("keyctlDescribe", keyId), FailureText.keyctlDescribe(keyId)), "keyring;0;0;3f030000;_ses");
    }

    @Override
    public void keyctlSetperm(int keyId, int perm) {
        enter(call("keyctlSetperm", keyId, hex(perm & 0xffffffffL)), FailureText.keyctlSetperm(keyId));
    }

    @Override
    public void ioprioSet(int which, int who, int ioprio) {
        enter(call("ioprioSet", which, who, ioprio), "ioprio_set");
    }

    @Override
    public void schedSetattr(int pid, SchedAttr attr) {
        enter(call("schedSetattr", pid, attr), "sched_setattr");
    }

    @Override
    public CapabilitySets capget(int pid) {
        long all = (1L << (CAP_LAST_CAP + 1)) - 1;
        return as(enter(call("capget", pid), "capget"), new CapabilitySets(all, all, 0));
    }

    @Override
    public void capset(CapabilitySets caps) {
        enter(call("capset", hex(caps.effective()), hex(caps.permitted()), hex(caps.inheritable())), "capset");
    }

    @Override
    public void setresuid(int ruid, int euid, int suid) {
        enter(call("setresuid", ruid, euid, suid), "setresuid");
        if (euid != -1) {
            uid = euid;
        }
    }

    @Override
    public void setresgid(int rgid, int egid, int sgid) {
        enter(call("setresgid", rgid, egid, sgid), "setresgid");
        if (egid != -1) {
            gid = egid;
        }
    }

    @Override
    public void setgroups(int[] gids) {
        enter(call("setgroups", ints(gids)), "setgroups");
    }

    @Override
    public int setsid() {
        return asInt(enter("setsid()", "setsid"), PID);
    }

    @Override
    public void setpgid(int pid, int pgid) {
        enter(call("setpgid", pid, pgid), "setpgid");
    }

    @Override
    public void sethostname(String name) {
        enter(call("sethostname", str(name)), "sethostname");
    }

    @Override
    public void setdomainname(String name) {
        enter(call("setdomainname", str(name)), "setdomainname");
    }

    @Override
    public void setrlimit(int pid, int resource, long soft, long hard) {
        enter(call("setrlimit", pid, rlimit(resource), rlimitValue(soft), rlimitValue(hard)),
                FailureText.rlimit("setrlimit", resource));
    }

    @Override
    public long[] getrlimit(int pid, int resource) {
        return as(enter(call("getrlimit", pid, rlimit(resource)), FailureText.rlimit("getrlimit", resource)),
                new long[] {1024, 4096});
    }

    @Override
    public int umask(int mask) {
        Object r = enterInfallible(call("umask", mode(mask)));
        int old = umask;
        umask = mask & 0777;
        return asInt(r, old);
    }

    @Override
    public void chdir(String path) {
        enter(call("chdir", str(path)), FailureText.path("chdir", path));
    }

    @Override
    public void fchdir(int fd) {
        enter(call("fchdir", fd), FailureText.fd("fchdir", fd));
    }

    @Override
    public void chroot(String path) {
        enter(call("chroot", str(path)), FailureText.path("chroot", path));
    }

    @Override
    public int personality(long persona) {
        return asInt(enter(call("personality", hex(persona)), "personality"), 0);
    }

    @Override
    public long sigprocmask(int how, long set) {
        return asLong(enter(call("sigprocmask", choice(how, SIGPROCMASK_HOW), hex(set)), "rt_sigprocmask"), 0);
    }

    @Override
    public int signalfd(int fd, long mask, int flags) {
        Object r = enter(call("signalfd", fd, hex(mask), flags(flags, SFD_FLAGS)), "signalfd4");
        if (r != DEFAULT) {
            return ((Number) r).intValue();
        }
        return fd == -1 ? newFd("anon_inode:[signalfd]") : fd;
    }

    @Override
    public void setSignalDisposition(int signal, boolean ignore) {
        enter(call("setSignalDisposition", signal(signal), ignore ? "SIG_IGN" : "SIG_DFL"),
                FailureText.signal("rt_sigaction", signal));
    }

    // ---- mounts --------------------------------------------------------------------------------

    @Override
    public void mount(String source, String target, String fstype, long flags, String data) {
        enter(call("mount", str(source), str(target), str(fstype), flags(flags, MOUNT_FLAGS), str(data)),
                FailureText.mount(source, target, flags, data));
    }

    @Override
    public void umount2(String target, int flags) {
        enter(call("umount2", str(target), flags(flags, UMOUNT_FLAGS)), FailureText.unmount(target, flags));
    }

    @Override
    public void pivotRoot(String newRoot, String putOld) {
        enter(call("pivotRoot", str(newRoot), str(putOld)), FailureText.path("pivot_root", newRoot));
    }

    @Override
    public void mountSetattr(int dirfd, String path, int flags, long attrSet, long attrClr, long propagation, long usernsFd) {
        enter(call("mountSetattr", dirfd(dirfd), str(path), flags(flags, AT_FLAGS), flags(attrSet, MOUNT_ATTRS),
                flags(attrClr, MOUNT_ATTRS), flags(propagation, MOUNT_FLAGS), usernsFd),
                FailureText.pathOrFd("mount_setattr", dirfd, path));
    }

    @Override
    public int openTree(int dirfd, String path, int flags) {
        Object r = enter(call("openTree", dirfd(dirfd), str(path), flags(flags, OPEN_TREE_FLAGS)),
                FailureText.pathOrFd("open_tree", dirfd, path));
        return r == DEFAULT ? newFd(path.isEmpty() ? baseOf(dirfd) : resolve(dirfd, path)) : ((Number) r).intValue();
    }

    @Override
    public void moveMount(int fromDirfd, String fromPath, int toDirfd, String toPath, int flags) {
        enter(call("moveMount", dirfd(fromDirfd), str(fromPath), dirfd(toDirfd), str(toPath),
                flags(flags, MOVE_MOUNT_FLAGS)), FailureText.moveMount(fromDirfd, fromPath, toDirfd, toPath));
    }

    // ---- system --------------------------------------------------------------------------------

    @Override
    public Uname uname() {
        return as(enter("uname()", "uname"), new Uname("Linux", "fakehost", "6.1.0-fake", "#1 SMP", "x86_64", "(none)"));
    }

    @Override
    public String getcwd() {
        return as(enter("getcwd()", "getcwd"), "/");
    }

    @Override
    public List<String> environment() {
        return as(enter("environment()", FailureText.path("openat", "/proc/self/environ")), environment);
    }
}

package io.jrunc.sys;

/**
 * What a failed call says before the errno text: {@code "openat /x"} in
 * {@code "openat /x: no such file or directory"}. One place, so that the kernel implementation and
 * the test fake throw exactly the same messages.
 */
final class FailureText {
    private FailureText() {}

    static String path(String call, String path) {
        return call + " " + path;
    }

    static String fd(String call, int fd) {
        return call + " fd " + fd;
    }

    /** statx and friends take either a path or (AT_EMPTY_PATH) the fd itself. */
    static String pathOrFd(String call, int dirfd, String path) {
        return path.isEmpty() ? fd(call, dirfd) : path(call, path);
    }

    static String twoPaths(String call, String from, String to) {
        return call + " " + from + " " + to;
    }

    /** runc's mountError: {@code mount src:dst, flags: 0x5000, data: mode=755}. */
    static String mount(String source, String target, long flags, String data) {
        StringBuilder out = new StringBuilder("mount ");
        if (source != null && !source.isEmpty()) {
            out.append(source).append(':');
        }
        out.append(target);
        if (flags != 0) {
            out.append(", flags: 0x").append(Long.toHexString(flags));
        }
        if (data != null && !data.isEmpty()) {
            out.append(", data: ").append(data);
        }
        return out.toString();
    }

    /** runc's unmount error: {@code unmount /x, flags: 0x2}. */
    static String unmount(String target, int flags) {
        String out = "unmount " + target;
        return flags == 0 ? out : out + ", flags: 0x" + Integer.toHexString(flags);
    }

    /** runc's exec failure: {@code exec /bin/sh}. */
    static String exec(String path) {
        return "exec " + path;
    }

    static String rlimit(String call, int resource) {
        String name = Linux.rlimitName(resource);
        return call + " " + (name == null ? Integer.toString(resource) : name);
    }

    static String signal(String call, int signal) {
        return call + " " + Linux.signalName(signal);
    }

    static String kill(int pid, int signal) {
        return "kill " + pid + " " + Linux.signalName(signal);
    }

    static String dup3(int oldFd, int newFd) {
        return "dup3 " + oldFd + " " + newFd;
    }

    static String closeRange(int first) {
        return "close_range " + first;
    }

    static String pidfdOpen(int pid) {
        return "pidfd_open " + pid;
    }

    static String prctl(int option) {
        return "prctl " + option;
    }

    static String execveat(int dirfd, String path) {
        return path.isEmpty() ? fd("exec", dirfd) : exec(path);
    }

    static String moveMount(int fromDirfd, String fromPath, int toDirfd, String toPath) {
        return twoPaths("move_mount", fromPath.isEmpty() ? "fd " + fromDirfd : fromPath,
                toPath.isEmpty() ? "fd " + toDirfd : toPath);
    }

    static String bpfGetFdById(int id) {
        return "bpf prog get fd by id " + id;
    }

    static String keyctlJoin(String name) {
        return "keyctl join session keyring" + (name == null ? "" : " " + name);
    }

    static String keyctlDescribe(int id) {
        return "keyctl describe " + id;
    }

    static String keyctlSetperm(int id) {
        return "keyctl setperm " + id;
    }
}

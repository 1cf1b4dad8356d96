package io.jrunc.container.rootfs;

import io.jrunc.sys.Linux;
import io.jrunc.sys.RecordingSyscalls;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared recording fake, plus what the rootfs code needs from it and it does not model:
 * readlink of "/proc/self/fd/N" answers the path fd N was opened on (lexically, as the call
 * named it), the way the kernel's magic links do. Paths are strict: a missing directory is ENOENT.
 */
class RootfsKernel extends RecordingSyscalls {
    static final String BUNDLE = "/bundle";
    static final String ROOTFS = "/bundle/rootfs";

    private final Map<Integer, String> fdPaths = new HashMap<>();

    RootfsKernel() {
        strictPaths();
    }

    /** A typical image: /proc, /sys, /dev, /etc and /tmp exist, and the host's /dev/null. */
    static RootfsKernel withImage() {
        RootfsKernel k = new RootfsKernel();
        for (String d : new String[] {"proc", "sys", "dev", "etc", "tmp"}) {
            k.dir(ROOTFS + "/" + d);
        }
        k.file("/dev/null", "");
        return k;
    }

    @Override
    public int openat(int dirfd, String path, int flags, int mode) {
        int fd = super.openat(dirfd, path, flags, mode);
        fdPaths.put(fd, where(dirfd, path));
        return fd;
    }

    @Override
    public int openat2(int dirfd, String path, long flags, long mode, long resolve) {
        int fd = super.openat2(dirfd, path, flags, mode, resolve);
        fdPaths.put(fd, where(dirfd, path));
        return fd;
    }

    /** Where fd {@code fd} was opened, as /proc/self/fd would show it. */
    String pathOfFd(int fd) {
        return fdPaths.get(fd);
    }

    @Override
    public String readlinkat(int dirfd, String path) {
        String prefix = "/proc/self/fd/";
        if (dirfd == Linux.AT_FDCWD && path.startsWith(prefix)) {
            String known = fdPaths.get(Integer.parseInt(path.substring(prefix.length())));
            if (known != null) {
                willReturn("readlinkat(AT_FDCWD, \"" + path + "\")", known);
            }
        }
        return super.readlinkat(dirfd, path);
    }

    private String where(int dirfd, String path) {
        if (path.startsWith("/")) {
            return normalize(path);
        }
        String base = dirfd == Linux.AT_FDCWD ? "/" : fdPaths.getOrDefault(dirfd, "/proc/self/fd/" + dirfd);
        return normalize(base + "/" + path);
    }

    private static String normalize(String path) {
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
}

package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.List;

import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.BPF_CGROUP_DEVICE;
import static io.jrunc.sys.Linux.BPF_F_ALLOW_MULTI;
import static io.jrunc.sys.Linux.BPF_F_REPLACE;
import static io.jrunc.sys.Linux.BPF_PROG_TYPE_CGROUP_DEVICE;
import static io.jrunc.sys.Linux.O_DIRECTORY;
import static io.jrunc.sys.Linux.O_RDONLY;
import static io.jrunc.sys.Linux.RLIMIT_MEMLOCK;
import static io.jrunc.sys.Linux.RLIM_INFINITY;

/**
 * Loads a device filter and attaches it to a cgroup v2 directory in place of the one attached
 * before, as runc's LoadAttachCgroupDeviceFilter: an atomic BPF_F_REPLACE when exactly one old
 * program is there, else attach the new one next to the old ones and then detach those, so that
 * the cgroup is never without a filter.
 */
final class DeviceFilterAttacher {
    private DeviceFilterAttacher() {}

    static void attach(Syscalls sys, String dir, DeviceFilterProgram program) {
        try {
            // older kernels charge BPF programs to RLIMIT_MEMLOCK; the limit is not inherited by the container
            sys.setrlimit(0, RLIMIT_MEMLOCK, RLIM_INFINITY, RLIM_INFINITY);
        } catch (JruncException ignored) {
            // the load below will say what is wrong if it matters
        }
        int dirFd;
        try {
            dirFd = sys.openat(AT_FDCWD, dir, O_RDONLY | O_DIRECTORY, 0);
        } catch (JruncException e) {
            throw Errno.exception(e.errno(), "openat2 " + dir);
        }
        List<Integer> oldFds = new ArrayList<>();
        try {
            for (int id : query(sys, dirFd)) {
                try {
                    oldFds.add(sys.bpfProgGetFdById(id));
                } catch (JruncException e) {
                    // a program an LSM hides from us can only add restrictions: leave it be
                    if (e.errno() != Errno.EPERM && e.errno() != Errno.EACCES) {
                        throw new JruncException("cannot fetch program from id: " + e.getMessage(), e.errno());
                    }
                }
            }
            int progFd = sys.bpfProgLoad(BPF_PROG_TYPE_CGROUP_DEVICE, program.bytes(), DeviceFilterProgram.LICENSE, 0);
            try {
                if (!(oldFds.size() == 1 && replace(sys, dirFd, progFd, oldFds.getFirst()))) {
                    attachBeside(sys, dirFd, progFd, oldFds);
                }
            } finally {
                sys.close(progFd);
            }
        } finally {
            for (int fd : oldFds) {
                sys.close(fd);
            }
            sys.close(dirFd);
        }
    }

    private static int[] query(Syscalls sys, int dirFd) {
        try {
            return sys.bpfProgQuery(dirFd, BPF_CGROUP_DEVICE);
        } catch (JruncException e) {
            throw new JruncException("bpf_prog_query(BPF_CGROUP_DEVICE) failed: " + Errno.message(e.errno()), e.errno());
        }
    }

    /** BPF_F_REPLACE; false when the kernel is too old to know it (EINVAL). */
    private static boolean replace(Syscalls sys, int dirFd, int progFd, int oldFd) {
        try {
            sys.bpfProgAttach(dirFd, progFd, BPF_CGROUP_DEVICE, BPF_F_ALLOW_MULTI | BPF_F_REPLACE, oldFd);
            return true;
        } catch (JruncException e) {
            if (e.errno() == Errno.EINVAL) {
                return false;
            }
            throw attachFailure(e);
        }
    }

    private static void attachBeside(Syscalls sys, int dirFd, int progFd, List<Integer> oldFds) {
        try {
            sys.bpfProgAttach(dirFd, progFd, BPF_CGROUP_DEVICE, BPF_F_ALLOW_MULTI, 0);
        } catch (JruncException e) {
            throw attachFailure(e);
        }
        for (int old : oldFds) {
            try {
                sys.bpfProgDetach(dirFd, old, BPF_CGROUP_DEVICE);
            } catch (JruncException e) {
                throw new JruncException("failed to call BPF_PROG_DETACH (BPF_CGROUP_DEVICE) on old filter program: "
                        + Errno.message(e.errno()), e.errno());
            }
        }
    }

    private static JruncException attachFailure(JruncException e) {
        return new JruncException("failed to call BPF_PROG_ATTACH (BPF_CGROUP_DEVICE, BPF_F_ALLOW_MULTI): "
                + Errno.message(e.errno()), e.errno());
    }
}

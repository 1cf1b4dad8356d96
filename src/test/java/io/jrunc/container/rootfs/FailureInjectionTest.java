package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.spec.DefaultSpec;
import io.jrunc.sys.Errno;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A kernel error at any step of {@link ContainerRootfs#prepare()} for runc's default config
 * surfaces as a JruncException carrying that errno, worded with runc's context (naming the mount
 * being set up), with no file descriptor left open.
 */
class FailureInjectionTest {

    private static RootfsKernel prepare(RootfsKernel kernel) {
        Hosts.rootfs(kernel, Hosts.config(DefaultSpec.example(true))).prepare();
        return kernel;
    }

    /** The calls the kernel may fail without the setup failing, by design. */
    private static boolean tolerated(String call) {
        return call.startsWith("close(")                          // nothing to do about a failed close
                || call.startsWith("statx(AT_FDCWD, \"/proc/kcore\"") // no /proc/kcore: no /dev/core link
                || call.startsWith("mknodat(");                    // EACCES/EPERM: the host's node is bound instead
    }

    @Test
    void everyFailingStepIsReportedWithItsErrnoAndWhatWasBeingDone() {
        List<String> trace = prepare(RootfsKernel.withImage()).calls();
        List<String> contexts = expectedContexts(trace);
        int failures = 0;
        for (int i : prepare(RootfsKernel.withImage()).fallibleCallIndexes()) {
            String call = trace.get(i);
            RootfsKernel kernel = RootfsKernel.withImage();
            kernel.failAt(i, Errno.EACCES);
            try {
                prepare(kernel);
                assertTrue(tolerated(call), "a failing " + call + " went unnoticed");
            } catch (JruncException e) {
                failures++;
                assertEquals(Errno.EACCES, e.errno(), call);
                assertTrue(e.getMessage().startsWith(contexts.get(i)), call + " gave: " + e.getMessage());
                assertTrue(e.getMessage().endsWith(": permission denied"), call + " gave: " + e.getMessage());
                assertEquals(Set.of(), kernel.openFds(), "fds left open after " + call + " failed");
            }
        }
        assertTrue(failures > 60, "most steps must be able to fail: " + failures);
    }

    /** For each call of the trace, the runc context an error there is reported in. */
    private static List<String> expectedContexts(List<String> trace) {
        String[][] mounts = {
            {"proc", "/proc"}, {"tmpfs", "/dev"}, {"devpts", "/dev/pts"}, {"shm", "/dev/shm"},
            {"mqueue", "/dev/mqueue"}, {"sysfs", "/sys"}, {"cgroup", "/sys/fs/cgroup"},
        };
        List<String> out = new ArrayList<>();
        int mount = 0;
        String phase = "error preparing rootfs: ";
        boolean inMounts = false;
        for (int i = 0; i < trace.size(); i++) {
            String call = trace.get(i);
            if (inMounts && mount < mounts.length) {
                phase = "error mounting \"" + mounts[mount][0] + "\" to rootfs at \"" + mounts[mount][1] + "\": ";
            }
            if (call.startsWith("mknodat(") && phase.startsWith("error mounting")) {
                out.set(i - 1, "error creating device nodes: ");
                phase = "error creating device nodes: ";
                inMounts = false;
            }
            if (call.startsWith("unlinkat(")) {
                out.set(i - 1, "error setting up ptmx: ");
                phase = "error setting up ptmx: ";
            }
            if (call.startsWith("statx(AT_FDCWD, \"/proc/kcore\"")) {
                phase = "error setting up /dev symlinks: ";
            }
            out.add(phase);
            if (call.startsWith("openat(AT_FDCWD, \"/bundle/rootfs\"")) {
                inMounts = true;
            } else if (inMounts && call.startsWith("mount(") && i + 1 < trace.size() && trace.get(i + 1).startsWith("close(")) {
                out.add(phase); // the close after the mount still belongs to it
                i++;
                mount++;
            }
        }
        if (mount != mounts.length) {
            fail("the trace has " + mount + " mounts: " + String.join("\n", trace));
        }
        return out;
    }

    /** enter, finish and restrict for the default config, with the fake answering the fstat calls they make. */
    private static RootfsKernel enterFinishRestrict(RootfsKernel kernel) {
        io.jrunc.sys.Syscalls.FileStat devNull = new io.jrunc.sys.Syscalls.FileStat(io.jrunc.sys.Linux.S_IFCHR | 0666,
                0, 0, 0, 5, 1, 0, 6, 1, 3, 1);
        io.jrunc.sys.Syscalls.FileStat pipe = new io.jrunc.sys.Syscalls.FileStat(0010600, 0, 0, 0, 9, 1, 0, 13, 0, 0, 1);
        io.jrunc.sys.Syscalls.FileStat dir = new io.jrunc.sys.Syscalls.FileStat(0040755, 0, 0, 0, 2, 1, 8, 1, 0, 0, 1);
        kernel.willReturn("statx(", devNull, pipe, pipe, pipe, dir, devNull);
        ContainerRootfs rootfs = Hosts.rootfs(kernel, Hosts.config(DefaultSpec.example(true)));
        rootfs.changeToRootfs();
        rootfs.enter("/");
        rootfs.finish();
        rootfs.restrict();
        return kernel;
    }

    @Test
    void everyFailingStepAfterPrepareKeepsItsErrnoAndLeavesNoFdOpen() {
        List<String> trace = enterFinishRestrict(RootfsKernel.withImage()).calls();
        int failures = 0;
        for (int i : enterFinishRestrict(RootfsKernel.withImage()).fallibleCallIndexes()) {
            String call = trace.get(i);
            RootfsKernel kernel = RootfsKernel.withImage();
            kernel.failAt(i, Errno.EACCES);
            try {
                enterFinishRestrict(kernel);
                // a failed close changes nothing; a refused read-only remount of "/" is retried with its flags
                assertTrue(call.startsWith("close(") || call.startsWith("mount(null, \"/\", null, MS_RDONLY"),
                        "a failing " + call + " went unnoticed");
            } catch (JruncException e) {
                failures++;
                assertEquals(Errno.EACCES, e.errno(), call);
                assertTrue(e.getMessage().endsWith(": permission denied"), call + " gave: " + e.getMessage());
                assertEquals(Set.of(), kernel.openFds(), "fds left open after " + call + " failed");
            }
        }
        assertTrue(failures > 30, "most steps must be able to fail: " + failures);
    }

    @Test
    void aRefusedMountNamesTheMountTheWayRuncDoes() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.failWhen("mount(\"devpts\"", Errno.EPERM);
        try {
            prepare(kernel);
            fail("the devpts mount was refused");
        } catch (JruncException e) {
            assertEquals("error mounting \"devpts\" to rootfs at \"/dev/pts\": mount src=devpts, dst=/dev/pts, "
                    + "dstFd=/proc/self/fd/7, flags=MS_NOSUID|MS_NOEXEC, data=newinstance,ptmxmode=0666,mode=0620,gid=5: "
                    + "operation not permitted", e.getMessage());
            assertEquals(Errno.EPERM, e.errno());
        }
    }

    @Test
    void aDestinationThatCannotBeCreatedNamesTheDirectory() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.failWhen("mkdirat(6, \"pts\"", Errno.EROFS);
        try {
            prepare(kernel);
            fail("mkdir was refused");
        } catch (JruncException e) {
            assertEquals("error mounting \"devpts\" to rootfs at \"/dev/pts\": mkdir /bundle/rootfs/dev/pts: "
                    + "read-only file system", e.getMessage());
            assertEquals(Errno.EROFS, e.errno());
        }
    }

    @Test
    void aRootThatCannotBeMadeSlaveIsAPrepareError() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.failWhen("mount(null, \"/\"", Errno.EINVAL);
        try {
            prepare(kernel);
            fail("the propagation change was refused");
        } catch (JruncException e) {
            assertEquals("error preparing rootfs: mount dst=/, flags=MS_REC|MS_SLAVE: invalid argument", e.getMessage());
        }
    }

    @Test
    void theRootfsParentIsSearchedUpwardsForAMountPoint() {
        RootfsKernel kernel = RootfsKernel.withImage();
        kernel.failWhen("mount(null, \"/bundle/rootfs\", null, MS_PRIVATE", Errno.EINVAL);
        kernel.failWhen("mount(null, \"/bundle\", null, MS_PRIVATE", Errno.EINVAL);
        prepare(kernel);
        assertEquals(List.of(
                "mount(null, \"/bundle/rootfs\", null, MS_PRIVATE, null)",
                "mount(null, \"/bundle\", null, MS_PRIVATE, null)",
                "mount(null, \"/\", null, MS_PRIVATE, null)"), kernel.calls("mount(null, \"/").subList(1, 4));
    }
}

package io.jrunc.sys;

import io.jrunc.JruncException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.ToLongFunction;

import static io.jrunc.sys.Linux.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link LinuxSyscalls} hands the kernel, seen through a scripted {@link RawSyscall}: for
 * the calls a JVM test must not make for real (clone3, clone, execve, exit_group, capset, ...)
 * and for the EINTR retries.
 */
class LinuxSyscallsMarshallingTest {

    /** One syscall as the kernel would have seen it. */
    record Call(long nr, long[] args) {
        long arg(int i) {
            return args[i - 1];
        }
    }

    /** Records calls; answers each with the next scripted function of the call (0 when none left). */
    static final class ScriptedRaw implements RawSyscall {
        final List<Call> calls = new ArrayList<>();
        final Deque<ToLongFunction<Call>> answers = new ArrayDeque<>();

        ScriptedRaw answer(ToLongFunction<Call> f) {
            answers.add(f);
            return this;
        }

        ScriptedRaw answer(long value) {
            return answer(c -> value);
        }

        @Override
        public long call(long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
            Call c = new Call(nr, new long[] {a1, a2, a3, a4, a5, a6});
            calls.add(c);
            return answers.isEmpty() ? 0 : answers.removeFirst().applyAsLong(c);
        }
    }

    private static MemorySegment at(long address, long size) {
        return MemorySegment.ofAddress(address).reinterpret(size);
    }

    private static String cString(long address) {
        return MemorySegment.ofAddress(address).reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static List<String> stringArray(long address) {
        List<String> out = new ArrayList<>();
        MemorySegment array = MemorySegment.ofAddress(address).reinterpret(Long.MAX_VALUE);
        for (int i = 0; ; i++) {
            long p = array.getAtIndex(JAVA_LONG, i);
            if (p == 0) {
                return out;
            }
            out.add(cString(p));
        }
    }

    /** A C string argument, read while the call is in progress (the memory is gone afterwards); null for NULL. */
    private static String stringArg(Call c, int i) {
        return c.arg(i) == 0 ? null : cString(c.arg(i));
    }

    @Test
    void clone3PassesCloneArgsWithTheCgroup() {
        long[] seen = new long[11];
        ScriptedRaw raw = new ScriptedRaw().answer(c -> {
            at(c.arg(1), 88).asByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(seen);
            return 0;
        });
        int r = new LinuxSyscalls(raw).clone3(CLONE_NEWPID | CLONE_NEWNS, SIGCHLD, 7);
        assertEquals(0, r, "0 is the child's side");
        assertEquals(SYS_clone3, raw.calls.get(0).nr());
        assertEquals(88, raw.calls.get(0).arg(2));
        assertEquals(CLONE_NEWPID | CLONE_NEWNS | CLONE_INTO_CGROUP, seen[0]);
        assertEquals(SIGCHLD, seen[4]);
        assertEquals(7, seen[10]);
        assertEquals(0, seen[1] | seen[2] | seen[3] | seen[5] | seen[6] | seen[7] | seen[8] | seen[9], "no stack, tls, pidfd");
    }

    @Test
    void clone3WithoutACgroupLeavesItOut() {
        long[] seen = new long[11];
        ScriptedRaw raw = new ScriptedRaw().answer(c -> {
            at(c.arg(1), 88).asByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(seen);
            return 4242;
        });
        assertEquals(4242, new LinuxSyscalls(raw).clone3(CLONE_NEWUSER, SIGCHLD, -1));
        assertEquals(CLONE_NEWUSER, seen[0]);
        assertEquals(0, seen[10]);
    }

    @Test
    void clone3RefusesClonePidfdItCouldNotReturn() {
        ScriptedRaw raw = new ScriptedRaw();
        JruncException e = assertThrows(JruncException.class, () -> new LinuxSyscalls(raw).clone3(CLONE_PIDFD, SIGCHLD, -1));
        assertEquals("clone3: invalid argument", e.getMessage());
        assertEquals(List.of(), raw.calls);
    }

    @Test
    void clone3FailureIsReported() {
        ScriptedRaw raw = new ScriptedRaw().answer(-Errno.ENOSYS);
        JruncException e = assertThrows(JruncException.class, () -> new LinuxSyscalls(raw).clone3(0, SIGCHLD, -1));
        assertEquals("clone3: function not implemented", e.getMessage());
        assertEquals(Errno.ENOSYS, e.errno());
    }

    @Test
    void legacyCloneHasNoStackAndTheSignalInTheFlags() {
        ScriptedRaw raw = new ScriptedRaw().answer(99);
        assertEquals(99, new LinuxSyscalls(raw).cloneLegacy(CLONE_NEWUTS | CLONE_NEWIPC, SIGCHLD));
        Call c = raw.calls.get(0);
        assertEquals(SYS_clone, c.nr());
        assertEquals(CLONE_NEWUTS | CLONE_NEWIPC | SIGCHLD, c.arg(1));
        assertEquals(0, c.arg(2) | c.arg(3) | c.arg(4) | c.arg(5));
    }

    @Test
    void execvePassesNullTerminatedArrays() {
        List<List<String>> seen = new ArrayList<>();
        ScriptedRaw raw = new ScriptedRaw().answer(c -> {
            seen.add(List.of(cString(c.arg(1))));
            seen.add(stringArray(c.arg(2)));
            seen.add(stringArray(c.arg(3)));
            return -Errno.ENOENT;
        });
        JruncException e = assertThrows(JruncException.class, () -> new LinuxSyscalls(raw)
                .execve("/bin/nope", List.of("nope", "-c", "écho"), List.of("PATH=/bin", "A=")));
        assertEquals("exec /bin/nope: no such file or directory", e.getMessage());
        assertEquals(SYS_execve, raw.calls.get(0).nr());
        assertEquals(List.of(List.of("/bin/nope"), List.of("nope", "-c", "écho"), List.of("PATH=/bin", "A=")), seen);
    }

    @Test
    void execveWithEmptyLists() {
        List<List<String>> seen = new ArrayList<>();
        ScriptedRaw raw = new ScriptedRaw().answer(c -> {
            seen.add(stringArray(c.arg(2)));
            seen.add(stringArray(c.arg(3)));
            return -Errno.EACCES;
        });
        JruncException e = assertThrows(JruncException.class, () -> new LinuxSyscalls(raw).execve("/x", List.of(), List.of()));
        assertEquals("exec /x: permission denied", e.getMessage());
        assertEquals(List.of(List.of(), List.of()), seen);
    }

    @Test
    void execveatOfAnFd() {
        List<String> seen = new ArrayList<>();
        ScriptedRaw raw = new ScriptedRaw().answer(c -> {
            seen.add(stringArg(c, 2));
            return -Errno.ENOEXEC;
        });
        JruncException e = assertThrows(JruncException.class,
                () -> new LinuxSyscalls(raw).execveat(5, "", List.of("a"), List.of(), AT_EMPTY_PATH));
        assertEquals("exec fd 5: exec format error", e.getMessage());
        Call c = raw.calls.get(0);
        assertEquals(SYS_execveat, c.nr());
        assertEquals(5, c.arg(1));
        assertEquals(List.of(""), seen);
        assertEquals(AT_EMPTY_PATH, c.arg(5));
    }

    @Test
    void exitGroupMakesTheCall() {
        ScriptedRaw raw = new ScriptedRaw();
        assertThrows(IllegalStateException.class, () -> new LinuxSyscalls(raw).exitGroup(3));
        assertEquals(SYS_exit_group, raw.calls.get(0).nr());
        assertEquals(3, raw.calls.get(0).arg(1));
    }

    @Test
    void readIsRetriedWhenInterrupted() {
        ScriptedRaw raw = new ScriptedRaw().answer(-Errno.EINTR).answer(-Errno.EINTR).answer(c -> {
            at(c.arg(2), 3).copyFrom(MemorySegment.ofArray("abc".getBytes(StandardCharsets.UTF_8)));
            return 3;
        });
        byte[] buf = new byte[8];
        assertEquals(3, new LinuxSyscalls(raw).read(5, buf, 1, 7));
        assertEquals("abc", new String(buf, 1, 3, StandardCharsets.UTF_8));
        assertEquals(3, raw.calls.size());
    }

    @Test
    void closeIsNotRetried() {
        ScriptedRaw raw = new ScriptedRaw().answer(-Errno.EINTR);
        JruncException e = assertThrows(JruncException.class, () -> new LinuxSyscalls(raw).close(5));
        assertEquals(Errno.EINTR, e.errno());
        assertEquals(1, raw.calls.size());
    }

    @Test
    void wait4DecodesStatusRetriesAndSaysNullForNothing() {
        ScriptedRaw raw = new ScriptedRaw()
                .answer(-Errno.EINTR)
                .answer(c -> {
                    at(c.arg(2), 4).set(JAVA_INT, 0, SIGKILL);
                    return 4242;
                })
                .answer(0);
        LinuxSyscalls sys = new LinuxSyscalls(raw);
        Syscalls.WaitStatus st = sys.wait4(-1, 0);
        assertEquals(4242, st.pid());
        assertEquals(137, Linux.exitCode(st.status()));
        assertNull(sys.wait4(-1, WNOHANG));
        assertEquals(WNOHANG, raw.calls.get(2).arg(3));
    }

    @Test
    void mountPassesNullsAndFailsInRuncWords() {
        List<String> seen = new ArrayList<>();
        ScriptedRaw raw = new ScriptedRaw().answer(c -> {
            seen.add(stringArg(c, 1));
            seen.add(stringArg(c, 2));
            seen.add(stringArg(c, 3));
            seen.add(stringArg(c, 5));
            return -Errno.EPERM;
        });
        JruncException e = assertThrows(JruncException.class,
                () -> new LinuxSyscalls(raw).mount("/src", "/rootfs/dst", null, MS_BIND | MS_REC, null));
        assertEquals("mount /src:/rootfs/dst, flags: 0x5000: operation not permitted", e.getMessage());
        assertEquals(java.util.Arrays.asList("/src", "/rootfs/dst", null, null), seen);
        assertEquals(MS_BIND | MS_REC, raw.calls.get(0).arg(4));
    }

    @Test
    void mountMessageWithDataAndWithoutSource() {
        List<String> seen = new ArrayList<>();
        ScriptedRaw raw = new ScriptedRaw().answer(c -> {
            seen.add(stringArg(c, 1));
            seen.add(stringArg(c, 5));
            return -Errno.EINVAL;
        });
        JruncException e = assertThrows(JruncException.class,
                () -> new LinuxSyscalls(raw).mount("", "/rootfs/dev", "tmpfs", MS_NOSUID, "mode=755"));
        assertEquals("mount /rootfs/dev, flags: 0x2, data: mode=755: invalid argument", e.getMessage());
        assertEquals(List.of("", "mode=755"), seen, "an empty source is passed, not NULL");
    }

    @Test
    void unmountMessage() {
        ScriptedRaw raw = new ScriptedRaw().answer(-Errno.EBUSY);
        JruncException e = assertThrows(JruncException.class, () -> new LinuxSyscalls(raw).umount2("/old", MNT_DETACH));
        assertEquals("unmount /old, flags: 0x2: device or resource busy", e.getMessage());
    }

    @Test
    void capsetSplitsMasksIntoTwoWords() {
        int[] seen = new int[8];
        ScriptedRaw raw = new ScriptedRaw().answer(c -> {
            seen[0] = at(c.arg(1), 8).get(JAVA_INT, 0);
            seen[1] = at(c.arg(1), 8).get(JAVA_INT, 4);
            MemorySegment data = at(c.arg(2), 24);
            for (int i = 0; i < 6; i++) {
                seen[2 + i] = data.get(JAVA_INT, 4L * i);
            }
            return 0;
        });
        long eff = (1L << CAP_SYS_ADMIN) | (1L << CAP_BPF);
        long prm = eff | (1L << CAP_CHOWN);
        new LinuxSyscalls(raw).capset(new Syscalls.CapabilitySets(eff, prm, 1L << CAP_CHECKPOINT_RESTORE));
        assertEquals(LINUX_CAPABILITY_VERSION_3, seen[0]);
        assertEquals(0, seen[1]);
        // low word: effective, permitted, inheritable; then the high word
        assertEquals(1 << CAP_SYS_ADMIN, seen[2]);
        assertEquals((1 << CAP_SYS_ADMIN) | 1, seen[3]);
        assertEquals(0, seen[4]);
        assertEquals(1 << (CAP_BPF - 32), seen[5]);
        assertEquals(1 << (CAP_BPF - 32), seen[6]);
        assertEquals(1 << (CAP_CHECKPOINT_RESTORE - 32), seen[7]);
    }

    @Test
    void seccompFilterProgramIsPassedAsSockFprog() {
        byte[] program = new byte[24];
        for (int i = 0; i < program.length; i++) {
            program[i] = (byte) i;
        }
        byte[] seen = new byte[24];
        long[] len = new long[1];
        ScriptedRaw raw = new ScriptedRaw().answer(c -> {
            MemorySegment prog = at(c.arg(3), 16);
            len[0] = prog.get(java.lang.foreign.ValueLayout.JAVA_SHORT, 0);
            MemorySegment.copy(at(prog.get(JAVA_LONG, 8), 24), JAVA_BYTE, 0, seen, 0, 24);
            return 0;
        });
        assertEquals(0, new LinuxSyscalls(raw).seccompSetModeFilter(SECCOMP_FILTER_FLAG_TSYNC, program));
        Call c = raw.calls.get(0);
        assertEquals(SYS_seccomp, c.nr());
        assertEquals(SECCOMP_SET_MODE_FILTER, c.arg(1));
        assertEquals(SECCOMP_FILTER_FLAG_TSYNC, c.arg(2));
        assertEquals(3, len[0]);
        assertEquals(java.util.HexFormat.of().formatHex(program), java.util.HexFormat.of().formatHex(seen));
        assertThrows(JruncException.class, () -> new LinuxSyscalls(raw).seccompSetModeFilter(0, new byte[7]));
    }

    @Test
    void setgroupsPassesCountAndList() {
        int[][] seen = new int[1][];
        ScriptedRaw raw = new ScriptedRaw().answer(c -> {
            seen[0] = at(c.arg(2), 4 * c.arg(1)).toArray(JAVA_INT);
            return 0;
        });
        new LinuxSyscalls(raw).setgroups(new int[] {0, 10, 65534});
        assertEquals(3, raw.calls.get(0).arg(1));
        assertEquals(List.of(0, 10, 65534), java.util.Arrays.stream(seen[0]).boxed().toList());
    }

    @Test
    void openatAlwaysAddsCloexecAndRetriesInterruptions() {
        ScriptedRaw raw = new ScriptedRaw().answer(-Errno.EINTR).answer(9);
        assertEquals(9, new LinuxSyscalls(raw).openat(AT_FDCWD, "/x", O_RDONLY, 0));
        assertEquals(2, raw.calls.size());
        assertEquals(O_CLOEXEC, raw.calls.get(1).arg(3));
        assertEquals(AT_FDCWD, (int) raw.calls.get(1).arg(1));
    }

    @Test
    void mountSetattrPassesMountAttr() {
        long[] seen = new long[4];
        ScriptedRaw raw = new ScriptedRaw().answer(c -> {
            at(c.arg(4), 32).asByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(seen);
            return 0;
        });
        new LinuxSyscalls(raw).mountSetattr(5, "", AT_EMPTY_PATH | AT_RECURSIVE, MOUNT_ATTR_IDMAP, MOUNT_ATTR_NOSUID, MS_PRIVATE, 8);
        Call c = raw.calls.get(0);
        assertEquals(SYS_mount_setattr, c.nr());
        assertEquals(AT_EMPTY_PATH | AT_RECURSIVE, c.arg(3));
        assertEquals(32, c.arg(5));
        assertEquals(List.of(MOUNT_ATTR_IDMAP, MOUNT_ATTR_NOSUID, MS_PRIVATE, 8L),
                java.util.Arrays.stream(seen).boxed().toList());
    }

    @Test
    void keyctlDescribeGrowsItsBuffer() {
        String description = "keyring;0;0;3f030000;" + "x".repeat(300);
        ScriptedRaw raw = new ScriptedRaw()
                .answer(description.length() + 1)
                .answer(c -> {
                    at(c.arg(3), c.arg(4)).setString(0, description);
                    return description.length() + 1;
                });
        assertEquals(description, new LinuxSyscalls(raw).keyctlDescribe(5));
        assertTrue(raw.calls.get(1).arg(4) > description.length());
    }
}

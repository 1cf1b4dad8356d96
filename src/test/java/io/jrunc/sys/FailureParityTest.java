package io.jrunc.sys;

import io.jrunc.JruncException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.jrunc.sys.Linux.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The fake must fail exactly like the kernel implementation: each call below really fails on the
 * kernel; the fake, told to fail the same call with the same errno, must throw the same message.
 */
class FailureParityTest {

    @TempDir
    Path tmp;

    private record Scenario(String name, Consumer<Syscalls> call) {}

    @Test
    void fakeFailuresReadLikeKernelFailures() throws IOException {
        Files.writeString(tmp.resolve("file"), "");
        Files.createDirectory(tmp.resolve("dir"));
        String missing = tmp.resolve("missing").toString();
        String file = tmp.resolve("file").toString();
        String dir = tmp.resolve("dir").toString();

        List<Scenario> scenarios = new ArrayList<>(List.of(
                new Scenario("openat", s -> s.openat(AT_FDCWD, missing, O_RDONLY, 0)),
                new Scenario("openat2", s -> s.openat2(AT_FDCWD, missing, O_RDONLY, 0, 0)),
                new Scenario("mkdirat", s -> s.mkdirat(AT_FDCWD, dir, 0755)),
                new Scenario("mknodat", s -> s.mknodat(AT_FDCWD, file, S_IFIFO | 0600, 0)),
                new Scenario("unlinkat", s -> s.unlinkat(AT_FDCWD, missing, 0)),
                new Scenario("renameat2", s -> s.renameat2(AT_FDCWD, missing, AT_FDCWD, file, 0)),
                new Scenario("symlinkat", s -> s.symlinkat("x", AT_FDCWD, file)),
                new Scenario("readlinkat", s -> s.readlinkat(AT_FDCWD, file)),
                new Scenario("statx", s -> s.statx(AT_FDCWD, missing, 0)),
                new Scenario("statx fd", s -> s.statx(987654, "", AT_EMPTY_PATH)),
                new Scenario("fchmodat", s -> s.fchmodat(AT_FDCWD, missing, 0644)),
                new Scenario("faccessat", s -> s.faccessat(AT_FDCWD, missing, F_OK, 0)),
                new Scenario("close", s -> s.close(987654)),
                new Scenario("read", s -> s.read(987654, new byte[1], 0, 1)),
                new Scenario("write", s -> s.write(987654, new byte[1], 0, 1)),
                new Scenario("dup3", s -> s.dup3(987654, 987655, 0)),
                new Scenario("fcntl", s -> s.fcntl(987654, F_GETFD, 0)),
                new Scenario("getdents", s -> s.getdents(987654)),
                new Scenario("chdir", s -> s.chdir(missing)),
                new Scenario("fchdir", s -> s.fchdir(987654)),
                new Scenario("statfs", s -> s.statfs(missing)),
                new Scenario("kill", s -> s.kill(Integer.MAX_VALUE, SIGTERM)),
                new Scenario("pidfdOpen", s -> s.pidfdOpen(Integer.MAX_VALUE, 0)),
                new Scenario("getrlimit", s -> s.getrlimit(0, 99)),
                new Scenario("setns", s -> s.setns(987654, 0)),
                new Scenario("connect", s -> s.connect(987654, missing)),
                new Scenario("tcgetattr", s -> s.tcgetattr(987654)),
                new Scenario("getWinsize", s -> s.getWinsize(987654)),
                new Scenario("execve", s -> s.execve(missing, List.of("x"), List.of())),
                new Scenario("setSignalDisposition", s -> s.setSignalDisposition(SIGKILL, true)),
                new Scenario("memfdCreate", s -> s.memfdCreate("x", 0xffff)),
                new Scenario("openTree", s -> s.openTree(AT_FDCWD, missing, OPEN_TREE_CLONE)),
                new Scenario("moveMount", s -> s.moveMount(987654, "", AT_FDCWD, missing, MOVE_MOUNT_F_EMPTY_PATH)),
                new Scenario("mountSetattr", s -> s.mountSetattr(AT_FDCWD, missing, 0, MOUNT_ATTR_RDONLY, 0, 0, 0)),
                new Scenario("umount2", s -> s.umount2(missing, MNT_DETACH)),
                new Scenario("mount", s -> s.mount("none", missing, "tmpfs", MS_NOSUID, "size=1k")),
                new Scenario("pivotRoot", s -> s.pivotRoot(missing, missing))));

        Syscalls kernel = Syscalls.linux();
        for (Scenario sc : scenarios) {
            JruncException real = assertThrows(JruncException.class, () -> sc.call().accept(kernel), sc.name());
            RecordingSyscalls fake = new RecordingSyscalls().failWhen(c -> true, real.errno());
            JruncException faked = assertThrows(JruncException.class, () -> sc.call().accept(fake), sc.name());
            assertEquals(real.getMessage(), faked.getMessage(), sc.name());
            assertEquals(real.errno(), faked.errno(), sc.name());
        }
    }
}

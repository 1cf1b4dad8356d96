package io.jrunc.container.rootfs;

import io.jrunc.spec.Mount;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jrunc.container.rootfs.RootfsKernel.ROOTFS;
import static io.jrunc.sys.Linux.AT_FDCWD;
import static io.jrunc.sys.Linux.O_DIRECTORY;
import static io.jrunc.sys.Linux.O_RDONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "tmpcopyup": the tmpfs starts with what the directory it covers held. */
class TmpfsCopyUpTest {

    @Test
    void theCoveredDirectoryIsOpenedBeforeTheTmpfsGoesOnTopAndCopiedAfter() {
        RootfsKernel kernel = RootfsKernel.withImage();
        List<String> calls = MountKindsTest.install(kernel, new Mount("/tmp", "tmpfs", "tmpfs", List.of("tmpcopyup", "size=1m")));
        String dir = "O_RDONLY|O_DIRECTORY|O_CLOEXEC, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)";
        assertEquals(List.of(
                "openat2(3, \"tmp\", O_RDONLY|O_CLOEXEC|O_PATH, 0, RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT)",
                "statx(4, \"\", AT_EMPTY_PATH)",
                "readlinkat(AT_FDCWD, \"/proc/self/fd/4\")",
                "readlinkat(AT_FDCWD, \"/proc/self/fd/3\")",
                "openat2(3, \"tmp\", " + dir,
                "mount(\"tmpfs\", \"/proc/self/fd/4\", \"tmpfs\", 0, \"mode=0755,size=1m\")",
                "close(4)",
                "openat2(3, \"tmp\", " + dir,
                "getdents(5)",
                "close(6)",
                "close(5)"), calls);
    }

    @Test
    void filesDirectoriesLinksAndModesAreCopied() {
        RootfsKernel kernel = new RootfsKernel();
        kernel.file("/src/a.txt", "hello").dir("/src/d").file("/src/d/b", "inner").symlink("/src/link", "a.txt").dir("/dst");
        kernel.fchmodat(AT_FDCWD, "/src/d", 0750);
        kernel.fchmodat(AT_FDCWD, "/src/a.txt", 0604);
        int from = kernel.openat(AT_FDCWD, "/src", O_RDONLY | O_DIRECTORY, 0);
        int to = kernel.openat(AT_FDCWD, "/dst", O_RDONLY | O_DIRECTORY, 0);
        kernel.clearCalls();

        TmpfsCopyUp.copyTree(kernel, from, to);

        assertEquals("hello", kernel.text("/dst/a.txt"));
        assertEquals("inner", kernel.text("/dst/d/b"));
        assertEquals(0604, kernel.modeOf("/dst/a.txt"));
        assertEquals(0750, kernel.modeOf("/dst/d"));
        assertTrue(kernel.calls().contains("symlinkat(\"a.txt\", " + to + ", \"link\")"), String.join("\n", kernel.calls()));
        assertEquals(java.util.Set.of(from, to), kernel.openFds(), "everything the copy opened is closed");
    }

    @Test
    void nothingIsCopiedFromAnEmptyDirectory() {
        RootfsKernel kernel = new RootfsKernel();
        kernel.dir(ROOTFS + "/empty").dir("/dst");
        int from = kernel.openat(AT_FDCWD, ROOTFS + "/empty", O_RDONLY | O_DIRECTORY, 0);
        int to = kernel.openat(AT_FDCWD, "/dst", O_RDONLY | O_DIRECTORY, 0);
        kernel.clearCalls();
        TmpfsCopyUp.copyTree(kernel, from, to);
        assertEquals(List.of("getdents(" + from + ")"), kernel.calls());
    }
}

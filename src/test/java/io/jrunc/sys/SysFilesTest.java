package io.jrunc.sys;

import io.jrunc.JruncException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static io.jrunc.sys.Linux.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SysFiles} on the real kernel (in a temporary directory) and, for failures, on the fake. */
class SysFilesTest {
    private final Syscalls sys = Syscalls.linux();

    @TempDir
    Path tmp;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void readFileReadsEverythingOfALargeFile() throws IOException {
        byte[] big = new byte[100_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Files.write(tmp.resolve("big"), big);
        assertArrayEquals(big, SysFiles.readFile(sys, AT_FDCWD, tmp.resolve("big").toString()));
        Files.writeString(tmp.resolve("t"), "héllo");
        assertEquals("héllo", SysFiles.readString(sys, AT_FDCWD, tmp.resolve("t").toString()));
    }

    @Test
    void writeFileAtomicCreatesWithExactlyTheModeAndLeavesNothingBehind() throws IOException {
        int old = sys.umask(077);
        try {
            SysFiles.writeFileAtomic(sys, AT_FDCWD, tmp.resolve("state.json").toString(), utf8("{\"a\":1}"), 0644);
        } finally {
            sys.umask(old);
        }
        assertEquals("{\"a\":1}", Files.readString(tmp.resolve("state.json")));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("state.json"))));
        assertEquals(List.of("state.json"), namesIn(tmp));
    }

    @Test
    void writeFileAtomicReplacesRelativeToADirFd() throws IOException {
        Files.createDirectory(tmp.resolve("c1"));
        Files.writeString(tmp.resolve("c1/state.json"), "old content that is longer");
        int dir = sys.openat(AT_FDCWD, tmp.toString(), O_RDONLY | O_DIRECTORY, 0);
        try {
            SysFiles.writeFileAtomic(sys, dir, "c1/state.json", utf8("new"), 0600);
        } finally {
            sys.close(dir);
        }
        assertEquals("new", Files.readString(tmp.resolve("c1/state.json")));
        assertEquals(List.of("state.json"), namesIn(tmp.resolve("c1")));
    }

    @Test
    void writeFileAtomicFailureRemovesTheTemporaryAndKeepsTheOldFile() {
        RecordingSyscalls fake = new RecordingSyscalls().file("/run/c1/state.json", "old").failWhen("write(", Errno.ENOSPC);
        JruncException e = assertThrows(JruncException.class,
                () -> SysFiles.writeFileAtomic(fake, AT_FDCWD, "/run/c1/state.json", utf8("new"), 0600));
        assertEquals("write fd 3: no space left on device", e.getMessage());
        assertEquals("old", fake.text("/run/c1/state.json"));
        assertEquals(List.of(
                "getrandom(6)",
                "openat(AT_FDCWD, \"/run/c1/.state.json.tmp-010203040506\", O_WRONLY|O_CREAT|O_EXCL, 0600)",
                "fchmod(3, 0600)",
                "write(3, \"new\")",
                "close(3)",
                "unlinkat(AT_FDCWD, \"/run/c1/.state.json.tmp-010203040506\", 0)"), fake.calls());
        assertEquals(java.util.Set.of("/", "/run", "/run/c1", "/run/c1/state.json"), fake.paths());
    }

    @Test
    void mkdirsCreatesWhatIsMissingAndAcceptsWhatExists() throws IOException {
        Path deep = tmp.resolve("a/b/c");
        SysFiles.mkdirs(sys, AT_FDCWD, deep.toString(), 0755);
        assertTrue(Files.isDirectory(deep));
        SysFiles.mkdirs(sys, AT_FDCWD, deep + "/", 0755);
        Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("a"));
        SysFiles.mkdirs(sys, AT_FDCWD, tmp.resolve("link/b/d").toString(), 0755);
        assertTrue(Files.isDirectory(tmp.resolve("a/b/d")));

        int dir = sys.openat(AT_FDCWD, tmp.toString(), O_RDONLY | O_DIRECTORY, 0);
        try {
            SysFiles.mkdirs(sys, dir, "rel/x", 0700);
        } finally {
            sys.close(dir);
        }
        assertTrue(Files.isDirectory(tmp.resolve("rel/x")));
    }

    @Test
    void mkdirsThroughAFileIsNotADirectory() throws IOException {
        Files.writeString(tmp.resolve("file"), "");
        String path = tmp.resolve("file/sub").toString();
        JruncException e = assertThrows(JruncException.class, () -> SysFiles.mkdirs(sys, AT_FDCWD, path, 0755));
        assertEquals(Errno.ENOTDIR, e.errno());
        assertTrue(e.getMessage().endsWith(": not a directory"), e.getMessage());
        JruncException onTheFile = assertThrows(JruncException.class,
                () -> SysFiles.mkdirs(sys, AT_FDCWD, tmp.resolve("file").toString(), 0755));
        assertEquals("mkdirat " + tmp.resolve("file") + ": not a directory", onTheFile.getMessage());
    }

    @Test
    void removeRecursiveRemovesATreeButNeverFollowsSymlinks() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "precious");
        Path tree = Files.createDirectories(tmp.resolve("tree/a/b"));
        Files.writeString(tree.resolve("f"), "x");
        Files.writeString(tmp.resolve("tree/top"), "y");
        Files.createSymbolicLink(tmp.resolve("tree/a/to-outside"), outside);
        Files.createSymbolicLink(tmp.resolve("tree/dangling"), Path.of("/nonexistent"));
        Files.createFile(tmp.resolve("tree/a/b/fifo-like"));

        SysFiles.removeRecursive(sys, AT_FDCWD, tmp.resolve("tree").toString());
        assertFalse(Files.exists(tmp.resolve("tree"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("precious", Files.readString(outside.resolve("keep")));
        SysFiles.removeRecursive(sys, AT_FDCWD, tmp.resolve("tree").toString()); // already gone: fine
    }

    @Test
    void removeRecursiveOfASymlinkToADirectoryRemovesOnlyTheLink() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("dir"));
        Files.writeString(dir.resolve("f"), "x");
        Files.createSymbolicLink(tmp.resolve("link"), dir);
        SysFiles.removeRecursive(sys, AT_FDCWD, tmp.resolve("link").toString());
        assertFalse(Files.exists(tmp.resolve("link"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(dir.resolve("f")));
    }

    @Test
    void existsDoesNotFollowTheLastSymlink() throws IOException {
        Files.writeString(tmp.resolve("f"), "");
        Files.createSymbolicLink(tmp.resolve("dangling"), Path.of("/nonexistent"));
        assertTrue(SysFiles.exists(sys, AT_FDCWD, tmp.resolve("f").toString()));
        assertTrue(SysFiles.exists(sys, AT_FDCWD, tmp.resolve("dangling").toString()));
        assertFalse(SysFiles.exists(sys, AT_FDCWD, tmp.resolve("missing").toString()));
        assertFalse(SysFiles.exists(sys, AT_FDCWD, tmp.resolve("f/below-a-file").toString()));
    }

    @Test
    void writeAllLoopsOverShortWrites() {
        RecordingSyscalls fake = new RecordingSyscalls().willReturn("write(", 2, 1);
        SysFiles.writeAll(fake, 9, utf8("abcd"));
        assertEquals(List.of("write(9, \"abcd\")", "write(9, \"cd\")", "write(9, \"d\")"), fake.calls());
    }

    @Test
    void mkfifoMakesANamedPipe() throws IOException {
        int old = sys.umask(0);
        try {
            SysFiles.mkfifo(sys, AT_FDCWD, tmp.resolve("exec.fifo").toString(), 0622);
        } finally {
            sys.umask(old);
        }
        Syscalls.FileStat st = sys.statx(AT_FDCWD, tmp.resolve("exec.fifo").toString(), 0);
        assertEquals(S_IFIFO, st.fileType());
        assertEquals(0622, st.mode() & 07777);
        assertEquals("mknodat(AT_FDCWD, \"/run/c/exec.fifo\", S_IFIFO|0622, makedev(0, 0))",
                fakeCall(f -> SysFiles.mkfifo(f, AT_FDCWD, "/run/c/exec.fifo", 0622)));
    }

    private static String fakeCall(java.util.function.Consumer<Syscalls> action) {
        RecordingSyscalls fake = new RecordingSyscalls();
        action.accept(fake);
        return fake.lastCall();
    }
}

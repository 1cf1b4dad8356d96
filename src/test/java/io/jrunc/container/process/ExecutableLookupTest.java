package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.RecordingSyscalls;
import io.jrunc.sys.Syscalls.FileStat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Go's exec.LookPath inside the container: what is executed, and Go's exact messages otherwise. */
class ExecutableLookupTest {
    private final RecordingSyscalls sys = new RecordingSyscalls();
    private final ExecutableLookup lookup = new ExecutableLookup(sys);

    private String failure(String file, String path) {
        return assertThrows(JruncException.class, () -> lookup.find(file, path)).getMessage();
    }

    @Test
    void findsTheFirstMatchInPathOrder() {
        sys.file("/bin/sh", "");
        sys.file("/usr/local/bin/other", "");

        assertEquals("/bin/sh", lookup.find("sh", "/usr/local/bin:/bin:/usr/bin"));
        assertEquals(List.of("statx(AT_FDCWD, \"/usr/local/bin/sh\", 0)", "statx(AT_FDCWD, \"/bin/sh\", 0)",
                "faccessat(AT_FDCWD, \"/bin/sh\", X_OK, AT_EACCESS)"), sys.calls());
    }

    @Test
    void skipsEntriesThatAreNotExecutableAndCleansTheJoinedPath() {
        sys.file("/opt/bin/tool", "");
        sys.file("/usr/bin/tool", "");
        sys.failWhen("faccessat(AT_FDCWD, \"/opt/bin/tool\"", Errno.EACCES);
        sys.dir("/sbin/tool");

        assertEquals("/usr/bin/tool", lookup.find("tool", "/sbin:/opt/bin/:/usr//bin"));
    }

    @Test
    void missingCommandGivesGosMessage() {
        assertEquals("exec: \"nosuch\": executable file not found in $PATH", failure("nosuch", "/bin:/usr/bin"));
    }

    @Test
    void withoutPathNothingIsSearched() {
        sys.file("/bin/sh", "");
        assertEquals("exec: \"sh\": executable file not found in $PATH", failure("sh", null));
        assertEquals("exec: \"sh\": executable file not found in $PATH", failure("sh", ""));
        assertEquals(List.of(), sys.calls());
    }

    @Test
    void aMatchOnlyFoundRelativeToTheWorkingDirectoryIsRefused() {
        sys.file("/tool", ""); // the fake resolves relative paths against "/"
        assertEquals("exec: \"tool\": cannot run executable found relative to current directory",
                failure("tool", "/nope::/bin"));
    }

    @Test
    void aNameWithASlashIsUsedAsItIs() {
        sys.file("/app/run", "");
        assertEquals("/app/run", lookup.find("/app/run", "/bin"));
        sys.file("/run.sh", ""); // relative names are checked from the working directory ("/" in the fake)
        assertEquals("./run.sh", lookup.find("./run.sh", "/bin"));
        assertEquals("exec: \"/app/missing\": stat /app/missing: no such file or directory",
                failure("/app/missing", "/bin"));
    }

    @Test
    void nonExecutableFilesAndDirectoriesAreRefusedWithGosWording() {
        sys.file("/data/file", "");
        sys.failWhen("faccessat(AT_FDCWD, \"/data/file\"", Errno.EACCES);
        sys.dir("/data/dir");

        assertEquals("exec: \"/data/file\": permission denied", failure("/data/file", "/bin"));
        assertEquals("exec: \"/data/dir\": is a directory", failure("/data/dir", "/bin"));
    }

    @Test
    void modeBitsDecideWhereFaccessat2IsUnavailable() {
        sys.file("/bin/plain", "");
        sys.file("/bin/script", "");
        sys.willReturn("statx(AT_FDCWD, \"/bin/script\"", new FileStat(0100755, 0, 0, 0, 1, 1, 8, 1, 0, 0, 1));
        sys.failWhen("faccessat(", Errno.ENOSYS);

        assertEquals("/bin/script", lookup.find("/bin/script", null));
        assertEquals("exec: \"/bin/plain\": permission denied", failure("/bin/plain", null)); // 0644
    }
}

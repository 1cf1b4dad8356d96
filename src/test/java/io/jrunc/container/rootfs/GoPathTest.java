package io.jrunc.container.rootfs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Go's path.Clean, which decides where a configured destination lands. */
class GoPathTest {

    @ParameterizedTest
    @CsvSource({
        "'', .", "/, /", "//, /", "/a/b/, /a/b", "a//b, a/b", "/a/./b, /a/b", "/a/../b, /b",
        "/../../etc, /etc", "../a, ../a", "a/../.., ..", "./, .",
    })
    void cleanMatchesGo(String in, String out) {
        assertEquals(out, GoPath.clean(in));
    }

    @ParameterizedTest
    @CsvSource({"/, .", "/dev/pts, dev/pts", "../../etc/passwd, etc/passwd", "dev//shm/, dev/shm"})
    void containerPathsStayInsideTheRoot(String dest, String relative) {
        assertEquals(relative, GoPath.relative(dest));
    }
}

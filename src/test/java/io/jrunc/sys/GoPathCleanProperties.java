package io.jrunc.sys;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Go's path.Clean: the no-allocation shortcut for clean paths never changes a result. */
class GoPathCleanProperties {

    @Property(tries = 3000)
    void theShortcutAgreesWithTheLongWay(@ForAll @StringLength(max = 12) @CharRange(from = '.', to = '/')
                                         @CharRange(from = 'a', to = 'b') String path) {
        assertEquals(GoPathClean.lexicalClean(path), GoPathClean.clean(path), path);
    }

    @Property(tries = 3000)
    void aCleanedPathIsTakenAsCleanAndReturnedAsItIs(@ForAll @StringLength(max = 12) @CharRange(from = '.', to = '/')
                                                     @CharRange(from = 'a', to = 'b') String path) {
        String once = GoPathClean.lexicalClean(path);
        assertEquals(once, GoPathClean.clean(once), path);
    }

    @Test
    void goExamples() {
        assertEquals("/", GoPathClean.clean("/../.."));
        assertEquals("a/c", GoPathClean.clean("a/b/../c/."));
        assertEquals("../a", GoPathClean.clean("../a/"));
        assertEquals(".", GoPathClean.clean(""));
        assertEquals(".", GoPathClean.clean("a/.."));
        assertEquals("/sys/fs/cgroup", GoPathClean.clean("//sys/./fs//cgroup/"));
        String clean = "/sys/fs/cgroup/memory/c1";
        assertSame(clean, GoPathClean.clean(clean), "a clean path is returned as it is");
    }
}

package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jrunc.sys.RecordingSyscalls;
import org.junit.jupiter.api.Test;

class PathsTest {

    @Test
    void cleanFollowsGoFilepathClean() {
        assertEquals(".", Paths.clean(""));
        assertEquals("/", Paths.clean("/"));
        assertEquals("/", Paths.clean("/.."));
        assertEquals("/a/c", Paths.clean("//a/./b/../c/"));
        assertEquals("../x", Paths.clean("a/../../x"));
        assertEquals(".", Paths.clean("a/.."));
    }

    @Test
    void absJoinsRelativePathsToTheWorkingDirectory() {
        RecordingSyscalls sys = new RecordingSyscalls().willReturn("getcwd", "/home/u");
        assertEquals("/home/u/state", Paths.abs(sys, "state/"));
        assertEquals("/etc", Paths.abs(sys, "/etc/."));
    }
}

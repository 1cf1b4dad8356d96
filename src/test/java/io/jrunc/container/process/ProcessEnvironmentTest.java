package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.sys.RecordingSyscalls;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The environment the process is exec'd with, and HOME from the container's /etc/passwd. */
class ProcessEnvironmentTest {

    @Test
    void keepsTheListAndAppendsHomeWhenMissing() {
        assertEquals(List.of("PATH=/bin", "TERM=xterm", "HOME=/"),
                ProcessEnvironment.build(List.of("PATH=/bin", "TERM=xterm"), "/"));
    }

    @Test
    void aGivenHomeWinsAndAnEmptyOneIsReplacedInPlace() {
        assertEquals(List.of("HOME=/data", "A=1"), ProcessEnvironment.build(List.of("HOME=/data", "A=1"), "/root"));
        assertEquals(List.of("A=1", "HOME=/root", "B=2"),
                ProcessEnvironment.build(List.of("A=1", "HOME=", "B=2"), "/root"));
    }

    @Test
    void repeatedNamesKeepTheirFirstPlaceAndLastValueAsAfterOsSetenv() {
        assertEquals(List.of("A=3", "B=2", "C=x=y", "HOME=/"),
                ProcessEnvironment.build(List.of("A=1", "B=2", "A=3", "C=x=y"), "/"));
        assertEquals("3", ProcessEnvironment.lookup(List.of("A=1", "A=3"), "A"));
        assertNull(ProcessEnvironment.lookup(List.of("AB=1"), "A"));
    }

    @Test
    void badEntriesAreRejectedWithRuncsWordingAndTheirIndex() {
        assertEquals("process.env[1]: invalid environment variable: missing '='",
                assertThrows(JruncException.class, () -> ProcessEnvironment.check(List.of("A=1", "NOEQUALS"))).getMessage());
        assertEquals("process.env[0]: invalid environment variable: name cannot be empty",
                assertThrows(JruncException.class, () -> ProcessEnvironment.check(List.of("=x"))).getMessage());
        assertEquals("process.env[0]: invalid environment variable \"A\": value contains nul byte (\\x00)",
                assertThrows(JruncException.class, () -> ProcessEnvironment.check(List.of("A=x\0y"))).getMessage());
        ProcessEnvironment.check(List.of("A=", "B=1=2"));
    }

    @Test
    void homeIsTheFirstPasswdEntryOfTheUid() {
        String passwd = """
                root:x:0:0:root:/root:/bin/sh

                daemon:x:1:1::/usr/sbin:/usr/sbin/nologin
                first:x:1000:1000::/home/first:/bin/sh
                second:x:1000:1000::/home/second:/bin/sh
                short:x:2000
                """;
        assertEquals("/root", PasswdHome.find(passwd, 0));
        assertEquals("/home/first", PasswdHome.find(passwd, 1000));
        assertEquals("", PasswdHome.find(passwd, 2000)); // the entry has no home field
        assertEquals("/", PasswdHome.find(passwd, 4242));
    }

    @Test
    void homeDefaultsToRootWithoutAPasswdFile() {
        RecordingSyscalls sys = new RecordingSyscalls().strictPaths();
        assertEquals("/", PasswdHome.of(sys, 0));
        sys.file("/etc/passwd", "app:x:7:7::/srv/app:/bin/false\n");
        assertEquals("/srv/app", PasswdHome.of(sys, 7));
    }
}

package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.spec.IdMapping;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Process;
import io.jrunc.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jrunc.container.process.TestSpecs.*;
import static org.junit.jupiter.api.Assertions.*;

/** What the parent rejects before creating anything. */
class ProcessValidatorTest {

    private static String problem(Spec spec) {
        return assertThrows(JruncException.class, () -> ProcessValidator.validate(spec)).getMessage();
    }

    private static Linux linuxWith(List<Linux.Namespace> namespaces) {
        return linux(namespaces, List.of(), List.of(), null);
    }

    @Test
    void aPlainConfigPassesWithoutWarnings() {
        assertEquals(List.of(), ProcessValidator.validate(spec(process())));
    }

    @Test
    void processBasicsUseRuncsWording() {
        assertEquals("process property must not be empty", problem(spec(null)));
        assertEquals("process.cwd: Cwd must be an absolute path",
                problem(spec(withArgsEnvCwd(process(), List.of("sh"), List.of(), "work"))));
        assertEquals("process.cwd: Cwd property must not be empty",
                problem(spec(withArgsEnvCwd(process(), List.of("sh"), List.of(), null))));
        assertEquals("process.args: args must not be empty",
                problem(spec(withArgsEnvCwd(process(), List.of(), List.of(), "/"))));
        assertEquals("process.env[0]: invalid environment variable: missing '='",
                problem(spec(withArgsEnvCwd(process(), List.of("sh"), List.of("JUNK"), "/"))));
    }

    @Test
    void unknownCapabilityIsNamedWithItsSetAndIndex() {
        Process.Capabilities caps = caps(List.of("CAP_KILL"), List.of("CAP_KILL"), List.of(),
                List.of("CAP_KILL", "CAP_CHOWN", "CAP_NOPE"), List.of());
        assertEquals("process.capabilities.permitted[2]: unknown capability \"CAP_NOPE\"",
                problem(spec(withCaps(process(), caps))));
    }

    @Test
    void unknownRlimitIsRejected() {
        assertEquals("process.rlimits[0].type: wrong rlimit value: RLIMIT_NOFILES",
                problem(spec(withRlimits(process(), List.of(new Process.Rlimit("RLIMIT_NOFILES", 1, 1))))));
    }

    @Test
    void personalityDomainMustBeKnownAndFlagsOnlyWarn() {
        Spec bad = spec(process()).withLinux(linux(List.of(), List.of(), List.of(),
                new Linux.Personality("LINUX64", List.of())));
        assertEquals("linux.personality.domain: invalid personality domain LINUX64", problem(bad));

        Spec flags = spec(process()).withLinux(linux(List.of(), List.of(), List.of(),
                new Linux.Personality("LINUX", List.of("ADDR_NO_RANDOMIZE", "X"))));
        assertEquals(List.of("ignoring unsupported personality flags: [ADDR_NO_RANDOMIZE X] because personality "
                + "flag has not supported at this time"), ProcessValidator.validate(flags));
    }

    @Test
    void hostnameAndDomainnameNeedAUtsNamespace() {
        assertEquals("hostname: unable to set hostname without a private UTS namespace",
                problem(withNames(spec(process()), "box", null)));
        assertEquals("domainname: unable to set domainname without a private UTS namespace",
                problem(withNames(spec(process()).withLinux(linuxWith(List.of(new Linux.Namespace("pid")))), null, "d")));
        Spec ok = withNames(spec(process()).withLinux(linuxWith(List.of(new Linux.Namespace("uts")))), "box", "d");
        assertEquals(List.of(), ProcessValidator.validate(ok));
    }

    @Test
    void userMustBeMappedInTheUserNamespace() {
        List<Linux.Namespace> userns = List.of(new Linux.Namespace("user"));
        List<IdMapping> map = List.of(new IdMapping(0, 100000, 1000));
        Spec mapped = spec(withUser(process(), 999, 0, List.of())).withLinux(linux(userns, map, map, null));
        assertEquals(List.of(), ProcessValidator.validate(mapped));

        Spec uid = spec(withUser(process(), 1000, 0, List.of())).withLinux(linux(userns, map, map, null));
        assertEquals("process.user.uid: cannot set uid to unmapped user in user namespace", problem(uid));
        Spec gid = spec(withUser(process(), 0, 5000, List.of())).withLinux(linux(userns, map, map, null));
        assertEquals("process.user.gid: cannot set gid to unmapped user in user namespace", problem(gid));

        // no user namespace: ids are host ids, nothing to check
        Spec host = spec(withUser(process(), 5000, 5000, List.of())).withLinux(linux(List.of(), map, map, null));
        assertEquals(List.of(), ProcessValidator.validate(host));
    }
}

package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultSpecTest {

    @Test
    void defaultSpecIsWhatRuncSpecWrites() {
        JsonValue runc = TestJson.resource("runc-default-config.json");

        assertNull(TestJson.difference(runc, SpecWriter.toJson(DefaultSpec.create(false, 0, 0, true))));
    }

    @Test
    void rootlessSpecIsWhatRuncSpecRootlessWrites() {
        JsonValue runc = TestJson.resource("runc-default-config-rootless.json");

        assertNull(TestJson.difference(runc, SpecWriter.toJson(DefaultSpec.create(true, 1000, 1000, true))));
    }

    @Test
    void defaultSpecTextIsByteForByteRuncs() {
        // runc writes json.MarshalIndent(spec, "", "\t") with no final newline
        assertEquals(TestJson.resourceText("runc-default-config.json"),
                Json.writeIndented(SpecWriter.toJson(DefaultSpec.create(false, 0, 0, true)), "\t"));
        assertEquals(TestJson.resourceText("runc-default-config-rootless.json"),
                Json.writeIndented(SpecWriter.toJson(DefaultSpec.create(true, 1000, 1000, true)), "\t"));
    }

    @Test
    void withoutUnifiedCgroupsThereIsNoCgroupNamespace() {
        Linux linux = DefaultSpec.create(false, 0, 0, false).linux();

        assertEquals(List.of("pid", "network", "ipc", "uts", "mount"),
                linux.namespaces().stream().map(Linux.Namespace::type).toList());
    }

    @Test
    void rootlessMapsTheGivenHostIdsToRoot() {
        Linux linux = DefaultSpec.create(true, 1234, 5678, false).linux();

        assertEquals(List.of(new IdMapping(0, 1234, 1)), linux.uidMappings());
        assertEquals(List.of(new IdMapping(0, 5678, 1)), linux.gidMappings());
        assertEquals(List.of("pid", "ipc", "uts", "mount", "user"),
                linux.namespaces().stream().map(Linux.Namespace::type).toList());
        assertNull(linux.resources());
    }

    @Test
    void rootlessReplacesSysWrittenInAnyFormAndStripsIdOptions() {
        Spec spec = DefaultSpec.example(true).withMounts(List.of(
                new Mount("/sys/", "sysfs", "sysfs", List.of("ro")),
                new Mount("/mnt", "tmpfs", "tmpfs", List.of("uid=1", "size=1k", "gid=2"))));

        List<Mount> mounts = DefaultSpec.toRootless(spec, 1, 1).mounts();

        assertEquals(new Mount("/sys", "none", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro")), mounts.get(0));
        assertEquals(List.of("size=1k"), mounts.get(1).options());
    }
}

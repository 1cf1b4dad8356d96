package io.jrunc.schema;

import static io.jrunc.schema.SchemaTestSupport.MINIMAL_CONFIG;
import static io.jrunc.schema.SchemaTestSupport.json;
import static io.jrunc.schema.SchemaTestSupport.lines;
import static io.jrunc.schema.SchemaTestSupport.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jrunc.JruncException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigSchemaTest {

    @Test
    void minimalConfigIsValid() {
        assertEquals(List.of(), lines(SchemaValidator.validateConfig(json(MINIMAL_CONFIG))));
    }

    @Test
    void ociVersionAloneIsAValidConfig() {
        assertEquals(List.of(), lines(SchemaValidator.validateConfig(json("{\"ociVersion\": \"1.0.0\"}"))));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void whatJruncSpecWritesIsValid(boolean rootless) {
        var spec = io.jrunc.spec.DefaultSpec.create(rootless, 1000, 1000, false);
        var json = io.jrunc.json.Json.parse(io.jrunc.json.Json.writeIndented(io.jrunc.spec.SpecWriter.toJson(spec), "\t"));
        assertEquals(java.util.List.of(), SchemaValidator.validateConfig(json));
    }

    @Test
    void runcDefaultSpecIsValid() {
        assertEquals(List.of(), lines(SchemaValidator.validateConfig(resource("runc-spec-default.json"))));
    }

    @Test
    void configUsingEveryVersion13FieldIsValid() {
        assertEquals(List.of(), lines(SchemaValidator.validateConfig(resource("full-1.3-config.json"))));
    }

    @Test
    void requireValidConfigAcceptsAValidConfig() {
        SchemaValidator.requireValidConfig(resource("full-1.3-config.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "1.0.1", "1.0.2", "1.0.2-dev", "1.1.0", "1.1.0+dev", "1.1.0-rc.1", "1.2.0", "1.2.1", "1.3.0", "1.3.12"})
    void everySupportedOciVersionIsAccepted(String version) {
        assertEquals(List.of(), lines(SchemaValidator.validateConfig(json("{\"ociVersion\": \"" + version + "\"}"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.0.0", "1.4.0", "0.6.0", "1.0", "1.0.0.0", "v1.0.0", "1.01.0", "", "1.0.0\n"})
    void otherOciVersionsAreRejected(String version) {
        String quoted = io.jrunc.json.Json.quote(version);
        assertEquals(List.of("ociVersion: unsupported ociVersion " + quoted + " (supported: 1.0.0 through 1.3.x)"),
                lines(SchemaValidator.validateConfig(json("{\"ociVersion\": " + quoted + "}"))));
    }

    @Test
    void unknownPropertiesAreIgnoredAtEveryLevel() {
        String config = """
                {
                  "ociVersion": "1.3.0",
                  "org.example.future": {"anything": [1, "two", null]},
                  "process": {"cwd": "/", "futureKnob": 3, "user": {"uid": 0, "gid": 0, "sid": "S-1-5"},
                              "rlimits": [{"type": "RLIMIT_NPROC", "soft": 1, "hard": 2, "note": "x"}]},
                  "root": {"path": "rootfs", "overlay": true},
                  "mounts": [{"destination": "/x", "recursive": "yes"}],
                  "hooks": {"preboot": "not an array, and unknown", "poststop": [{"path": "/bin/true", "retries": 2}]},
                  "linux": {
                    "futureSection": {"a": 1},
                    "namespaces": [{"type": "pid", "flags": 0}],
                    "resources": {"memory": {"limit": 1, "tiered": {"fast": 1}}, "gpu": {"count": 2}},
                    "seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "extra": true,
                                "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW", "comment": "x"}]}
                  },
                  "windows": {"layerFolders": ["C:\\\\layers"]},
                  "vm": {"hypervisor": {"path": "/usr/bin/qemu"}}
                }
                """;
        assertEquals(List.of(), lines(SchemaValidator.validateConfig(json(config))));
    }

    @Test
    void uint64MaximumIsAcceptedAndOneMoreIsNot() {
        String max = "18446744073709551615";
        String config = "{\"ociVersion\": \"1.3.0\", \"linux\": {\"resources\": {\"cpu\": {\"shares\": %s, \"period\": %s}}}}";
        assertEquals(List.of(), lines(SchemaValidator.validateConfig(json(config.formatted(max, max)))));
        assertEquals(List.of("linux.resources.cpu.period: 18446744073709551616 is out of range for uint64"),
                lines(SchemaValidator.validateConfig(json(config.formatted(max, "18446744073709551616")))));
    }

    @Test
    void int64BoundsAreExact() {
        String config = "{\"ociVersion\": \"1.3.0\", \"linux\": {\"resources\": {\"memory\": {\"limit\": %s, \"swap\": %s}}}}";
        assertEquals(List.of(), lines(SchemaValidator.validateConfig(
                json(config.formatted("9223372036854775807", "-9223372036854775808")))));
        assertEquals(List.of("linux.resources.memory.limit: 9223372036854775808 is out of range for int64",
                        "linux.resources.memory.swap: -9223372036854775809 is out of range for int64"),
                lines(SchemaValidator.validateConfig(json(config.formatted("9223372036854775808", "-9223372036854775809")))));
    }

    @Test
    void integersWrittenWithExponentOrFractionZeroAreIntegers() {
        String config = "{\"ociVersion\": \"1.3.0\", \"process\": {\"cwd\": \"/\", \"user\": {\"uid\": 1e3, \"gid\": 100.0}}}";
        assertEquals(List.of(), lines(SchemaValidator.validateConfig(json(config))));
    }

    @Test
    void optionalMembersSetToNullCountAsAbsentLikeGoReadsThem() {
        String config = """
                {"ociVersion": "1.3.0", "hostname": null, "mounts": null, "annotations": null,
                 "process": {"cwd": "/", "args": null, "user": {"uid": 0, "gid": 0, "additionalGids": null}},
                 "linux": {"namespaces": null, "resources": {"memory": {"limit": null}}, "seccomp": null}}
                """;
        assertEquals(List.of(), lines(SchemaValidator.validateConfig(json(config))));
    }

    @Test
    void requiredMembersSetToNullAreStillProblems() {
        String config = "{\"ociVersion\": null, \"root\": {\"path\": null}}";
        assertEquals(List.of("ociVersion: expected string, got null", "root.path: expected string, got null"),
                lines(SchemaValidator.validateConfig(json(config))));
    }

    @Test
    void problemsComeInDocumentOrderWithTheirPaths() {
        String config = """
                {"ociVersion": "1.3.0",
                 "process": {"cwd": 7, "user": {"uid": "root"}},
                 "linux": {"namespaces": [{"type": "pid"}, {}, {"type": "pdi"}],
                           "sysctl": {"kernel.msgmax": 65536}}}
                """;
        assertEquals(List.of(
                        "process.cwd: expected string, got number",
                        "process.user.uid: expected integer, got string",
                        "linux.namespaces[1]: missing required property \"type\"",
                        "linux.namespaces[2].type: unknown namespace type \"pdi\"",
                        "linux.sysctl[\"kernel.msgmax\"]: expected string, got number"),
                lines(SchemaValidator.validateConfig(json(config))));
    }

    @Test
    void fifoDevicesNeedNoMajorOrMinor() {
        String fifo = "{\"ociVersion\": \"1.3.0\", \"linux\": {\"devices\": [{\"path\": \"/run/p\", \"type\": \"p\"}]}}";
        assertEquals(List.of(), lines(SchemaValidator.validateConfig(json(fifo))));
        String chr = "{\"ociVersion\": \"1.3.0\", \"linux\": {\"devices\": [{\"path\": \"/dev/x\", \"type\": \"c\"}]}}";
        assertEquals(List.of("linux.devices[0]: missing required property \"major\"",
                        "linux.devices[0]: missing required property \"minor\""),
                lines(SchemaValidator.validateConfig(json(chr))));
    }

    @Test
    void requireValidConfigReportsTheFirstProblemAndCountsTheRest() {
        String config = "{\"ociVersion\": \"1.3.0\", \"process\": {}, \"root\": {}, \"hostname\": 1}";
        JruncException e = assertThrows(JruncException.class, () -> SchemaValidator.requireValidConfig(json(config)));
        assertEquals("invalid config.json: process: missing required property \"cwd\" (and 2 more problems)", e.getMessage());
        assertEquals(0, e.errno());
    }

    @Test
    void genericValidateAcceptsAFragmentOfABundledSchema() {
        assertEquals(List.of("namespaces[0].type: unknown namespace type \"net\""),
                lines(SchemaValidator.validate("config-linux.json#/linux", json("{\"namespaces\": [{\"type\": \"net\"}]}"))));
        assertEquals(List.of("-1 is out of range for uint32"),
                lines(SchemaValidator.validate("defs.json#/definitions/uint32", json("-1"))));
    }

    @Test
    void aMissingSchemaFileIsAnError() {
        JruncException e = assertThrows(JruncException.class, () -> SchemaValidator.validate("nope.json", json("{}")));
        assertEquals("schema file nope.json not found", e.getMessage());
    }
}

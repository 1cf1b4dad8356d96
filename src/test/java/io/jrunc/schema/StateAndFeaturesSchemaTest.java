package io.jrunc.schema;

import static io.jrunc.schema.SchemaTestSupport.json;
import static io.jrunc.schema.SchemaTestSupport.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateAndFeaturesSchemaTest {

    /** What {@code jrunc features} prints, shaped like runc's. */
    private static final String FEATURES = """
            {
              "ociVersionMin": "1.0.0",
              "ociVersionMax": "1.3.0",
              "hooks": ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"],
              "mountOptions": ["async", "atime", "bind", "dev", "exec", "idmap", "nodev", "noexec", "nosuid", "rbind", "ro", "rw"],
              "linux": {
                "namespaces": ["cgroup", "ipc", "mount", "network", "pid", "time", "user", "uts"],
                "capabilities": ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_SYS_ADMIN", "CAP_CHECKPOINT_RESTORE"],
                "cgroup": {"v1": false, "v2": true, "systemd": true, "systemdUser": true, "rdma": true},
                "seccomp": {
                  "enabled": true,
                  "actions": ["SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS",
                              "SCMP_ACT_KILL_THREAD", "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY", "SCMP_ACT_TRACE", "SCMP_ACT_TRAP"],
                  "operators": ["SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_LE", "SCMP_CMP_LT",
                                "SCMP_CMP_MASKED_EQ", "SCMP_CMP_NE"],
                  "archs": ["SCMP_ARCH_AARCH64", "SCMP_ARCH_RISCV64", "SCMP_ARCH_X86", "SCMP_ARCH_X86_64"],
                  "knownFlags": ["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_LOG"],
                  "supportedFlags": ["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG"]
                },
                "apparmor": {"enabled": true},
                "selinux": {"enabled": true},
                "intelRdt": {"enabled": true, "schemata": true},
                "memoryPolicy": {"modes": ["MPOL_DEFAULT", "MPOL_BIND", "MPOL_INTERLEAVE"], "flags": ["MPOL_F_STATIC_NODES"]},
                "mountExtensions": {"idmap": {"enabled": true}},
                "netDevices": {"enabled": true}
              },
              "annotations": {"io.github.jrunc.version": "0.1.0", "org.opencontainers.runc.checkpoint.enabled": "false"},
              "potentiallyUnsafeConfigAnnotations": ["bundle", "org.systemd.property.", "org.criu.config"]
            }
            """;

    @Test
    void jruncFeaturesDocumentIsValid() {
        assertEquals(List.of(), lines(SchemaValidator.validateFeatures(json(FEATURES))));
    }

    @Test
    void featuresNeedBothVersionBounds() {
        assertEquals(List.of("missing required property \"ociVersionMax\""),
                lines(SchemaValidator.validateFeatures(json("{\"ociVersionMin\": \"1.0.0\"}"))));
    }

    @Test
    void featuresListOnlyKnownNames() {
        String features = """
                {"ociVersionMin": "1.0.0", "ociVersionMax": "1.3.0",
                 "linux": {"namespaces": ["pid", "wrongns"], "capabilities": ["CAP_CHOWN", "chown"],
                           "seccomp": {"actions": ["SCMP_ACT_ALLOW", "SCMP_ACT_PANIC"]}}}
                """;
        assertEquals(List.of(
                        "linux.namespaces[1]: unknown namespace type \"wrongns\"",
                        "linux.capabilities[1]: invalid capability \"chown\" (must match ^CAP_[A-Z_]+$)",
                        "linux.seccomp.actions[1]: unknown seccomp action \"SCMP_ACT_PANIC\""),
                lines(SchemaValidator.validateFeatures(json(features))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"creating", "created", "running", "stopped", "paused"})
    void stateDocumentIsValidInEveryStatus(String status) {
        String state = """
                {"ociVersion": "1.3.0", "id": "web-1", "status": "%s", "pid": 4422,
                 "bundle": "/run/containers/web-1/bundle",
                 "annotations": {"io.kubernetes.pod.name": "web"}}
                """.formatted(status);
        assertEquals(List.of(), lines(SchemaValidator.validateState(json(state))));
    }

    @Test
    void stoppedStateMayOmitThePid() {
        String state = "{\"ociVersion\": \"1.0.2-dev\", \"id\": \"a\", \"status\": \"stopped\", \"bundle\": \"/b\"}";
        assertEquals(List.of(), lines(SchemaValidator.validateState(json(state))));
    }

    @Test
    void brokenStateIsReported() {
        String state = "{\"ociVersion\": \"1.3.0\", \"id\": \"\", \"status\": \"sleeping\", \"pid\": -4}";
        assertEquals(List.of(
                        "missing required property \"bundle\"",
                        "id: expected at least 1 character, got 0",
                        "status: unknown container status \"sleeping\"",
                        "pid: value -4 is less than the minimum 0"),
                lines(SchemaValidator.validateState(json(state))));
    }
}

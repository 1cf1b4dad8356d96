package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.JruncException;
import io.jrunc.json.JsonValue;
import io.jrunc.json.JsonValue.JsonArray;
import io.jrunc.json.JsonValue.JsonBool;
import io.jrunc.json.JsonValue.JsonNull;
import io.jrunc.json.JsonValue.JsonNumber;
import io.jrunc.json.JsonValue.JsonObject;
import io.jrunc.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SpecParserErrorTest {

    private static final JsonValue RICH = TestJson.resource("rich-config.json");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            process.user.uid                 | -1                   | process.user.uid: -1 is out of range for uint32 (0 to 4294967295)
            process.user.gid                 | 4294967296           | process.user.gid: 4294967296 is out of range for uint32 (0 to 4294967295)
            process.args                     | "sh"                 | process.args: expected array, got string
            process.args[1]                  | 5                    | process.args[1]: expected string, got number
            process.rlimits[0].hard          | 18446744073709551616 | process.rlimits[0].hard: 18446744073709551616 is out of range for uint64 (0 to 18446744073709551615)
            process.oomScoreAdj              | 1.5                  | process.oomScoreAdj: expected integer, got 1.5
            process.terminal                 | "yes"                | process.terminal: expected boolean, got string
            process.capabilities             | []                   | process.capabilities: expected object, got array
            process.cwd                      | null                 | process.cwd: required member is missing
            root.readonly                    | 1                    | root.readonly: expected boolean, got number
            root                             | {}                   | root.path: required member is missing
            mounts[0]                        | "x"                  | mounts[0]: expected object, got string
            mounts[0].uidMappings[0].size    | -3                   | mounts[0].uidMappings[0].size: -3 is out of range for uint32 (0 to 4294967295)
            hooks.poststop[0].timeout        | "5"                  | hooks.poststop[0].timeout: expected integer, got string
            annotations                      | {"x":1}              | annotations.x: expected string, got number
            annotations                      | {"com.example":[]}   | annotations["com.example"]: expected string, got array
            linux.namespaces[2].type         | 3                    | linux.namespaces[2].type: expected string, got number
            linux.sysctl                     | []                   | linux.sysctl: expected object, got array
            linux.resources.memory.limit     | "1G"                 | linux.resources.memory.limit: expected integer, got string
            linux.resources.blockIO.weight   | 65536                | linux.resources.blockIO.weight: 65536 is out of range for uint16 (0 to 65535)
            linux.resources.devices[0].allow | null                 | linux.resources.devices[0].allow: required member is missing
            linux.resources.rdma             | {"mlx5_1":true}      | linux.resources.rdma.mlx5_1: expected object, got boolean
            linux.timeOffsets                | {"monotonic":5}      | linux.timeOffsets.monotonic: expected object, got number
            linux.netDevices                 | {"eth0":"ctr0"}      | linux.netDevices.eth0: expected object, got string
            linux.seccomp.syscalls[1].args[0].value | -1            | linux.seccomp.syscalls[1].args[0].value: -1 is out of range for uint64 (0 to 18446744073709551615)
            linux.devices[0].major           | 1e30                 | linux.devices[0].major: 1000000000000000000000000000000 is out of range for int64 (-9223372036854775808 to 9223372036854775807)
            ociVersion                       | 1                    | ociVersion: expected string, got number
            """)
    void wrongValuesAreReportedWithTheirPath(String path, String json, String message) {
        JsonValue doc = TestJson.with(RICH, path, TestJson.parse(json));

        JruncException e = assertThrows(JruncException.class, () -> SpecParser.parse(doc));

        assertEquals(message, e.getMessage());
    }

    @Test
    void aDocumentThatIsNotAnObjectIsRejected() {
        JruncException e = assertThrows(JruncException.class, () -> SpecParser.parse(new JsonArray(List.of())));
        assertEquals("(root): expected object, got array", e.getMessage());
    }

    @Test
    void processAndResourcesDocumentsReportPathsFromTheirOwnRoot() {
        JruncException e = assertThrows(JruncException.class,
                () -> SpecParser.parseProcess(TestJson.parse("{\"cwd\":\"/\",\"args\":\"sh\"}")));
        assertEquals("args: expected array, got string", e.getMessage());

        e = assertThrows(JruncException.class,
                () -> SpecParser.parseResources(TestJson.parse("{\"pids\":{\"limit\":\"many\"}}")));
        assertEquals("pids.limit: expected integer, got string", e.getMessage());
    }

    @Test
    void unknownPropertiesAreIgnoredAtEveryLevel() {
        JsonValue extra = new JsonObject(Map.of("nested", new JsonArray(List.of(JsonBool.TRUE))));
        JsonValue doc = RICH;
        for (String path : List.of("x-root", "process.x", "process.user.x", "linux.x", "linux.resources.cpu.x",
                "linux.seccomp.syscalls[1].args[0].x", "hooks.x", "mounts[0].x", "windows", "solaris")) {
            doc = TestJson.with(doc, path, extra);
        }

        assertEquals(SpecParser.parse(RICH), SpecParser.parse(doc));
    }

    @Test
    void anyValueAnywhereGivesASpecOrAJruncExceptionNothingElse() {
        List<JsonValue> replacements = List.of(
                JsonNull.INSTANCE, JsonBool.TRUE, new JsonString("x"), new JsonString(""),
                new JsonNumber(new BigDecimal("-1")), new JsonNumber(new BigDecimal("2.5")),
                new JsonNumber(new BigDecimal("18446744073709551616")),
                new JsonArray(List.of()), new JsonArray(List.of(JsonNull.INSTANCE)), new JsonObject(Map.of()));
        List<String> failures = new ArrayList<>();
        int tried = 0;

        for (String path : TestJson.paths(RICH)) {
            for (JsonValue replacement : replacements) {
                tried++;
                try {
                    SpecParser.parse(TestJson.with(RICH, path, replacement));
                } catch (JruncException expected) {
                    assertTrue(expected.getMessage().startsWith(path.replaceAll("\\[.*", "").split("\\.")[0]),
                            () -> path + " -> " + expected.getMessage());
                } catch (RuntimeException e) {
                    failures.add(path + " = " + replacement + ": " + e);
                }
            }
        }

        assertTrue(tried > 2000, "paths tried: " + tried);
        assertEquals(List.of(), failures);
    }
}

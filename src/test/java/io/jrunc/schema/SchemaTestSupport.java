package io.jrunc.schema;

import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reading test documents. */
final class SchemaTestSupport {
    private SchemaTestSupport() {}

    static JsonValue resource(String name) {
        try (InputStream in = SchemaTestSupport.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + name);
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonValue json(String text) {
        return Json.parse(text);
    }

    static List<String> lines(List<SchemaProblem> problems) {
        return problems.stream().map(SchemaProblem::toString).toList();
    }

    /** A valid config with nothing but what the schema requires and a typical runtime needs. */
    static final String MINIMAL_CONFIG = """
            {
              "ociVersion": "1.3.0",
              "process": {"user": {"uid": 0, "gid": 0}, "args": ["sh"], "cwd": "/"},
              "root": {"path": "rootfs"},
              "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}]}
            }
            """;
}

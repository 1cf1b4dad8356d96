package io.jrunc.schema;

import io.jrunc.JruncException;
import io.jrunc.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks OCI documents against the runtime-spec v1.3 JSON schemas that travel in the jar/image
 * ({@code io/jrunc/schema/json/*.json}, from the repository's config-schema/). The schemas are
 * parsed and compiled once per process, on first use; a validation after that is one walk of the
 * document.
 *
 * <pre>{@code
 * SchemaValidator.requireValidConfig(config);             // throws: invalid config.json: root: missing required property "path"
 * List<SchemaProblem> p = SchemaValidator.validateState(state);
 * }</pre>
 */
public final class SchemaValidator {
    public static final String CONFIG_SCHEMA = "config-schema.json";
    public static final String STATE_SCHEMA = "state-schema.json";
    public static final String FEATURES_SCHEMA = "features-schema.json";

    private SchemaValidator() {}

    /**
     * The compiled schemas. The config schema is compiled when this class initialises, which the
     * native build does at image build time: every create then starts with it ready instead of
     * parsing seven schema files first. Others compile on first use.
     */
    private static final class Bundled {
        static final SchemaCompiler SCHEMAS = withConfigSchema(new SchemaCompiler(SchemaValidator::readBundled));

        private static SchemaCompiler withConfigSchema(SchemaCompiler compiler) {
            compiler.schema(CONFIG_SCHEMA);
            return compiler;
        }
    }

    /** Problems of a config.json against config-schema.json, in document order; empty when valid. */
    public static List<SchemaProblem> validateConfig(JsonValue config) {
        return validate(CONFIG_SCHEMA, config);
    }

    /** Problems of an OCI state document (what {@code state} prints and hooks read on stdin). */
    public static List<SchemaProblem> validateState(JsonValue state) {
        return validate(STATE_SCHEMA, state);
    }

    /** Problems of a {@code features} document. */
    public static List<SchemaProblem> validateFeatures(JsonValue features) {
        return validate(FEATURES_SCHEMA, features);
    }

    /**
     * Problems of {@code document} against a bundled schema: a file name ("defs.json"), optionally
     * with a fragment ({@code "config-linux.json#/linux"}).
     *
     * @throws JruncException when the schema file is missing or itself broken
     */
    public static List<SchemaProblem> validate(String schemaFile, JsonValue document) {
        return Validation.run(Bundled.SCHEMAS.schema(schemaFile), document);
    }

    /**
     * Throws unless {@code config} is a valid config.json, with the first problem on one line:
     * {@code invalid config.json: linux.namespaces[2].type: unknown namespace type "pdi" (and 2 more problems)}.
     */
    public static void requireValidConfig(JsonValue config) {
        List<SchemaProblem> problems = validateConfig(config);
        if (!problems.isEmpty()) throw new JruncException("invalid config.json: " + summary(problems));
    }

    /** The first problem, and how many more there are: {@code root: missing required property "path" (and 1 more problem)}. */
    public static String summary(List<SchemaProblem> problems) {
        if (problems.isEmpty()) return "no problems";
        int more = problems.size() - 1;
        String first = problems.get(0).toString();
        if (more == 0) return first;
        return first + " (and " + more + " more problem" + (more == 1 ? ")" : "s)");
    }

    private static String readBundled(String file) {
        if (file.contains("/") || file.contains("..")) return null;
        try (InputStream in = SchemaValidator.class.getResourceAsStream("json/" + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JruncException("read schema " + file + ": " + e.getMessage());
        }
    }
}

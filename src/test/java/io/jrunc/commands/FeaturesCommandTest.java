package io.jrunc.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.cli.CliHarness;
import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import io.jrunc.schema.SchemaValidator;
import org.junit.jupiter.api.Test;

class FeaturesCommandTest {

    @Test
    void printsAFourSpaceIndentedDocumentEndingInANewline() {
        CliHarness.Outcome o = new CliHarness(Commands.all()).run("features");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().startsWith("{\n    \"ociVersionMin\": \"1.0.0\",\n    \"ociVersionMax\": \"1.3.0\",\n"), o.out());
        assertTrue(o.out().endsWith("}\n"), o.out());
        JsonValue.JsonObject doc = (JsonValue.JsonObject) Json.parse(o.out());
        JsonValue.JsonObject annotations = (JsonValue.JsonObject) doc.get("annotations");
        assertEquals("false", ((JsonValue.JsonString) annotations.get("io.jrunc.checkpoint.enabled")).value());
        assertEquals(6, ((JsonValue.JsonArray) doc.get("hooks")).elements().size());
    }

    @Test
    void theDocumentMatchesTheFeaturesSchemaAndNamesWhatJruncImplements() {
        CliHarness.Outcome o = new CliHarness(Commands.all()).run("features");
        JsonValue doc = Json.parse(o.out());
        assertEquals(java.util.List.of(), SchemaValidator.validateFeatures(doc));
        JsonValue.JsonObject linux = (JsonValue.JsonObject) ((JsonValue.JsonObject) doc).get("linux");
        String namespaces = Json.write(linux.get("namespaces"));
        assertTrue(namespaces.contains("\"pid\"") && !namespaces.contains("\"user\""), namespaces);
        assertTrue(Json.write(linux.get("capabilities")).contains("\"CAP_SYS_ADMIN\""));
        assertTrue(Json.write(((JsonValue.JsonObject) doc).get("mountOptions")).contains("\"rro\""));
    }
}

package io.jrunc.schema;

import static io.jrunc.schema.SchemaTestSupport.json;
import static io.jrunc.schema.SchemaTestSupport.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jrunc.JruncException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator's JSON-Schema semantics, on small schemas held in memory. */
class SchemaKeywordsTest {

    private static List<String> check(String schema, String document) {
        return checkIn(Map.of("s.json", schema), "s.json", document);
    }

    private static List<String> checkIn(Map<String, String> files, String root, String document) {
        return lines(Validation.run(new SchemaCompiler(files::get).schema(root), json(document)));
    }

    @Test
    void typeNamesAndUnions() {
        assertEquals(List.of(), check("{\"type\": [\"string\", \"null\"]}", "null"));
        assertEquals(List.of("expected string or null, got boolean"), check("{\"type\": [\"string\", \"null\"]}", "true"));
        assertEquals(List.of("expected object, array or null, got number"), check("{\"type\": [\"object\", \"array\", \"null\"]}", "1"));
        assertEquals(List.of(), check("{\"type\": \"number\"}", "1.5"));
        assertEquals(List.of(), check("{\"type\": \"integer\"}", "-3"));
        assertEquals(List.of("expected integer, got number"), check("{\"type\": \"integer\"}", "2.5"));
    }

    @Test
    void enumAndConstCompareJsonValuesNotSpelling() {
        assertEquals(List.of(), check("{\"enum\": [1, \"a\", [1, {\"x\": null}]]}", "1.0"));
        assertEquals(List.of(), check("{\"enum\": [1, \"a\", [1, {\"x\": null}]]}", "[1e0, {\"x\": null}]"));
        assertEquals(List.of("value \"b\" is not one of 1, \"a\", [...]"), check("{\"enum\": [1, \"a\", [1]]}", "\"b\""));
        assertEquals(List.of("value 2 is not \"p\""), check("{\"const\": \"p\"}", "2"));
        assertEquals(List.of(), check("{\"const\": {\"a\": [true]}}", "{\"a\": [true]}"));
    }

    @Test
    void longEnumListsAreShortened() {
        String schema = "{\"enum\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]}";
        assertEquals(List.of("value 0 is not one of 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, ..."), check(schema, "0"));
    }

    @Test
    void boundsCompareExactDecimals() {
        String schema = "{\"minimum\": 0.1, \"maximum\": 18446744073709551615}";
        assertEquals(List.of(), check(schema, "18446744073709551615"));
        assertEquals(List.of(), check(schema, "0.1000"));
        assertEquals(List.of("value 18446744073709551615.5 is greater than the maximum 18446744073709551615"),
                check(schema, "18446744073709551615.5"));
        assertEquals(List.of("value 0.09999999999999999999 is less than the minimum 0.1"), check(schema, "0.09999999999999999999"));
    }

    @Test
    void exclusiveBoundsInBothDraftSpellings() {
        assertEquals(List.of("value 0 must be greater than 0"), check("{\"minimum\": 0, \"exclusiveMinimum\": true}", "0"));
        assertEquals(List.of("value 5 must be less than 5"), check("{\"exclusiveMaximum\": 5}", "5"));
        assertEquals(List.of(), check("{\"exclusiveMaximum\": 5}", "4.999"));
    }

    @Test
    void multipleOf() {
        assertEquals(List.of(), check("{\"multipleOf\": 0.5}", "2.5"));
        assertEquals(List.of("value 2.25 is not a multiple of 0.5"), check("{\"multipleOf\": 0.5}", "2.25"));
    }

    @Test
    void stringLengthCountsCharactersNotUtf16Units() {
        assertEquals(List.of(), check("{\"maxLength\": 2}", "\"\uD83D\uDE00\uD83D\uDE00\""));
        assertEquals(List.of("expected at least 3 characters, got 2"), check("{\"minLength\": 3}", "\"\uD83D\uDE00x\""));
    }

    @Test
    void patternsAreUnanchoredSearchesWithEcmaEnd() {
        assertEquals(List.of(), check("{\"pattern\": \"b+\"}", "\"abbc\""));
        assertEquals(List.of("value \"abc\\n\" does not match the pattern ^abc$"), check("{\"pattern\": \"^abc$\"}", "\"abc\\n\""));
    }

    @Test
    void arrays() {
        String schema = "{\"type\": \"array\", \"minItems\": 1, \"maxItems\": 3, \"uniqueItems\": true, \"items\": {\"type\": \"integer\"}}";
        assertEquals(List.of(), check(schema, "[1, 2, 3]"));
        assertEquals(List.of("expected at least 1 item, got 0"), check(schema, "[]"));
        assertEquals(List.of("expected at most 3 items, got 4"), check(schema, "[1, 2, 3, 4]"));
        assertEquals(List.of("item [2] repeats item [0]; items must be unique"), check(schema, "[1, 2, 1.0]"));
        assertEquals(List.of("[1]: expected integer, got string"), check(schema, "[1, \"2\"]"));
    }

    @Test
    void objects() {
        String schema = """
                {"type": "object", "required": ["a"], "minProperties": 2, "maxProperties": 3,
                 "properties": {"a": {"type": "string"}},
                 "patternProperties": {"^x-": {"type": "integer"}},
                 "additionalProperties": {"type": "boolean"}}
                """;
        assertEquals(List.of(), check(schema, "{\"a\": \"s\", \"x-1\": 2, \"other\": true}"));
        assertEquals(List.of("missing required property \"a\"", "expected at least 2 properties, got 1"), check(schema, "{\"b\": true}"));
        assertEquals(List.of("x-1: expected integer, got string", "other: expected boolean, got number"),
                check(schema, "{\"a\": \"s\", \"x-1\": \"2\", \"other\": 1}"));
        assertEquals(List.of("expected at most 3 properties, got 4"), check(schema, "{\"a\": \"s\", \"b\": true, \"c\": true, \"d\": true}"));
        assertEquals(List.of("unknown property \"b\""),
                check("{\"properties\": {\"a\": {}}, \"additionalProperties\": false}", "{\"a\": 1, \"b\": 2}"));
    }

    @Test
    void allOfReportsEveryFailingPart() {
        String schema = "{\"allOf\": [{\"required\": [\"a\"]}, {\"required\": [\"b\"]}, {\"type\": \"object\"}]}";
        assertEquals(List.of("missing required property \"a\"", "missing required property \"b\""), check(schema, "{}"));
    }

    @Test
    void anyOfReportsTheBranchThatAcceptsTheType() {
        String schema = """
                {"anyOf": [{"type": "null"},
                           {"type": "object", "required": ["path"], "properties": {"path": {"type": "string"}}},
                           {"type": "string", "minLength": 5}]}
                """;
        assertEquals(List.of(), check(schema, "null"));
        assertEquals(List.of("path: expected string, got number"), check(schema, "{\"path\": 1}"));
        assertEquals(List.of("expected at least 5 characters, got 2"), check(schema, "\"ab\""));
        assertEquals(List.of("expected null, object or string, got boolean"), check(schema, "false"));
    }

    @Test
    void oneOfNeedsExactlyOneMatch() {
        String schema = "{\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 10}]}";
        assertEquals(List.of(), check(schema, "3"));
        assertEquals(List.of(), check(schema, "10.5"));
        assertEquals(List.of("value matches more than one of the allowed forms"), check(schema, "12"));
    }

    @Test
    void notAndIfThenElse() {
        assertEquals(List.of("value is not allowed here"), check("{\"not\": {\"type\": \"string\"}}", "\"x\""));
        assertEquals(List.of(), check("{\"not\": {\"type\": \"string\"}}", "1"));
        String conditional = """
                {"if": {"properties": {"kind": {"const": "file"}}},
                 "then": {"required": ["path"]}, "else": {"required": ["id"]}}
                """;
        assertEquals(List.of("missing required property \"path\""), check(conditional, "{\"kind\": \"file\"}"));
        assertEquals(List.of("missing required property \"id\""), check(conditional, "{\"kind\": \"pipe\"}"));
        assertEquals(List.of("value is not allowed here"), check("false", "{}"));
        assertEquals(List.of(), check("true", "{}"));
    }

    @Test
    void refsReachOtherFilesAndMayRecurse() {
        Map<String, String> files = Map.of(
                "tree.json", """
                        {"$ref": "#/definitions/node",
                         "definitions": {"node": {"type": "object", "properties": {
                            "value": {"$ref": "num.json#/definitions/small"},
                            "children": {"type": "array", "items": {"$ref": "#/definitions/node"}}}}}}
                        """,
                "num.json", "{\"definitions\": {\"small\": {\"$ref\": \"#/definitions/uint8\"}, "
                        + "\"uint8\": {\"type\": \"integer\", \"minimum\": 0, \"maximum\": 255}}}");
        assertEquals(List.of(), checkIn(files, "tree.json", "{\"value\": 1, \"children\": [{\"value\": 2, \"children\": []}]}"));
        assertEquals(List.of("children[0].children[0].value: 256 is out of range for uint8"),
                checkIn(files, "tree.json", "{\"children\": [{\"children\": [{\"value\": 256}]}]}"));
    }

    @Test
    void aSharedDefinitionIsCompiledOnce() {
        SchemaCompiler compiler = new SchemaCompiler(Map.of("d.json", "{\"definitions\": {\"x\": {\"type\": \"string\"}}}")::get);
        assertSame(compiler.schema("d.json#/definitions/x"), compiler.schema("d.json#/definitions/x"));
    }

    @Test
    void brokenSchemasAreRefusedWhenCompiled() {
        assertEquals("schema s.json#/definitions/a: $ref loops back on itself", schemaError(
                "{\"$ref\": \"#/definitions/a\", \"definitions\": {\"a\": {\"$ref\": \"#/definitions/b\"}, \"b\": {\"$ref\": \"#/definitions/a\"}}}"));
        assertEquals("schema s.json#/definitions/missing: $ref target does not exist", schemaError("{\"$ref\": \"#/definitions/missing\"}"));
        assertEquals("schema s.json#: keyword \"dependencies\" is not supported", schemaError("{\"dependencies\": {\"a\": [\"b\"]}}"));
        assertEquals("schema s.json#: unknown type \"int\"", schemaError("{\"type\": \"int\"}"));
    }

    private static String schemaError(String schema) {
        return assertThrows(JruncException.class, () -> new SchemaCompiler(Map.of("s.json", schema)::get).schema("s.json")).getMessage();
    }
}

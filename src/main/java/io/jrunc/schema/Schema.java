package io.jrunc.schema;

import io.jrunc.json.JsonValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One compiled JSON-Schema node: the keywords jrunc's schemas use, parsed once. Filled in by
 * {@link SchemaCompiler} (fields are set while the graph, which may be cyclic through $ref, is
 * built) and only read afterwards. Absent keywords are null, empty or false.
 */
final class Schema {
    /** Where the node was written, {@code defs.json#/definitions/uint32}; for messages about the schema itself. */
    final String location;
    /** The name under {@code definitions} when the node is one ("uint32", "NamespaceType"), else null. */
    final String definitionName;

    /** The node a {@code $ref} points to, and the end of a chain of refs; other keywords beside $ref are ignored (draft-04/07). */
    Schema ref;
    Schema resolved;
    /** The boolean schema {@code false}. */
    boolean rejectsEverything;

    Set<String> types;
    Map<String, Schema> properties = Map.of();
    List<String> required = List.of();
    List<PatternProperty> patternProperties = List.of();
    Schema additionalProperties;
    boolean additionalPropertiesForbidden;
    Integer minProperties;
    Integer maxProperties;

    Schema items;
    Integer minItems;
    Integer maxItems;
    boolean uniqueItems;

    List<JsonValue> enumValues;
    JsonValue constValue;

    Pattern pattern;
    String patternSource;
    Integer minLength;
    Integer maxLength;

    BigDecimal minimum;
    BigDecimal maximum;
    BigDecimal exclusiveMinimum;
    BigDecimal exclusiveMaximum;
    BigDecimal multipleOf;

    List<Schema> allOf = List.of();
    List<Schema> anyOf = List.of();
    List<Schema> oneOf = List.of();
    Schema not;
    Schema ifSchema;
    Schema thenSchema;
    Schema elseSchema;

    record PatternProperty(Pattern pattern, Schema schema) {}

    Schema(String location, String definitionName) {
        this.location = location;
        this.definitionName = definitionName;
    }

    /** This node with any $ref chain followed to its end. */
    Schema target() {
        return ref == null ? this : resolved;
    }

    @Override
    public String toString() {
        return location;
    }
}

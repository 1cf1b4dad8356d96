package io.jrunc.schema;

/**
 * One way a JSON document breaks its schema.
 *
 * @param path    where, in dotted/indexed form ({@code linux.namespaces[2].type}); "" for the document itself
 * @param message what is wrong, in words a person can act on ({@code unknown namespace type "pdi"})
 */
public record SchemaProblem(String path, String message) {

    /** {@code linux.namespaces[2].type: unknown namespace type "pdi"}; just the message at the root. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}

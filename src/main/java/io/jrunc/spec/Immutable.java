package io.jrunc.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collection convention of the spec model: an optional array or object member that is absent
 * is an empty list/map, never null (Go's omitempty makes "absent" and "empty" the same thing), and
 * every list/map in a record is unmodifiable. Maps keep insertion order.
 */
final class Immutable {
    private Immutable() {}

    static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : List.copyOf(items);
    }

    static <K, V> Map<K, V> map(Map<K, V> entries) {
        if (entries == null || entries.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
}

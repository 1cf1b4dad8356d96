package io.jrunc.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of one flag set after parsing. Any of a flag's names finds it ({@code "b"} and
 * {@code "bundle"} are the same flag); absent flags give their default.
 */
public final class ParsedFlags {
    private final List<FlagSpec> specs;
    private final Map<FlagSpec, Object> values = new LinkedHashMap<>();
    private final Set<FlagSpec> set = new HashSet<>();

    ParsedFlags(List<FlagSpec> specs) {
        this.specs = List.copyOf(specs);
    }

    FlagSpec spec(String name) {
        for (FlagSpec s : specs) {
            if (s.hasName(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no flag named " + name);
    }

    void put(FlagSpec spec, Object value) {
        set.add(spec);
        if (spec.kind().isSlice()) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) values.computeIfAbsent(spec, k -> new ArrayList<>());
            list.add(value);
        } else {
            values.put(spec, value);
        }
    }

    /** Whether the flag was given on the command line (urfave's IsSet). */
    public boolean isSet(String name) {
        return set.contains(spec(name));
    }

    public boolean bool(String name) {
        FlagSpec s = spec(name);
        Object v = values.get(s);
        return v != null ? (Boolean) v : Boolean.parseBoolean(s.defaultValue());
    }

    public String string(String name) {
        FlagSpec s = spec(name);
        Object v = values.get(s);
        return v != null ? (String) v : s.defaultValue();
    }

    public long integer(String name) {
        FlagSpec s = spec(name);
        Object v = values.get(s);
        return v != null ? (Long) v : Long.parseLong(s.defaultValue());
    }

    public Duration duration(String name) {
        FlagSpec s = spec(name);
        Object v = values.get(s);
        return v != null ? (Duration) v : GoDuration.parse(s.defaultValue());
    }

    /** Every value of a repeatable string flag, in command-line order. */
    public List<String> strings(String name) {
        return listOf(spec(name), String.class);
    }

    /** Every value of a repeatable int64 flag, in command-line order. */
    public List<Long> longs(String name) {
        return listOf(spec(name), Long.class);
    }

    private <T> List<T> listOf(FlagSpec s, Class<T> type) {
        Object v = values.get(s);
        if (v == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (Object o : (List<?>) v) {
            out.add(type.cast(o));
        }
        return Collections.unmodifiableList(out);
    }
}

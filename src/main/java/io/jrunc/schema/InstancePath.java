package io.jrunc.schema;

import io.jrunc.json.Json;

/**
 * Where a value sits in the document being validated. A linked list from leaf to root, so that
 * descending costs one small object and the string is only built for a problem.
 */
final class InstancePath {
    static final InstancePath ROOT = new InstancePath(null, null, -1);

    private final InstancePath parent;
    private final String member;
    private final int index;

    private InstancePath(InstancePath parent, String member, int index) {
        this.parent = parent;
        this.member = member;
        this.index = index;
    }

    InstancePath member(String name) {
        return new InstancePath(this, name, -1);
    }

    InstancePath element(int i) {
        return new InstancePath(this, null, i);
    }

    /** {@code linux.namespaces[2].type}, {@code annotations["io.k8s.x"]}; the same form JsonNode uses. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        append(out);
        return out.toString();
    }

    private void append(StringBuilder out) {
        if (parent == null) return;
        parent.append(out);
        if (member == null) {
            out.append('[').append(index).append(']');
        } else if (isPlainName(member)) {
            if (!out.isEmpty()) out.append('.');
            out.append(member);
        } else {
            out.append('[').append(Json.quote(member)).append(']');
        }
    }

    /** Names that read unambiguously after a dot; others (annotation keys, sysctls) go in brackets. */
    private static boolean isPlainName(String name) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) return false;
        }
        return true;
    }
}

package io.jrunc.cli;

import io.jrunc.sys.GoQuote;
import java.util.ArrayList;
import java.util.List;

/**
 * One command-line flag as urfave/cli v1 declares it: {@code names} in declaration order (the
 * first is the primary name, single letters are short aliases), a kind, the default value's text
 * (shown in help and used when the flag is absent) and the usage line.
 */
public record FlagSpec(List<String> names, FlagKind kind, String defaultValue, String usage, boolean hidden) {

    public FlagSpec {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a flag needs a name");
        }
    }

    /** {@code "bundle, b"} style names, as runc writes them. */
    static List<String> splitNames(String names) {
        List<String> out = new ArrayList<>();
        for (String n : names.split(",")) {
            String t = n.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    public static FlagSpec bool(String names, String usage) {
        return new FlagSpec(splitNames(names), FlagKind.BOOL, "false", usage, false);
    }

    public static FlagSpec string(String names, String usage) {
        return string(names, "", usage);
    }

    public static FlagSpec string(String names, String defaultValue, String usage) {
        return new FlagSpec(splitNames(names), FlagKind.STRING, defaultValue, usage, false);
    }

    public static FlagSpec integer(String names, String usage) {
        return integer(names, 0, usage);
    }

    public static FlagSpec integer(String names, long defaultValue, String usage) {
        return new FlagSpec(splitNames(names), FlagKind.INT, Long.toString(defaultValue), usage, false);
    }

    /** {@code defaultValue} in Go's duration syntax, e.g. "5s". */
    public static FlagSpec duration(String names, String defaultValue, String usage) {
        return new FlagSpec(splitNames(names), FlagKind.DURATION, defaultValue, usage, false);
    }

    public static FlagSpec stringSlice(String names, String usage) {
        return new FlagSpec(splitNames(names), FlagKind.STRING_SLICE, "", usage, false);
    }

    public static FlagSpec int64Slice(String names, String usage) {
        return new FlagSpec(splitNames(names), FlagKind.INT64_SLICE, "", usage, false);
    }

    /** The same flag, accepted but left out of help (runc's {@code Hidden: true}). */
    public FlagSpec hide() {
        return new FlagSpec(names, kind, defaultValue, usage, true);
    }

    public String name() {
        return names.get(0);
    }

    public boolean hasName(String n) {
        return names.contains(n);
    }

    /**
     * The help line urfave/cli v1 prints, before column alignment: names with their dash prefix
     * and a "value" placeholder for flags that take one, a tab, the usage and the default:
     * {@code --root value\troot directory ... (default: "/run/jrunc")}.
     */
    public String helpLine() {
        String placeholder = kind.isBool() ? "" : " value";
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            line.append(n.length() == 1 ? "-" : "--").append(n).append(placeholder);
            if (i < names.size() - 1) {
                line.append(", ");
            }
        }
        return line.append('\t').append((usage + defaultSuffix()).strip()).toString();
    }

    private String defaultSuffix() {
        return switch (kind) {
            case BOOL, STRING_SLICE, INT64_SLICE -> "";
            case STRING -> defaultValue.isEmpty() ? "" : " (default: " + goQuote(defaultValue) + ")";
            case INT, DURATION -> " (default: " + defaultValue + ")";
        };
    }

    private static String goQuote(String s) {
        return GoQuote.quote(s);
    }
}

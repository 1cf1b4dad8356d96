package io.jrunc.cli;

import io.jrunc.sys.GoQuote;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Go's {@code flag.FlagSet.Parse} as urfave/cli v1 drives it, because runc's callers rely on its
 * exact rules: one or two dashes alike ({@code -root x}, {@code --root=x}), a value flag takes the
 * next argument whatever it looks like, a bool flag never does ({@code --detach=false} to unset),
 * parsing stops at the first non-flag argument, a lone {@code -} is an argument, {@code --} ends
 * the flags and is dropped.
 */
public final class FlagParser {
    private FlagParser() {}

    /** The flags and the arguments left after them. */
    public record Result(ParsedFlags flags, List<String> args) {
        public Result {
            args = List.copyOf(args);
        }
    }

    public static Result parse(List<FlagSpec> specs, List<String> argv) {
        ParsedFlags flags = new ParsedFlags(specs);
        Set<String> visited = new HashSet<>();
        int i = 0;
        while (i < argv.size()) {
            String s = argv.get(i);
            if (s.length() < 2 || s.charAt(0) != '-') {
                break;
            }
            int dashes = 1;
            if (s.charAt(1) == '-') {
                dashes = 2;
                if (s.length() == 2) {
                    i++;
                    break;
                }
            }
            String name = s.substring(dashes);
            if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
                throw new FlagParseException("bad flag syntax: " + s);
            }
            i++;
            String value = null;
            int eq = name.indexOf('=', 1);
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            FlagSpec spec = find(specs, name);
            if (spec == null) {
                throw new FlagParseException("flag provided but not defined: -" + name);
            }
            if (spec.kind().isBool()) {
                if (value == null) {
                    flags.put(spec, Boolean.TRUE);
                } else {
                    try {
                        flags.put(spec, GoNumbers.parseBool(value));
                    } catch (GoNumbers.NumberFormatFailure e) {
                        throw new FlagParseException("invalid boolean value " + GoQuote.quote(value)
                                + " for -" + name + ": parse error");
                    }
                }
            } else {
                if (value == null) {
                    if (i >= argv.size()) {
                        throw new FlagParseException("flag needs an argument: -" + name);
                    }
                    value = argv.get(i++);
                }
                flags.put(spec, convert(spec, name, value));
            }
            visited.add(name);
        }
        checkOneFormEach(specs, visited);
        return new Result(flags, argv.subList(i, argv.size()));
    }

    private static FlagSpec find(List<FlagSpec> specs, String name) {
        for (FlagSpec s : specs) {
            if (s.hasName(name)) {
                return s;
            }
        }
        return null;
    }

    private static Object convert(FlagSpec spec, String name, String value) {
        switch (spec.kind()) {
            case STRING, STRING_SLICE -> {
                return value;
            }
            case INT -> {
                try {
                    return GoNumbers.parseInt(value);
                } catch (GoNumbers.NumberFormatFailure e) {
                    // Go's flag package reduces strconv's errors to these two words
                    String why = e.failure == GoNumbers.Failure.RANGE ? "value out of range" : "parse error";
                    throw invalidValue(name, value, why);
                }
            }
            case INT64_SLICE -> {
                try {
                    return GoNumbers.parseInt(value);
                } catch (GoNumbers.NumberFormatFailure e) {
                    // urfave's own Int64Slice passes strconv's error through unchanged
                    throw invalidValue(name, value,
                            "strconv.ParseInt: parsing " + GoQuote.quote(value) + ": " + e.failure.text);
                }
            }
            case DURATION -> {
                Duration d = GoDuration.parse(value);
                if (d == null) {
                    throw invalidValue(name, value, "parse error");
                }
                return d;
            }
            default -> throw new IllegalStateException("bool handled by the caller");
        }
    }

    private static FlagParseException invalidValue(String name, String value, String why) {
        return new FlagParseException("invalid value " + GoQuote.quote(value) + " for flag -" + name + ": " + why);
    }

    /** urfave's normalizeFlags: "-b x --bundle y" is refused rather than silently picking one. */
    private static void checkOneFormEach(List<FlagSpec> specs, Set<String> visited) {
        for (FlagSpec spec : specs) {
            if (spec.names().size() < 2) {
                continue;
            }
            String first = null;
            for (String n : spec.names()) {
                if (visited.contains(n)) {
                    if (first != null) {
                        throw FlagParseException.twoForms(n, first);
                    }
                    first = n;
                }
            }
        }
    }
}

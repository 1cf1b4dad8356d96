package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.sys.GoQuote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment the container process gets. runc loads process.env into its own (cleared)
 * environment with os.Setenv, one entry after the other, adds HOME when it is missing or empty,
 * and execs with os.Environ(): so a repeated name keeps its first position and its last value.
 */
public final class ProcessEnvironment {
    private ProcessEnvironment() {}

    /** Checks every entry as runc's populateProcessEnvironment does, failing at the first bad one with its JSON path. */
    public static void check(List<String> env) {
        for (int i = 0; i < env.size(); i++) {
            String problem = problem(env.get(i));
            if (problem != null) {
                throw new JruncException("process.env[" + i + "]: " + problem);
            }
        }
    }

    private static String problem(String entry) {
        int eq = entry.indexOf('=');
        if (eq < 0) {
            return "invalid environment variable: missing '='";
        }
        String name = entry.substring(0, eq);
        if (name.isEmpty()) {
            return "invalid environment variable: name cannot be empty";
        }
        if (name.indexOf('\0') >= 0) {
            return "invalid environment variable " + GoQuote.quote(name) + ": name contains nul byte (\\x00)";
        }
        if (entry.indexOf('\0', eq + 1) >= 0) {
            return "invalid environment variable " + GoQuote.quote(name) + ": value contains nul byte (\\x00)";
        }
        return null;
    }

    /**
     * The final environment: entries merged by name (first position, last value), then HOME set to
     * {@code home} when it is absent or empty. {@code env} must have passed {@link #check}.
     */
    public static List<String> build(List<String> env, String home) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String entry : env) {
            int eq = entry.indexOf('=');
            vars.put(entry.substring(0, eq), entry.substring(eq + 1)); // LinkedHashMap keeps the first position
        }
        String current = vars.get("HOME");
        if (current == null || current.isEmpty()) {
            vars.put("HOME", home);
        }
        List<String> out = new ArrayList<>(vars.size());
        for (Map.Entry<String, String> e : vars.entrySet()) {
            out.add(e.getKey() + "=" + e.getValue());
        }
        return out;
    }

    /** Whether the environment lacks a non-empty HOME, so that /etc/passwd must be read. */
    public static boolean needsHome(List<String> env) {
        String home = lookup(env, "HOME");
        return home == null || home.isEmpty();
    }

    /** The value of {@code name} (the last one given, as after os.Setenv), or null. */
    public static String lookup(List<String> env, String name) {
        String value = null;
        String prefix = name + "=";
        for (String entry : env) {
            if (entry.startsWith(prefix)) {
                value = entry.substring(prefix.length());
            }
        }
        return value;
    }
}

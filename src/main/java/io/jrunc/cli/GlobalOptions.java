package io.jrunc.cli;

import io.jrunc.JruncException;
import io.jrunc.sys.GoQuote;

/**
 * The global options of one jrunc call, after runc's Before step: {@code root} is absolute and
 * clean when it was given, or the default (/run/jrunc, or $XDG_RUNTIME_DIR/jrunc for a rootless
 * user, as runc does).
 *
 * @param root          the state directory
 * @param rootGiven     whether --root was on the command line
 * @param log           the --log path, or ""
 * @param logFormat     "text" or "json"
 * @param debug         --debug
 * @param systemdCgroup --systemd-cgroup
 * @param rootless      the raw --rootless value ("auto" by default); see {@link #rootlessSetting()}
 */
public record GlobalOptions(String root, boolean rootGiven, String log, String logFormat, boolean debug,
                            boolean systemdCgroup, String rootless) {

    /**
     * runc's parseBoolOrAuto of --rootless: null for "auto" (or empty), else the boolean; other
     * values fail with Go's ParseBool message when a command asks.
     */
    public Boolean rootlessSetting() {
        if (rootless.isEmpty() || rootless.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return GoNumbers.parseBool(rootless);
        } catch (GoNumbers.NumberFormatFailure e) {
            throw new JruncException("strconv.ParseBool: parsing " + GoQuote.quote(rootless) + ": invalid syntax");
        }
    }
}

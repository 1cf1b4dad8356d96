package io.jrunc.cli;

import io.jrunc.JruncException;

/**
 * A command line the flag parser rejects, worded as Go's flag package words it
 * ({@code flag provided but not defined: -x}). The CLI answers it the way urfave/cli does:
 * "Incorrect Usage" and the help on stdout, then the error itself, exit status 1.
 */
public final class FlagParseException extends JruncException {
    private final boolean twoForms;

    FlagParseException(String message) {
        this(message, false);
    }

    private FlagParseException(String message, boolean twoForms) {
        super(message);
        this.twoForms = twoForms;
    }

    /** "Cannot use two forms of the same flag": urfave reports it without the "Incorrect Usage" prefix at app level. */
    static FlagParseException twoForms(String later, String earlier) {
        return new FlagParseException("Cannot use two forms of the same flag: " + later + " " + earlier, true);
    }

    boolean isTwoForms() {
        return twoForms;
    }
}

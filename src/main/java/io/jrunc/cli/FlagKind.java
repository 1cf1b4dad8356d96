package io.jrunc.cli;

/** The value types runc's urfave/cli flags use; each parses its value the way Go's flag package does. */
public enum FlagKind {
    /** {@code --flag}, {@code --flag=false}: never takes the next argument. */
    BOOL,
    STRING,
    /** A Go int: decimal, 0x.., 0o.., 0b.., or a leading 0 for octal. */
    INT,
    /** A Go duration: "5s", "1m30s", "250ms". */
    DURATION,
    /** Repeatable; every occurrence appends one value. */
    STRING_SLICE,
    /** Repeatable int64 values. */
    INT64_SLICE;

    boolean isBool() {
        return this == BOOL;
    }

    boolean isSlice() {
        return this == STRING_SLICE || this == INT64_SLICE;
    }
}

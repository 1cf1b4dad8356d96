package io.jrunc.json;

import io.jrunc.JruncException;

/**
 * A document that is not valid JSON. The message names the place the way an editor shows it:
 * {@code invalid JSON at line 3, column 14: expected ',' or '}' after object member, found '"'}.
 * Lines and columns start at 1; a column counts characters (code points), not bytes.
 */
public final class JsonParseException extends JruncException {
    private final int line;
    private final int column;
    private final long offset;

    JsonParseException(String detail, int line, int column, long offset) {
        super("invalid JSON at line " + line + ", column " + column + ": " + detail);
        this.line = line;
        this.column = column;
        this.offset = offset;
    }

    /** 1-based line of the error. */
    public int line() {
        return line;
    }

    /** 1-based column of the error, in characters (code points) from the start of the line. */
    public int column() {
        return column;
    }

    /**
     * 0-based offset of the error in the input's own units: UTF-16 chars for {@link Json#parse(String)},
     * bytes for {@link Json#parse(byte[])}. Equal to the input length when the input ended too early.
     */
    public long offset() {
        return offset;
    }
}

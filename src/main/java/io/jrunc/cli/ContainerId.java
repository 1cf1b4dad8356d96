package io.jrunc.cli;

import io.jrunc.JruncException;

/**
 * runc's container id rule (libcontainer's validateID): one or more of letters, digits and
 * {@code _ + , - .} (its regexp {@code ^[\w+-\.]+$}, whose {@code +-\.} is a range that takes in
 * the comma), and not "." or "..", which would name the state directory itself or its parent.
 */
public final class ContainerId {
    private ContainerId() {}

    /** runc's errEmptyID. */
    public static final String EMPTY_MESSAGE = "container id cannot be empty";
    /** runc's libcontainer.ErrInvalidID. */
    public static final String INVALID_MESSAGE = "invalid container ID format";

    public static boolean isValid(String id) {
        if (id.isEmpty() || id.equals(".") || id.equals("..")) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || (c >= '+' && c <= '.');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The id itself, or runc's error: "container id cannot be empty" / "invalid container ID format". */
    public static String validate(String id) {
        if (id == null || id.isEmpty()) {
            throw new JruncException(EMPTY_MESSAGE);
        }
        if (!isValid(id)) {
            throw new JruncException(INVALID_MESSAGE);
        }
        return id;
    }
}

package io.jrunc.commands;

import io.jrunc.JruncException;

/** The error of a command whose flags and arguments are checked but whose work is not written yet. */
final class NotImplemented {
    private NotImplemented() {}

    static JruncException of(String command) {
        return new JruncException(command + " is not implemented yet");
    }
}

package io.jrunc.container.process;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;

/**
 * runc's wording for failed calls. Where runc returns Go's bare errno (unix.Setuid, prctl,
 * capset ...) the message is only the errno text, so Syscalls' "call detail: text" is cut back
 * to the text and runc's context put in front.
 */
final class Failures {
    private Failures() {}

    /** The bare errno text ("operation not permitted"), or the whole message for a non-kernel error. */
    static String bare(JruncException e) {
        return e.errno() != 0 ? Errno.message(e.errno()) : e.getMessage();
    }

    /** {@code context + ": " + bare errno text}, keeping the errno. */
    static JruncException wrap(String context, JruncException e) {
        return new JruncException(context + ": " + bare(e), e.errno(), e);
    }

    /** Go's os.PathError text: {@code "stat /dev/null: no such file or directory"}. */
    static JruncException pathError(String op, String path, JruncException e) {
        return wrap(op + " " + path, e);
    }
}

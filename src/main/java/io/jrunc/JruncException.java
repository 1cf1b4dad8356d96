package io.jrunc;

/**
 * The one error type of jrunc. It carries the errno of the failing system call (0 when the error
 * is not a kernel error) and a message that already names what failed, in runc's wording where an
 * engine matches on it. {@code Main} turns it into the single stderr line (and the
 * {@code --log-format json} record) and exit status 1.
 */
public class JruncException extends RuntimeException {
    private final int errno;

    public JruncException(String message) {
        this(message, 0, null);
    }

    public JruncException(String message, int errno) {
        this(message, errno, null);
    }

    public JruncException(String message, int errno, Throwable cause) {
        super(message, cause, false, false);
        this.errno = errno;
    }

    /** The kernel's errno behind this error, or 0. */
    public int errno() {
        return errno;
    }

    /** The same error with context in front: "create container: " + "mkdir /x: File exists". */
    public JruncException withContext(String context) {
        return new JruncException(context + ": " + getMessage(), errno, this);
    }
}

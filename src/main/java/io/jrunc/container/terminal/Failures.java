package io.jrunc.container.terminal;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;

/**
 * runc's wording for terminal failures. The kernel's errno always stays in the exception; only
 * the text in front changes, because runc prints Go's errors, not our syscall layer's.
 */
final class Failures {
    private Failures() {}

    /** Go's bare {@code syscall.Errno}: just "inappropriate ioctl for device". */
    static JruncException bare(JruncException cause) {
        return new JruncException(reason(cause), cause.errno(), cause);
    }

    /** Go's {@code os.SyscallError} or {@code os.PathError}: "sendmsg: broken pipe", "open /dev/tty: ...". */
    static JruncException call(String what, JruncException cause) {
        return new JruncException(what + ": " + reason(cause), cause.errno(), cause);
    }

    /** One more layer of runc's {@code fmt.Errorf("...: %w", err)}. */
    static JruncException wrap(String context, JruncException cause) {
        return cause.withContext(context);
    }

    /** A non-kernel failure with runc's text. */
    static JruncException plain(String message) {
        return new JruncException(message);
    }

    static boolean isErrno(JruncException e, int... errnos) {
        for (int errno : errnos) {
            if (e.errno() == errno) {
                return true;
            }
        }
        return false;
    }

    private static String reason(JruncException cause) {
        return cause.errno() != 0 ? Errno.message(cause.errno()) : cause.getMessage();
    }
}

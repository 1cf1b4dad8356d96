package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.sys.Errno;
import io.jrunc.sys.GoQuote;

/**
 * Error wording. The kernel's errno stays in every exception; the text in front says what failed
 * the way runc says it, because engines show (and sometimes match) runc's messages.
 */
final class Failures {
    private Failures() {}

    /** {@code "<what>: <errno text>"} keeping the errno; a non-kernel failure keeps its own message. */
    static JruncException of(String what, JruncException cause) {
        String reason = cause.errno() != 0 ? Errno.message(cause.errno()) : cause.getMessage();
        return new JruncException(what + ": " + reason, cause.errno(), cause);
    }

    /** {@code "<context>: <message>"}: one more layer of runc's %w wrapping. */
    static JruncException wrap(String context, JruncException cause) {
        return cause.withContext(context);
    }

    /** runc: {@code error mounting "proc" to rootfs at "/proc": ...}. */
    static JruncException mounting(String source, String destination, JruncException cause) {
        return wrap("error mounting " + GoQuote.quote(nullToEmpty(source)) + " to rootfs at "
                + GoQuote.quote(nullToEmpty(destination)), cause);
    }

    /**
     * runc's mountError text: {@code mount src=proc, dst=/proc, dstFd=/proc/self/fd/7,
     * flags=MS_NOSUID|MS_NODEV|MS_NOEXEC, data=mode=755}.
     */
    static String mountText(String op, String source, String target, String dstFd, long flags, String data) {
        StringBuilder out = new StringBuilder(op).append(' ');
        if (source != null && !source.isEmpty()) {
            out.append("src=").append(source).append(", ");
        }
        out.append("dst=").append(target);
        if (dstFd != null && !dstFd.isEmpty()) {
            out.append(", dstFd=").append(dstFd);
        }
        if (flags != 0) {
            out.append(", flags=").append(MountFlagNames.describe(flags));
        }
        if (data != null && !data.isEmpty()) {
            out.append(", data=").append(data);
        }
        return out.toString();
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

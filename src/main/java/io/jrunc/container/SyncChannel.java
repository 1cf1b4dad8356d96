package io.jrunc.container;

import io.jrunc.JruncException;
import io.jrunc.json.Json;
import io.jrunc.json.JsonNode;
import io.jrunc.sys.Syscalls;

import java.nio.charset.StandardCharsets;

/**
 * The parent/init conversation during create: one end of a SOCK_SEQPACKET socketpair each, one
 * JSON object per message (the packet boundary is the message boundary). The init reports its
 * progress ("hooks" when the prestart/createRuntime hooks may run, "ready" when it waits for
 * start) or its failure as an error message carrying the errno, which the parent turns back into a
 * JruncException: an error in the child becomes the parent's one-line error.
 */
public final class SyncChannel {
    /** parent to init: the parent has recorded the init and serves its requests; the init may start building */
    public static final String GO = "go";
    public static final String HOOKS = "hooks";
    public static final String HOOKS_DONE = "hooks-done";
    public static final String READY = "ready";
    public static final String ERROR = "error";

    /**
     * The receive buffer: every fresh page of it costs a page fault in a process that does little
     * else, so it is only as large as the longest message (an error, its text capped at
     * {@link #MAX_ERROR_TEXT} characters, each at most 6 bytes once JSON-escaped).
     */
    private static final int MAX_MESSAGE = 16 * 1024;
    static final int MAX_ERROR_TEXT = 2000;

    private final Syscalls sys;
    private final int fd;

    public SyncChannel(Syscalls sys, int fd) {
        this.sys = sys;
        this.fd = fd;
    }

    public int fd() {
        return fd;
    }

    public void send(String type) {
        write(Json.write(Json.object().put("type", type).build()));
    }

    public void sendError(JruncException e) {
        String text = e.getMessage();
        if (text.length() > MAX_ERROR_TEXT) text = text.substring(0, MAX_ERROR_TEXT - 3) + "...";
        write(Json.write(Json.object().put("type", ERROR).put("message", text).put("errno", e.errno()).build()));
    }

    private void write(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        sys.write(fd, bytes, 0, bytes.length);
    }

    /**
     * Waits for the next message and returns its type; an error message is thrown as the
     * JruncException it carried. Returns null when the other side closed (the init died).
     */
    public String receive() {
        byte[] buf = new byte[MAX_MESSAGE];
        int n = sys.read(fd, buf, 0, buf.length);
        if (n == 0) return null;
        JsonNode msg = JsonNode.root(Json.parse(new String(buf, 0, n, StandardCharsets.UTF_8)));
        String type = msg.reqString("type");
        if (ERROR.equals(type)) {
            Long errno = msg.optLong("errno");
            throw new JruncException(msg.optString("message", "container init failed"), errno == null ? 0 : errno.intValue());
        }
        return type;
    }

    /** Receives and insists on one message type. */
    public void expect(String type) {
        String got = receive();
        if (got == null) throw new JruncException("container init exited before it was ready");
        if (!got.equals(type)) throw new JruncException("unexpected message from container init: " + got + " (expected " + type + ")");
    }

    public void close() {
        sys.close(fd);
    }
}

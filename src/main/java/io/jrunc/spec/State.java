package io.jrunc.spec;

import io.jrunc.json.JsonValue.JsonObject;
import io.jrunc.json.JsonValue.JsonString;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The state of a container, in the two shapes it is printed in: the OCI state document
 * ({@link #toOciJson()}, given to hooks on stdin) and runc's {@code state}/{@code list --format json}
 * view ({@link #toRuncJson()}), which adds rootfs, created and owner.
 *
 * @param ociVersion  the spec version of the container's config
 * @param id          the container id
 * @param status      creating, created, running, paused or stopped
 * @param pid         the init process id on the host, 0 once stopped
 * @param bundle      absolute path of the bundle
 * @param rootfs      absolute path of the root filesystem
 * @param created     when the container was created
 * @param annotations the config's annotations
 * @param owner       the owner's user name: {@code runc state} prints "", {@code runc list} the name
 */
public record State(
        String ociVersion,
        String id,
        String status,
        int pid,
        String bundle,
        String rootfs,
        Instant created,
        Map<String, String> annotations,
        String owner) {

    public static final String CREATING = "creating";
    public static final String CREATED = "created";
    public static final String RUNNING = "running";
    public static final String PAUSED = "paused";
    public static final String STOPPED = "stopped";

    public State {
        annotations = Immutable.map(annotations);
    }

    /** The OCI state: ociVersion, id, status, pid (left out when 0), bundle, annotations (when any). */
    public JsonObject toOciJson() {
        return new GoStructJson()
                .string("ociVersion", ociVersion)
                .string("id", id)
                .string("status", status)
                .nonZero("pid", pid)
                .string("bundle", bundle)
                .stringMap("annotations", annotations)
                .build();
    }

    /**
     * runc's view, in its member order: ociVersion, id, pid, status, bundle, rootfs, created,
     * annotations (when any), owner. runc prints it with {@code json.MarshalIndent(s, "", "  ")}
     * and no newline after it.
     */
    public JsonObject toRuncJson() {
        return new GoStructJson()
                .string("ociVersion", ociVersion)
                .string("id", id)
                .number("pid", pid)
                .string("status", status)
                .string("bundle", bundle)
                .string("rootfs", rootfs)
                .put("created", new JsonString(rfc3339Nano(created)))
                .stringMap("annotations", annotations)
                .string("owner", owner)
                .build();
    }

    /**
     * Go's {@code time.RFC3339Nano} rendering of a UTC time: "2024-05-01T10:00:00.1234Z", the fraction
     * without trailing zeros and left out entirely when it is zero.
     */
    public static String rfc3339Nano(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(35);
        pad(out, t.getYear(), 4).append('-');
        pad(out, t.getMonthValue(), 2).append('-');
        pad(out, t.getDayOfMonth(), 2).append('T');
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2);
        int nanos = t.getNano();
        if (nanos != 0) {
            StringBuilder fraction = new StringBuilder(9);
            pad(fraction, nanos, 9);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(fraction, 0, end);
        }
        return out.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}

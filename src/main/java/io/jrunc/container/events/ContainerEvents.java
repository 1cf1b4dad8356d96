package io.jrunc.container.events;

import io.jrunc.JruncException;
import io.jrunc.cgroups.CgroupManager;
import io.jrunc.cgroups.CgroupStats;
import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import io.jrunc.sys.Syscalls;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * runc's {@code events}: its event objects ({@code types.Event}: type, id, data left out when
 * there is none) and the watch loop, which prints the container's statistics once every interval
 * and an "oom" event whenever the OOM killer struck, until the container's cgroup is empty or gone
 * (runc stops there too on cgroup v2; on v1 it waits for delete to remove the cgroup).
 *
 * <p>jrunc is single-threaded and has no eventfd: the OOM kill counter
 * ({@link CgroupManager#oomKillCount}) is read every {@value #CHECK_MILLIS} ms instead, the waits
 * between checks being poll(2) timeouts. A burst of kills between two checks is one event, as
 * several notifications collapse into one eventfd read for runc.
 */
public final class ContainerEvents {
    /** How often the OOM counter and the cgroup's population are checked. */
    static final int CHECK_MILLIS = 100;

    private final Syscalls sys;
    private final String id;
    private final CgroupManager cgroup;
    private final LongSupplier nanoClock;

    /** @param nanoClock a monotonic clock in nanoseconds (System::nanoTime) */
    public ContainerEvents(Syscalls sys, String id, CgroupManager cgroup, LongSupplier nanoClock) {
        this.sys = sys;
        this.id = id;
        this.cgroup = cgroup;
        this.nanoClock = nanoClock;
    }

    /** {"type":"stats","id":ID,"data":STATS}. */
    public static JsonValue statsEvent(String id, CgroupStats stats) {
        return Json.object().put("type", "stats").put("id", id).put("data", stats.toJson()).build();
    }

    /** {"type":"oom","id":ID}: data is omitempty and an OOM event has none. */
    public static JsonValue oomEvent(String id) {
        return Json.object().put("type", "oom").put("id", id).build();
    }

    /** One event as Go's json.Encoder writes it: compact, HTML-safe escapes, a newline. */
    public static String line(JsonValue event) {
        return Json.write(event) + "\n";
    }

    /** The stats event now; "unable to get container cgroup stats: ..." when they cannot be read. */
    public JsonValue statsNow() {
        try {
            return statsEvent(id, cgroup.stats());
        } catch (JruncException e) {
            throw new JruncException("unable to get container cgroup stats: " + e.getMessage(), e.errno(), e);
        }
    }

    /**
     * Watches until the cgroup is empty or gone: stats every {@code interval} (the first after one
     * interval, as Go's time.Tick), a stats failure only logged through {@code logError}, an oom
     * event as soon as a check sees the kill counter grow (also the kill that ended the container).
     */
    public void watch(Duration interval, Consumer<JsonValue> sink, Consumer<String> logError) {
        long step = Math.max(1, interval.toNanos());
        long next = nanoClock.getAsLong() + step;
        long kills = oomKills(0);
        while (true) {
            // emptiness first, then the counter: the kill that emptied the cgroup is counted by then
            boolean populated = populated();
            long now = oomKills(kills);
            if (now > kills) sink.accept(oomEvent(id));
            kills = now;
            if (!populated) return;
            long time = nanoClock.getAsLong();
            if (time - next >= 0) {
                try {
                    sink.accept(statsNow());
                } catch (JruncException e) {
                    logError.accept(e.getMessage());
                }
                next += step;
                if (next - time <= 0) next = time + step; // a slow round: no burst of catch-up events
            }
            long waitNanos = next - nanoClock.getAsLong();
            long waitMillis = Math.max(0, Math.min(CHECK_MILLIS, (waitNanos + 999_999) / 1_000_000));
            sys.poll(new int[0], new short[0], (int) waitMillis);
        }
    }

    /** The OOM kill count, or {@code otherwise} when it cannot be read (a cgroup being removed). */
    private long oomKills(long otherwise) {
        try {
            return cgroup.oomKillCount();
        } catch (JruncException e) {
            return otherwise;
        }
    }

    private boolean populated() {
        return cgroup.exists() && !cgroup.pids().isEmpty();
    }
}

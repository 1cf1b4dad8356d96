package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jrunc.json.Json;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateTest {

    private static final Instant CREATED = Instant.parse("2026-11-28T02:38:36.401087485Z");

    @Test
    void runcViewHasRuncsMembersInRuncsOrder() {
        State state = new State("1.3.0", "gtest", State.CREATED, 6796, "/tmp/b", "/tmp/b/rootfs", CREATED,
                Map.of("z.b", "1", "a.c", "x"), "");

        // captured from `runc state gtest` (runc 1.1.5), ociVersion aside
        assertNull(TestJson.difference(TestJson.parse("""
                {"ociVersion":"1.3.0","id":"gtest","pid":6796,"status":"created","bundle":"/tmp/b",
                 "rootfs":"/tmp/b/rootfs","created":"2026-11-28T02:38:36.401087485Z",
                 "annotations":{"a.c":"x","z.b":"1"},"owner":""}"""), state.toRuncJson()));
    }

    @Test
    void runcViewPrintsExactlyLikeRuncState() {
        State state = new State("1.0.2-dev", "gtest", State.CREATED, 6796, "/tmp/specgt", "/tmp/specgt/rootfs",
                CREATED, Map.of("z.b", "1", "a.c", "x<y"), "");

        // the bytes `runc state gtest` (runc 1.1.5) printed for this container
        String runcOutput = """
                {
                  "ociVersion": "1.0.2-dev",
                  "id": "gtest",
                  "pid": 6796,
                  "status": "created",
                  "bundle": "/tmp/specgt",
                  "rootfs": "/tmp/specgt/rootfs",
                  "created": "2026-11-28T02:38:36.401087485Z",
                  "annotations": {
                    "a.c": "x\\u003cy",
                    "z.b": "1"
                  },
                  "owner": ""
                }""";
        assertEquals(runcOutput, Json.writeIndented(state.toRuncJson(), "  "));
    }

    @Test
    void runcViewOfAStoppedContainerWithoutAnnotations() {
        State state = new State("1.3.0", "c", State.STOPPED, 0, "/b", "/b/rootfs", CREATED, Map.of(), "root");

        assertNull(TestJson.difference(TestJson.parse("""
                {"ociVersion":"1.3.0","id":"c","pid":0,"status":"stopped","bundle":"/b","rootfs":"/b/rootfs",
                 "created":"2026-11-28T02:38:36.401087485Z","owner":"root"}"""), state.toRuncJson()));
    }

    @Test
    void ociStateFollowsTheSpecAndLeavesOutPidZero() {
        State running = new State("1.3.0", "c", State.RUNNING, 42, "/b", "/b/rootfs", CREATED, Map.of("k", "v"), "");
        State stopped = new State("1.3.0", "c", State.STOPPED, 0, "/b", "/b/rootfs", CREATED, Map.of(), "");

        assertNull(TestJson.difference(TestJson.parse("""
                {"ociVersion":"1.3.0","id":"c","status":"running","pid":42,"bundle":"/b","annotations":{"k":"v"}}"""),
                running.toOciJson()));
        assertNull(TestJson.difference(TestJson.parse("""
                {"ociVersion":"1.3.0","id":"c","status":"stopped","bundle":"/b"}"""), stopped.toOciJson()));
    }

    @Test
    void createdIsFormattedLikeGosRfc3339Nano() {
        assertEquals("2026-11-28T02:38:36.401087485Z", State.rfc3339Nano(CREATED));
        assertEquals("2024-01-02T03:04:05.12Z", State.rfc3339Nano(Instant.parse("2024-01-02T03:04:05.120000000Z")));
        assertEquals("2024-01-02T03:04:05Z", State.rfc3339Nano(Instant.parse("2024-01-02T03:04:05Z")));
        assertEquals("0999-12-31T23:59:59.000000001Z", State.rfc3339Nano(Instant.parse("0999-12-31T23:59:59.000000001Z")));
    }
}

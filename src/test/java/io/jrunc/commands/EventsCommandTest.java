package io.jrunc.commands;

import io.jrunc.cli.CliHarness;
import io.jrunc.cli.Command;
import io.jrunc.container.ContainerRecord;
import io.jrunc.container.StateStore;
import io.jrunc.container.events.ContainerEvents;
import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import io.jrunc.json.JsonValue.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** events: runc's event objects, --stats printing one, and the watch loop's stats, oom and end. */
class EventsCommandTest {
    private static final List<Command> COMMANDS = List.of(new EventsCommand());

    private static void assertFails(CliHarness.Outcome o, String message) {
        assertEquals(1, o.status(), o.out());
        assertTrue(o.err().contains("msg=\"" + message + "\""), o.err());
    }

    @Test
    void statsPrintsOneStatsEventAndExits() {
        CgroupKernel k = CgroupKernel.v2(null);
        CliHarness.Outcome o = k.run(COMMANDS, "events", "--stats", "c1");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().endsWith("}\n") && o.out().indexOf('\n') == o.out().length() - 1, o.out());
        JsonObject event = (JsonObject) Json.parse(o.out());
        assertEquals(List.of("type", "id", "data"), List.copyOf(event.members().keySet()));
        assertEquals("stats", ((JsonValue.JsonString) event.get("type")).value());
        assertEquals("c1", ((JsonValue.JsonString) event.get("id")).value());
        JsonObject data = (JsonObject) event.get("data");
        assertEquals(List.of("cpu", "cpuset", "memory", "pids", "blkio", "hugetlb", "intel_rdt", "network_interfaces"),
                List.copyOf(data.members().keySet()));
        assertEquals("{\"current\":1}", Json.write(data.get("pids")));
        assertTrue(Json.write(data.get("cpu")).contains("\"total\":1500000"), Json.write(data.get("cpu")));
    }

    @Test
    void aStoppedContainerHasNoEvents() {
        CgroupKernel k = CgroupKernel.v2(null).stopInit();
        assertFails(k.run(COMMANDS, "events", "--stats", "c1"), "container with id c1 is not running");
    }

    @Test
    void theIntervalMustBePositive() {
        CgroupKernel k = CgroupKernel.v2(null);
        assertFails(k.run(COMMANDS, "events", "--interval", "0s", "c1"), "duration interval must be greater than 0");
        assertFails(k.run(COMMANDS, "events", "--interval=-1s", "c1"), "duration interval must be greater than 0");
    }

    @Test
    void anOomEventHasNoData() {
        assertEquals("{\"type\":\"oom\",\"id\":\"c1\"}\n", ContainerEvents.line(ContainerEvents.oomEvent("c1")));
    }

    @Test
    void watchPrintsStatsEachIntervalAndOomKillsUntilTheCgroupEmpties() {
        CgroupKernel k = CgroupKernel.v2(null);
        long[] millis = {0};
        k.onPoll = timeout -> {
            millis[0] += timeout;
            if (millis[0] == 1500) k.file(k.cg("") + "/memory.events", "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
            if (millis[0] == 2500) k.procs();
        };
        ContainerRecord record = new StateStore(k, CgroupKernel.ROOT).load("c1");
        ContainerEvents events = new ContainerEvents(k, "c1", record.cgroupManager(k), () -> millis[0] * 1_000_000);
        List<String> seen = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        events.watch(Duration.ofSeconds(1), e -> seen.add(millis[0] + " " + Json.write(((JsonObject) e).get("type"))),
                errors::add);
        assertEquals(List.of("1000 \"stats\"", "1500 \"oom\"", "2000 \"stats\""), seen);
        assertEquals(List.of(), errors);
        assertTrue(k.calls("poll(").stream().allMatch(c -> c.equals("poll([], [], 100)")), k.calls("poll(").toString());
    }

    @Test
    void aStatsFailureIsLoggedAndWatchingGoesOn() {
        CgroupKernel k = CgroupKernel.v2(null);
        k.unlinkat(io.jrunc.sys.Linux.AT_FDCWD, k.cg("") + "/pids.max", 0);
        long[] millis = {0};
        k.onPoll = timeout -> {
            millis[0] += timeout;
            if (millis[0] == 700) k.procs();
        };
        ContainerRecord record = new StateStore(k, CgroupKernel.ROOT).load("c1");
        List<String> errors = new ArrayList<>();
        new ContainerEvents(k, "c1", record.cgroupManager(k), () -> millis[0] * 1_000_000)
                .watch(Duration.ofMillis(250), e -> { throw new AssertionError("no event expected: " + e); }, errors::add);
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("unable to get container cgroup stats: "), errors.get(0));
        assertEquals(List.of("poll([], [], 100)", "poll([], [], 100)", "poll([], [], 50)", "poll([], [], 100)",
                "poll([], [], 100)", "poll([], [], 50)", "poll([], [], 100)", "poll([], [], 100)"), k.calls("poll("));
    }
}

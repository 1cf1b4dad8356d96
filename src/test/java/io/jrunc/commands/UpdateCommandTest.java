package io.jrunc.commands;

import io.jrunc.JruncException;
import io.jrunc.cli.CliHarness;
import io.jrunc.cli.Command;
import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import io.jrunc.spec.Resources;
import io.jrunc.spec.SpecParser;
import io.jrunc.spec.SpecWriter;
import io.jrunc.sys.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** update: runc's flag parsing, the merge onto the saved resources, the cgroup writes and what is saved. */
class UpdateCommandTest {
    private static final List<Command> COMMANDS = List.of(new UpdateCommand());

    /** linux.resources as saved in state.json now, compact. */
    private static String savedResources(CgroupKernel k) {
        JsonValue state = Json.parse(k.stateJson());
        JsonValue.JsonObject config = (JsonValue.JsonObject) ((JsonValue.JsonObject) state).get("config");
        return Json.write(((JsonValue.JsonObject) config.get("linux")).get("resources"));
    }

    private static void assertFails(CliHarness.Outcome o, String message) {
        assertEquals(1, o.status(), o.out());
        assertTrue(o.err().contains("msg=\"" + message.replace("\"", "\\\"") + "\""), o.err());
    }

    private static Resources parse(String json) {
        return SpecParser.parseResources(Json.parse(json));
    }

    private static String write(Resources r) {
        return Json.write(SpecWriter.resourcesToJson(r));
    }

    @Test
    void flagsAreWrittenToTheCgroupAndSaved() {
        CgroupKernel k = CgroupKernel.v1("{\"pids\":{\"limit\":100}}");
        CliHarness.Outcome o = k.run(COMMANDS, "update", "--memory", "512m", "--memory-swap", "1G", "--cpu-quota", "50000",
                "--cpu-period", "200000", "--cpu-share", "512", "--pids-limit", "20", "--cpuset-cpus", "0-1",
                "--blkio-weight", "300", "--memory-reservation", "256MiB", "c1");
        assertEquals(0, o.status(), o.err());
        assertEquals("", o.out());
        assertEquals("536870912", k.value("memory", "memory.limit_in_bytes"));
        assertEquals("1073741824", k.value("memory", "memory.memsw.limit_in_bytes"));
        assertEquals("268435456", k.value("memory", "memory.soft_limit_in_bytes"));
        assertEquals("50000", k.value("cpu", "cpu.cfs_quota_us"));
        assertEquals("200000", k.value("cpu", "cpu.cfs_period_us"));
        assertEquals("512", k.value("cpu", "cpu.shares"));
        assertEquals("20", k.value("pids", "pids.max"));
        assertEquals("0-1", k.value("cpuset", "cpuset.cpus"));
        assertEquals("300", k.value("blkio", "blkio.weight"));
        assertFalse(k.cgroupWrites().stream().anyMatch(w -> w.startsWith("devices/")), "devices stay as they are");
        assertEquals("{\"memory\":{\"limit\":536870912,\"reservation\":268435456,\"swap\":1073741824},"
                + "\"cpu\":{\"shares\":512,\"quota\":50000,\"period\":200000,\"cpus\":\"0-1\"},"
                + "\"pids\":{\"limit\":20},\"blockIO\":{\"weight\":300}}", savedResources(k));
    }

    @Test
    void aLaterUpdateMergesOntoTheSavedResources() {
        CgroupKernel k = CgroupKernel.v1(null);
        assertEquals(0, k.run(COMMANDS, "update", "--memory", "64m", "--memory-swap", "128m", "--pids-limit", "7", "c1").status());
        k.clearCalls();
        CliHarness.Outcome o = k.run(COMMANDS, "update", "--memory", "96m", "c1");
        assertEquals(0, o.status(), o.err());
        assertEquals(String.valueOf(96 << 20), k.value("memory", "memory.limit_in_bytes"));
        assertEquals(String.valueOf(128 << 20), k.value("memory", "memory.memsw.limit_in_bytes"));
        assertTrue(savedResources(k).contains("\"pids\":{\"limit\":7}"), savedResources(k));
        assertTrue(savedResources(k).contains("\"swap\":134217728"), savedResources(k));
    }

    @Test
    void dockersResourcesDocumentOnStdinIsApplied() {
        CgroupKernel k = CgroupKernel.v2("{\"memory\":{\"limit\":104857600}}");
        String doc = "{\"memory\":{\"limit\":209715200,\"swap\":419430400},"
                + "\"cpu\":{\"shares\":0,\"quota\":25000,\"period\":100000,\"cpus\":\"\",\"mems\":\"\"},"
                + "\"blockIO\":{\"weight\":0},\"pids\":{\"limit\":50}}";
        k.willReturn("read(0, ", doc.getBytes(StandardCharsets.UTF_8));
        CliHarness.Outcome o = k.run(COMMANDS, "update", "--memory", "1g", "--resources=-", "c1"); // as containerd calls it
        assertEquals(0, o.status(), o.err());
        assertEquals("209715200", k.value("", "memory.max"), "the document wins: other flags are ignored");
        assertEquals("209715200", k.value("", "memory.swap.max"), "v2 swap is memory+swap minus memory");
        assertEquals("25000 100000", k.value("", "cpu.max"));
        assertEquals("50", k.value("", "pids.max"));
    }

    @Test
    void aResourcesFileIsReadToo() {
        CgroupKernel k = CgroupKernel.v1(null);
        k.file("/tmp/r.json", "{\"pids\":{\"limit\":3}}");
        assertEquals(0, k.run(COMMANDS, "update", "--resources", "/tmp/r.json", "c1").status());
        assertEquals("3", k.value("pids", "pids.max"));
        assertFails(k.run(COMMANDS, "update", "-r", "/tmp/nosuch.json", "c1"),
                "open /tmp/nosuch.json: no such file or directory");
    }

    @Test
    void anEmptyDocumentIsGosEof() {
        CgroupKernel k = CgroupKernel.v1(null);
        CliHarness.Outcome o = k.run(COMMANDS, "update", "-r=-", "c1");
        assertEquals(1, o.status());
        assertTrue(o.err().contains("level=error msg=EOF\n"), o.err());
    }

    @Test
    void badFlagValuesGiveRuncsErrors() {
        CgroupKernel k = CgroupKernel.v1(null);
        assertFails(k.run(COMMANDS, "update", "--memory", "12x", "c1"), "invalid value for memory: invalid size: '12x'");
        assertFails(k.run(COMMANDS, "update", "--cpu-period=-5", "c1"),
                "invalid value for cpu-period: strconv.ParseUint: parsing \"-5\": invalid syntax");
        assertFails(k.run(COMMANDS, "update", "--cpu-quota", "99999999999999999999", "c1"),
                "invalid value for cpu-quota: strconv.ParseInt: parsing \"99999999999999999999\": value out of range");
        assertFails(k.run(COMMANDS, "update", "--cpu-idle", "x", "c1"),
                "invalid value for cpu-idle: strconv.ParseInt: parsing \"x\": invalid syntax");
        assertFails(k.run(COMMANDS, "update", "--l3-cache-schema", "L3:0=f", "c1"), "Intel RDT/CAT: l3 cache schema is not enabled");
        assertFails(k.run(COMMANDS, "update", "--mem-bw-schema", "MB:0=70", "c1"),
                "Intel RDT/MBA: memory bandwidth schema is not enabled");
        assertEquals(List.of(), k.cgroupWrites());
    }

    @Test
    void aStoppedContainerIsNotRunning() {
        CgroupKernel k = CgroupKernel.v1(null).stopInit();
        assertFails(k.run(COMMANDS, "update", "--memory", "1g", "c1"), "container not running");
    }

    @Test
    void kernelMemoryIsIgnoredWithAWarning() {
        CgroupKernel k = CgroupKernel.v1(null);
        CliHarness.Outcome o = k.run(COMMANDS, "update", "--kernel-memory", "100m", "c1");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.err().contains("level=warning msg=\"Kernel memory settings are ignored and will be removed\""), o.err());
        assertFalse(savedResources(k).contains("kernel"), savedResources(k));
    }

    @Test
    void aRefusedUpdateIsRolledBackAndNotSaved() {
        CgroupKernel k = CgroupKernel.v1("{\"memory\":{\"limit\":1048576}}");
        String before = k.stateJson();
        k.failWhen(c -> c.startsWith("openat(AT_FDCWD, \"/sys/fs/cgroup/memory/c1/memory.limit_in_bytes\""), Errno.EACCES);
        CliHarness.Outcome o = k.run(COMMANDS, "update", "--memory", "2m", "c1");
        assertFails(o, "openat2 /sys/fs/cgroup/memory/c1/memory.limit_in_bytes: permission denied");
        assertTrue(o.err().contains("level=warning msg=\"Setting back cgroup configs failed due to error: openat2 "
                + "/sys/fs/cgroup/memory/c1/memory.limit_in_bytes: permission denied, your state.json and actual configs "
                + "might be inconsistent.\""), o.err());
        assertEquals(before, k.stateJson());
    }

    // ---- the merge on its own ----

    @Test
    void mergeKeepsWhatIsNotAskedForAndReplacesWhatIs() {
        Resources current = parse("{\"devices\":[{\"allow\":false,\"access\":\"rwm\"}],"
                + "\"memory\":{\"limit\":100,\"swap\":200,\"swappiness\":10},"
                + "\"cpu\":{\"shares\":2,\"quota\":1000,\"period\":10000,\"burst\":5,\"idle\":0,\"cpus\":\"1\"},"
                + "\"pids\":{\"limit\":5},\"hugepageLimits\":[{\"pageSize\":\"2MB\",\"limit\":0}],"
                + "\"unified\":{\"memory.high\":\"50\"}}");
        Resources merged = ResourceUpdate.merge(current, parse("{\"memory\":{\"reservation\":7},\"cpu\":{\"quota\":3000}}"));
        assertEquals("{\"devices\":[{\"allow\":false,\"access\":\"rwm\"}],"
                + "\"memory\":{\"limit\":100,\"reservation\":7,\"swap\":200,\"swappiness\":10},"
                + "\"cpu\":{\"shares\":2,\"quota\":3000,\"period\":10000,\"cpus\":\"1\"},"
                + "\"pids\":{\"limit\":5},\"hugepageLimits\":[{\"pageSize\":\"2MB\",\"limit\":0}]}", write(merged),
                "burst and idle are the call's (none), unified the document's (none)");
    }

    @Test
    void unlimitedMemoryWithoutSwapDropsTheSwapLimit() {
        Resources current = parse("{\"memory\":{\"limit\":100,\"swap\":200}}");
        assertEquals("{\"memory\":{\"limit\":-1}}", write(ResourceUpdate.merge(current, parse("{\"memory\":{\"limit\":-1}}"))));
        assertEquals("{\"memory\":{\"limit\":-1,\"swap\":-1}}",
                write(ResourceUpdate.merge(current, parse("{\"memory\":{\"limit\":-1,\"swap\":-1}}"))));
    }

    @Test
    void idleWithoutSharesDoesNotRewriteTheOldShares() {
        Resources current = parse("{\"cpu\":{\"shares\":1024}}");
        assertEquals("{\"cpu\":{\"idle\":1}}", write(ResourceUpdate.merge(current, parse("{\"cpu\":{\"idle\":1}}"))));
    }

    @Test
    void weightAndThrottleDevicesAreUpdatedByMajorMinorOrAdded() {
        Resources current = parse("{\"blockIO\":{\"weight\":100,\"weightDevice\":[{\"major\":8,\"minor\":0,\"weight\":10,"
                + "\"leafWeight\":20}],\"throttleReadBpsDevice\":[{\"major\":8,\"minor\":0,\"rate\":1}]}}");
        Resources merged = ResourceUpdate.merge(current, parse("{\"blockIO\":{\"weightDevice\":[{\"major\":8,\"minor\":0,"
                + "\"weight\":30},{\"major\":8,\"minor\":16,\"weight\":40}],\"throttleReadBpsDevice\":[{\"major\":8,"
                + "\"minor\":0,\"rate\":2},{\"major\":9,\"minor\":1,\"rate\":3}]}}"));
        assertEquals("{\"blockIO\":{\"weight\":100,\"weightDevice\":[{\"major\":8,\"minor\":0,\"weight\":30,\"leafWeight\":20},"
                + "{\"major\":8,\"minor\":16,\"weight\":40}],\"throttleReadBpsDevice\":[{\"major\":8,\"minor\":0,\"rate\":2},"
                + "{\"major\":9,\"minor\":1,\"rate\":3}]}}", write(merged));
    }

    @Test
    void unifiedIsReplacedByTheDocuments() {
        Resources current = parse("{\"unified\":{\"memory.high\":\"50\"}}");
        assertEquals("{\"unified\":{\"pids.max\":\"9\"}}",
                write(ResourceUpdate.merge(current, parse("{\"unified\":{\"pids.max\":\"9\"}}"))));
    }

    @Test
    void nothingAskedOfNothingStaysNothing() {
        assertEquals("{}", write(ResourceUpdate.merge(Resources.EMPTY, ResourceUpdate.fromDocument("{}".getBytes()))));
        assertEquals("{}", write(ResourceUpdate.merge(Resources.EMPTY, ResourceUpdate.fromDocument("null".getBytes()))));
    }

    @ParameterizedTest
    @CsvSource({
        "512m, 536870912", "512M, 536870912", "1.5g, 1610612736", "100 KiB, 102400", "10, 10", "7b, 7",
        "2t, 2199023255552", "1p, 1125899906842624", "1.9, 1", "0.5k, 512", "3MB, 3145728",
    })
    void ramInBytesIsDockersUnitsParser(String text, long bytes) {
        assertEquals(bytes, ResourceUpdate.ramInBytes(text));
    }

    @ParameterizedTest
    @CsvSource({
        "-2, invalid size: '-2'", "12x, invalid size: '12x'", "'', invalid size: ''", "1  m, invalid size: '1  m'",
        "1.2.3, strconv.ParseFloat: parsing \"1.2.3\": invalid syntax",
    })
    void ramInBytesRefusesWhatDockerRefuses(String text, String message) {
        assertEquals(message, assertThrows(JruncException.class, () -> ResourceUpdate.ramInBytes(text)).getMessage());
    }

    @Test
    void blkioWeightKeepsGosUint16Conversion() {
        CgroupKernel k = CgroupKernel.v1(null);
        assertEquals(0, k.run(COMMANDS, "update", "--blkio-weight", "65836", "c1").status());
        assertEquals("300", k.value("blkio", "blkio.weight"));
    }
}

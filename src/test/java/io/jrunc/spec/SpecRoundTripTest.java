package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jrunc.json.JsonValue;
import io.jrunc.json.JsonValue.JsonNumber;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecRoundTripTest {

    private static final JsonValue RICH = TestJson.resource("rich-config.json");

    @Test
    void richConfigIsWrittenBackMemberForMember() {
        Spec spec = SpecParser.parse(RICH);

        // the resource is written in Go's member order with no omitted-when-empty values,
        // so writing the model must give the very same document
        assertNull(TestJson.difference(RICH, SpecWriter.toJson(spec)));
    }

    @Test
    void parsingWhatWasWrittenGivesTheSameSpec() {
        Spec spec = SpecParser.parse(RICH);
        assertEquals(spec, SpecParser.parse(SpecWriter.toJson(spec)));

        for (Spec defaults : List.of(
                DefaultSpec.create(false, 0, 0, true),
                DefaultSpec.create(true, 1000, 1000, true),
                DefaultSpec.create(false, 0, 0, false))) {
            assertEquals(defaults, SpecParser.parse(SpecWriter.toJson(defaults)));
        }
    }

    @Test
    void richConfigValuesLandInTheRightFields() {
        Spec spec = SpecParser.parse(RICH);

        assertEquals(4294967295L, spec.process().user().uid());
        assertEquals(18L, spec.process().user().umask());
        assertEquals("IOPRIO_CLASS_RT", spec.process().ioPriority().ioClass());
        assertEquals("4", spec.process().execCPUAffinity().finalAffinity());
        assertEquals(-1000, spec.process().oomScoreAdj());
        assertEquals("/var/run/netns/x", spec.linux().namespace("network").path());
        assertNull(spec.linux().namespace("pid").path());
        assertEquals("ctr1", spec.linux().netDevices().get("eth1").name());
        assertNull(spec.linux().netDevices().get("eth2").name());
        assertEquals(new Linux.TimeOffset(-5, 1), spec.linux().timeOffsets().get("boottime"));
        assertEquals(Boolean.FALSE, spec.linux().resources().memory().disableOOMKiller());
        assertEquals(Integer.valueOf(0), spec.linux().resources().blockIO().weightDevice().get(0).leafWeight());
        assertEquals(2, spec.hooks().poststop().size());
        assertNull(spec.hooks().poststop().get(1).timeout());
        assertEquals(List.of("MPOL_F_STATIC_NODES"), spec.linux().memoryPolicy().flags());
    }

    @Test
    void uint64MaximumSurvivesEveryUnsignedField() {
        Spec spec = SpecParser.parse(RICH);

        assertEquals("18446744073709551615", Long.toUnsignedString(spec.process().rlimits().get(0).hard()));
        assertEquals(-1L, spec.process().scheduler().runtime());
        assertEquals(-1L, spec.linux().resources().cpu().shares());
        assertEquals(-1L, spec.linux().resources().memory().swappiness());
        assertEquals(-1L, spec.linux().resources().hugepageLimits().get(0).limit());
        assertEquals(-1L, spec.linux().resources().blockIO().throttleReadBpsDevice().get(0).rate());
        Seccomp.Arg arg = spec.linux().seccomp().syscalls().get(1).args().get(0);
        assertEquals(-1L, arg.value());
        assertEquals(-1L, arg.valueTwo());

        JsonValue written = SpecWriter.toJson(spec);
        assertNull(TestJson.difference(
                new JsonNumber(new BigDecimal("18446744073709551615")),
                get(written, "process", "rlimits", 0, "hard")));
    }

    @Test
    void omitEmptyMembersAreLeftOutLikeRuncDoes() {
        JsonValue minimal = TestJson.parse("""
                {"ociVersion":"1.3.0","process":{"terminal":false,"user":{"uid":0,"gid":0},"args":[],"cwd":"/",
                 "noNewPrivileges":false,"capabilities":{}},"root":{"path":"rootfs","readonly":false},
                 "hostname":"","mounts":[],"annotations":{},"linux":{"namespaces":[],"maskedPaths":[]}}""");

        Spec spec = SpecParser.parse(minimal);

        assertNull(spec.hostname());
        assertEquals(List.of(), spec.mounts());
        assertNull(TestJson.difference(TestJson.parse("""
                {"ociVersion":"1.3.0","process":{"user":{"uid":0,"gid":0},"cwd":"/","capabilities":{}},
                 "root":{"path":"rootfs"},"linux":{}}"""), SpecWriter.toJson(spec)));
    }

    private static JsonValue get(JsonValue node, Object... steps) {
        for (Object step : steps) {
            node = step instanceof Integer i
                    ? ((JsonValue.JsonArray) node).elements().get(i)
                    : ((JsonValue.JsonObject) node).get((String) step);
        }
        return node;
    }
}

package io.jrunc.cgroups;

import io.jrunc.JruncException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jrunc.cgroups.CgroupDeviceRule.WILDCARD;
import static io.jrunc.cgroups.CgroupV2ResourcesTest.resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The device rules from the config, and the v1 devices emulator runc uses to apply them. */
class CgroupDeviceRulesTest {

    private static CgroupDeviceRule rule(String line, boolean allow) {
        String[] f = line.split("[ :]");
        return new CgroupDeviceRule(f[0].charAt(0), f[1].equals("*") ? WILDCARD : Long.parseLong(f[1]),
                f[2].equals("*") ? WILDCARD : Long.parseLong(f[2]), f[3], allow);
    }

    private static List<String> lines(List<CgroupDeviceRule> rules) {
        return rules.stream().map(r -> (r.allow() ? "allow " : "deny ") + r.cgroupString()).toList();
    }

    @Test
    void specRulesDefaultToAllTypesAndWildcardNumbers() {
        List<CgroupDeviceRule> rules = CgroupDeviceRule.fromSpec(resources("""
                {"devices": [{"allow": false, "access": "rwm"},
                             {"allow": true, "type": "b", "major": 8, "access": "r"}]}""").devices());
        assertEquals(List.of(new CgroupDeviceRule('a', WILDCARD, WILDCARD, "rwm", false),
                new CgroupDeviceRule('b', 8, WILDCARD, "r", true)), rules);
        assertEquals("b 8:* r", rules.get(1).cgroupString());
    }

    @Test
    void specRulesWithoutAccessAreRefusedLikeRunc() {
        JruncException e = assertThrows(JruncException.class, () -> CgroupDeviceRule.fromSpec(resources("""
                {"devices": [{"allow": true, "access": "r"}, {"allow": true, "type": "c"}]}""").devices()));
        assertEquals("device access at 1 field cannot be empty", e.getMessage());
    }

    @Test
    void containerRulesEndWithRuncsDefaultsUnlessTheConfigHasTheDevice() {
        List<CgroupDeviceRule> rules = CgroupDeviceRule.forContainer(List.of(), List.of("/dev/null"));
        assertEquals(10, rules.size());
        assertFalse(rules.contains(new CgroupDeviceRule('c', 1, 3, "rwm", true)));
        assertEquals(11, CgroupDeviceRule.forContainer(List.of(), List.of()).size());
    }

    @Test
    void aFreshCgroupGoesToAWhiteListWithOneDenyAll() {
        DeviceEmulator fresh = DeviceEmulator.fromList("a *:* rwm\n");
        DeviceEmulator target = DeviceEmulator.of(List.of(rule("c 1:3 rwm", true), rule("c 1:5 rw", true)));
        assertEquals(List.of("deny a *:* rwm", "allow c 1:3 rwm", "allow c 1:5 rw"), lines(fresh.transition(target)));
    }

    @Test
    void updatesOnlyWriteTheDifference() {
        DeviceEmulator now = DeviceEmulator.fromList("c 1:3 rwm\nc 1:5 rwm\nc 136:* rwm\n");
        DeviceEmulator target = DeviceEmulator.of(List.of(rule("c 1:3 rwm", true), rule("c 1:5 r", true),
                rule("c 1:9 rwm", true)));
        assertEquals(List.of("deny c 1:5 wm", "deny c 136:* rwm", "allow c 1:9 rwm"), lines(now.transition(target)));
    }

    @Test
    void aBlackListTargetStartsFromAllowAll() {
        DeviceEmulator now = DeviceEmulator.fromList("c 1:3 rwm\n");
        DeviceEmulator target = DeviceEmulator.of(List.of(rule("a *:* rwm", true), rule("b 8:0 rwm", false)));
        assertTrue(target.isBlacklist());
        assertEquals(List.of("allow a *:* rwm", "deny b 8:0 rwm"), lines(now.transition(target)));
    }

    @Test
    void laterRulesOverrideEarlierOnes() {
        DeviceEmulator e = DeviceEmulator.of(List.of(rule("c 1:3 rwm", true), rule("c 1:3 w", false),
                rule("a *:* rwm", false), rule("c 4:1 r", true)));
        assertEquals(List.of("allow c 4:1 r"), lines(e.cleanRules()));
    }

    @Test
    void punchingAHoleIntoAWildcardIsRefused() {
        JruncException e = assertThrows(JruncException.class, () -> DeviceEmulator.of(List.of(
                rule("c 136:* rwm", true), rule("c 136:2 w", false))));
        assertEquals("requested rule [c 136:2 w] not supported by devices cgroupv1 "
                + "(cannot punch hole in existing wildcard rule [c 136:* rwm])", e.getMessage());
    }

    @Test
    void devicesListLinesAreParsedStrictly() {
        JruncException e = assertThrows(JruncException.class, () -> DeviceEmulator.fromList("c 1:3\n"));
        assertEquals("malformed devices.list rule c 1:3", e.getMessage());
    }
}

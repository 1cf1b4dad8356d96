package io.jrunc.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.cli.CliHarness;
import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import io.jrunc.sys.Errno;
import io.jrunc.sys.Linux;
import io.jrunc.sys.RecordingSyscalls;
import io.jrunc.sys.Syscalls;
import org.junit.jupiter.api.Test;

class SpecCommandTest {

    private final CliHarness cli = new CliHarness(Commands.all());

    @Test
    void writesATabIndentedConfigIntoTheBundle() {
        cli.sys().dir("/bundle");
        CliHarness.Outcome o = cli.run("spec", "--bundle", "/bundle");
        assertEquals(0, o.status(), o.err());
        assertEquals("", o.out());
        String config = cli.sys().text("/bundle/config.json");
        assertTrue(config.startsWith("{\n\t\"ociVersion\": \"1.3.0\",\n"), config);
        assertFalse(config.endsWith("\n"), "runc writes no final newline");
        JsonValue.JsonObject doc = (JsonValue.JsonObject) Json.parse(config);
        assertEquals("rootfs", ((JsonValue.JsonString) ((JsonValue.JsonObject) doc.get("root")).get("path")).value());
    }

    @Test
    void refusesToOverwriteAnExistingConfig() {
        cli.sys().file("/bundle/config.json", "{}");
        CliHarness.Outcome o = cli.run("spec", "-b", "/bundle");
        assertEquals(1, o.status());
        assertTrue(o.err().endsWith("msg=\"File config.json exists. Remove it first\"\n"), o.err());
        assertEquals("{}", cli.sys().text("/bundle/config.json"));
    }

    @Test
    void aMissingBundleIsReportedAsRuncsChdirError() {
        cli.sys().failWhen("openat(AT_FDCWD, \"/nowhere\"", Errno.ENOENT);
        CliHarness.Outcome o = cli.run("spec", "-b", "/nowhere");
        assertEquals(1, o.status());
        assertTrue(o.err().endsWith("msg=\"chdir /nowhere: no such file or directory\"\n"), o.err());
    }

    @Test
    void rootlessVariantMapsTheCallersIds() {
        cli.sys().ids(1000, 1001).dir("/b");
        assertEquals(0, cli.run("spec", "--rootless", "--bundle", "/b").status());
        String config = cli.sys().text("/b/config.json");
        assertTrue(config.contains("\"uidMappings\""), config);
        assertTrue(config.contains("\"hostID\": 1000"), config);
        assertTrue(config.contains("\"hostID\": 1001"), config);
    }

    @Test
    void cgroupV2HostsGetACgroupNamespace() {
        cli.sys().dir("/b").willReturn("statfs(\"/sys/fs/cgroup\")",
                new Syscalls.Statfs(Linux.CGROUP2_SUPER_MAGIC, 4096, 0));
        cli.run("spec", "-b", "/b");
        assertTrue(cli.sys().text("/b/config.json").contains("\"type\": \"cgroup\""));
    }

    @Test
    void withoutABundleItWritesIntoTheWorkingDirectory() {
        RecordingSyscalls sys = cli.sys();
        assertEquals(0, cli.run("spec").status());
        assertTrue(sys.calls("openat(").stream().anyMatch(c -> c.startsWith("openat(AT_FDCWD, \"config.json\"")),
                sys.calls().toString());
    }
}

package io.jrunc.nativetests;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** scripts/make-bundle.sh makes a bundle the binary runs, and can be run again over it. */
@Tag("root")
@DisplayName("scripts/make-bundle.sh")
class MakeBundleScriptTest extends NativeTest {

    private static Path script() {
        Path s = Path.of(System.getProperty("jrunc.scripts", "../scripts")).resolve("make-bundle.sh").toAbsolutePath().normalize();
        assumeTrue(Files.isExecutable(s), "no executable " + s);
        return s;
    }

    private Jrunc.Result make(Path dir, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("env", "RUNTIME=" + Jrunc.binary(), script().toString(),
                dir.toString(), "--"));
        cmd.addAll(List.of(args));
        return Jrunc.exec(cmd, null);
    }

    @Test
    @DisplayName("makes rootfs (busybox, applet links, /bin/sh, dirs, passwd/group) and config.json (terminal false, args)")
    @SuppressWarnings("unchecked")
    void makesARunnableBundle() throws Exception {
        Jrunc.assumeRoot();
        Path dir = tmp.resolve("made");
        make(dir, "sh", "-c", "echo \"made \\\"it\\\"\"; exit 7").assertSuccess();
        Path rootfs = dir.resolve("rootfs");
        assertTrue(Files.isExecutable(rootfs.resolve("bin/busybox")));
        assertEquals(Path.of("busybox"), Files.readSymbolicLink(rootfs.resolve("bin/sh")));
        assertEquals(Path.of("busybox"), Files.readSymbolicLink(rootfs.resolve("bin/ls")));
        for (String d : List.of("proc", "sys", "dev", "tmp", "etc", "root")) {
            assertTrue(Files.isDirectory(rootfs.resolve(d), LinkOption.NOFOLLOW_LINKS), d);
        }
        assertTrue(Files.readString(rootfs.resolve("etc/passwd")).startsWith("root:x:0:0:"));
        assertTrue(Files.readString(rootfs.resolve("etc/group")).startsWith("root:x:0:"));
        Map<String, Object> config = Json.parseObject(Files.readString(dir.resolve("config.json")));
        Map<String, Object> process = (Map<String, Object>) config.get("process");
        assertEquals(false, process.get("terminal"));
        assertEquals(List.of("sh", "-c", "echo \"made \\\"it\\\"\"; exit 7"), process.get("args"));

        Container c = track(new Container(root, null, Container.newId("script")));
        try (c) {
            Jrunc.Result r = c.cmd("run", "--bundle", dir.toString(), c.id());
            assertEquals(7, r.exitCode(), r.toString());
            assertEquals("made \"it\"\n", r.stdout());
        }

        // again over the same dir: new args, same rootfs
        long before = Files.getLastModifiedTime(rootfs.resolve("bin/busybox")).toMillis();
        make(dir, "true").assertSuccess();
        Map<String, Object> again = Json.parseObject(Files.readString(dir.resolve("config.json")));
        assertEquals(List.of("true"), ((Map<String, Object>) again.get("process")).get("args"));
        assertEquals(before, Files.getLastModifiedTime(rootfs.resolve("bin/busybox")).toMillis(), "busybox not copied again");
    }
}

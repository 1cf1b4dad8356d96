package io.jrunc.nativetests;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mounts, masked and read-only paths, the root's read-only flag and devices, as seen from inside the container. */
@Tag("root")
@DisplayName("Filesystem: mounts and options, masked/readonly paths, devices")
class MountTest extends NativeTest {
    private static final String MARK = "----mountinfo----";

    /** Runs SCRIPT; returns its output before the mountinfo and the mountinfo it printed after it. */
    private record Seen(List<String> out, List<Mounts.Mount> mounts) {}

    private Seen runAndReadMountinfo(Bundle b, String script) {
        b.sh(script + "; echo " + MARK + "; cat /proc/self/mountinfo");
        String out = container(b).run().assertSuccess().stdout();
        int at = out.indexOf(MARK + "\n");
        assertTrue(at >= 0, "no mountinfo in output: " + out);
        return new Seen(out.substring(0, at).lines().toList(), Mounts.parse(out.substring(at + MARK.length() + 1)));
    }

    private static Mounts.Mount mountAt(Seen seen, String mountPoint) {
        return Mounts.at(seen.mounts(), mountPoint)
                .orElseThrow(() -> new AssertionError("no mount at " + mountPoint + " in " + seen.mounts()));
    }

    @Test
    @DisplayName("a mount destination behind a symlink out of the rootfs lands inside the rootfs, never on the host")
    void symlinkedDestinationStaysInsideTheRootfs() throws java.io.IOException {
        Path hostDir = Files.createDirectories(tmp.resolve("host-dir"));
        Bundle b = bundle();
        // an absolute link: followed naively it would lead to the host's directory
        Files.createSymbolicLink(b.rootfs().resolve("escape"), hostDir);
        b.mount("/escape/sub", "tmpfs", "tmpfs", "size=1m");
        Seen seen = runAndReadMountinfo(b, "echo inside > /escape/sub/f && cat /escape/sub/f");

        assertEquals(List.of("inside"), seen.out());
        assertEquals("tmpfs", mountAt(seen, hostDir + "/sub").fsType(), "the link is resolved within the container's root");
        assertFalse(Files.exists(hostDir.resolve("sub"), LinkOption.NOFOLLOW_LINKS), "nothing was created on the host");
        assertEquals(List.of(), Mounts.hostLinesMentioning(hostDir.toString()), "nothing is mounted on the host");
    }

    @Test
    @DisplayName("proc at /proc with nosuid,nodev,noexec; tmpfs with size/mode; the read-only root is mounted ro")
    @SuppressWarnings("unchecked")
    void procTmpfsAndReadonlyRoot() {
        Bundle b = bundle();
        for (Object m : Json.arr(b.config(), "mounts")) {
            Map<String, Object> mount = (Map<String, Object>) m;
            if ("/proc".equals(mount.get("destination"))) mount.put("options", Json.list("nosuid", "nodev", "noexec"));
        }
        b.mount("/scratch", "tmpfs", "tmpfs", "nosuid", "nodev", "mode=1770", "size=1m");
        assertEquals(true, ((Map<String, Object>) b.config().get("root")).get("readonly"), "spec's root is read-only");
        Seen seen = runAndReadMountinfo(b, "{ touch /newfile; } 2>&1; echo ok > /scratch/f && cat /scratch/f");

        Mounts.Mount proc = mountAt(seen, "/proc");
        assertEquals("proc", proc.fsType());
        assertTrue(proc.options().containsAll(List.of("nosuid", "nodev", "noexec")), proc.line());

        Mounts.Mount scratch = mountAt(seen, "/scratch");
        assertEquals("tmpfs", scratch.fsType());
        assertTrue(scratch.options().containsAll(List.of("nosuid", "nodev", "rw")), scratch.line());
        assertTrue(scratch.superOptions().containsAll(List.of("size=1024k", "mode=1770")), scratch.line());

        Mounts.Mount slash = mountAt(seen, "/");
        assertTrue(slash.options().contains("ro"), "root.readonly: / is mounted ro: " + slash.line());
        assertTrue(seen.out().get(0).contains("Read-only file system"), "touch /newfile: " + seen.out());
        assertEquals("ok", seen.out().get(1), "the tmpfs is writable");
        assertFalse(Files.exists(b.rootfs().resolve("newfile"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    @DisplayName("bind mounts: 'rbind,ro' is read-only inside; 'rbind,rw' writes reach the host directory")
    void bindMounts() throws Exception {
        Path ro = Files.createDirectories(tmp.resolve("data-ro"));
        Files.writeString(ro.resolve("hello.txt"), "hello from the host\n");
        Path rw = Files.createDirectories(tmp.resolve("data-rw"));
        Bundle b = bundle()
                .mount("/data", "bind", ro.toString(), "rbind", "ro")
                .mount("/out", "bind", rw.toString(), "rbind", "rw");
        Seen seen = runAndReadMountinfo(b,
                "cat /data/hello.txt; touch /data/new 2>&1; echo written > /out/result && echo done");

        assertEquals("hello from the host", seen.out().get(0));
        assertTrue(seen.out().get(1).contains("Read-only file system"), "touch in the ro bind: " + seen.out());
        assertEquals("done", seen.out().get(2));
        assertFalse(Files.exists(ro.resolve("new")), "nothing written through the ro bind");
        assertEquals("written\n", Files.readString(rw.resolve("result")), "written through the rw bind");

        Mounts.Mount data = mountAt(seen, "/data");
        assertTrue(data.options().contains("ro"), data.line());
        Mounts.Mount out = mountAt(seen, "/out");
        assertTrue(out.options().contains("rw"), out.line());
    }

    @Test
    @DisplayName("maskedPaths: each one that exists on the host reads empty inside (file) or is an empty dir")
    @SuppressWarnings("unchecked")
    void maskedPaths() {
        Bundle b = bundle();
        List<String> masked = (List<String>) (List<?>) Json.arr(b.linux(), "maskedPaths");
        List<String> onHost = masked.stream().filter(p -> Files.exists(Path.of(p))).toList();
        assertFalse(onHost.isEmpty(), "none of the masked paths exists on this host: " + masked);
        StringBuilder script = new StringBuilder();
        for (String p : onHost) {
            script.append("if [ -d ").append(p).append(" ]; then echo \"").append(p).append(" dir $(ls -A ").append(p)
                    .append(" | wc -l)\"; else echo \"").append(p).append(" file $(cat ").append(p)
                    .append(" | wc -c)\"; fi; ");
        }
        b.sh(script.toString());
        List<String> out = container(b).run().assertSuccess().stdout().lines().toList();
        List<String> expected = new ArrayList<>();
        for (String p : onHost) expected.add(p + (Files.isDirectory(Path.of(p)) ? " dir 0" : " file 0"));
        assertEquals(expected, out);
    }

    @Test
    @DisplayName("readonlyPaths: mounted ro inside; writing to /proc/sys fails with 'Read-only file system'")
    @SuppressWarnings("unchecked")
    void readonlyPaths() {
        Bundle b = bundle();
        List<String> readonly = (List<String>) (List<?>) Json.arr(b.linux(), "readonlyPaths");
        assertTrue(readonly.contains("/proc/sys"), "spec's readonlyPaths: " + readonly);
        Seen seen = runAndReadMountinfo(b, "{ echo nt > /proc/sys/kernel/hostname; } 2>&1; hostname");
        assertTrue(seen.out().get(0).contains("Read-only file system"), "write to /proc/sys: " + seen.out());
        assertEquals(b.config().get("hostname"), seen.out().get(1), "hostname unchanged");
        for (String p : readonly) {
            if (!Files.exists(Path.of(p))) continue;
            Mounts.Mount m = mountAt(seen, p);
            assertTrue(m.options().contains("ro"), p + " is mounted ro: " + m.line());
        }
    }

    @Test
    @DisplayName("devices: /dev/null, zero, full, random, urandom, tty are the right char devices; a linux.devices entry is made and usable")
    void devices() {
        Bundle b = bundle().sh(
                "for d in null zero full random urandom tty; do stat -c \"%n %F %t %T\" /dev/$d; done; "
                        + "echo discard > /dev/null && echo null-ok; "
                        + "head -c 4 /dev/zero | od -An -tx1; "
                        + "stat -c \"%n %F %t %T %a %u %g\" /dev/nt-full; "
                        + "{ echo x > /dev/nt-full; } 2>&1; exit 0");
        Json.arr(b.linux(), "devices").add(Json.object("path", "/dev/nt-full", "type", "c", "major", 1L, "minor", 7L,
                "fileMode", 0640L, "uid", 0L, "gid", 5L));
        List<String> out = container(b).run().assertSuccess().stdout().lines().map(String::strip).toList();
        assertEquals(List.of(
                "/dev/null character special file 1 3",
                "/dev/zero character special file 1 5",
                "/dev/full character special file 1 7",
                "/dev/random character special file 1 8",
                "/dev/urandom character special file 1 9",
                "/dev/tty character special file 5 0",
                "null-ok",
                "00 00 00 00",
                "/dev/nt-full character special file 1 7 640 0 5"), out.subList(0, 9));
        assertTrue(out.get(9).contains("No space left on device"), "writing to the added /dev/full device: " + out);
    }
}

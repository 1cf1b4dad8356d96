package io.jrunc.container.rootfs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.jrunc.sys.Linux.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OCI mount options table, option by option, as runc's parseMountOptions reads it. */
class MountOptionsTest {

    private static String describe(long flags) {
        return flags == 0 ? "0" : MountFlagNames.describe(flags);
    }

    @ParameterizedTest(name = "{0} sets {1}")
    @CsvSource({
        "ro, MS_RDONLY",
        "nosuid, MS_NOSUID",
        "nodev, MS_NODEV",
        "noexec, MS_NOEXEC",
        "sync, MS_SYNCHRONOUS",
        "remount, MS_REMOUNT",
        "mand, MS_MANDLOCK",
        "dirsync, MS_DIRSYNC",
        "nosymfollow, MS_NOSYMFOLLOW",
        "noatime, MS_NOATIME",
        "nodiratime, MS_NODIRATIME",
        "bind, MS_BIND",
        "rbind, MS_BIND|MS_REC",
        "silent, MS_SILENT",
        "relatime, MS_RELATIME",
        "iversion, MS_I_VERSION",
        "strictatime, MS_STRICTATIME",
        "lazytime, MS_LAZYTIME",
    })
    void optionSetsItsFlag(String option, String flags) {
        MountOptions o = MountOptions.parse(List.of(option));
        assertEquals(flags, describe(o.flags()));
        assertEquals(0, o.clearedFlags());
        assertEquals("", o.data());
    }

    @ParameterizedTest(name = "{0} clears {1}")
    @CsvSource({
        "rw, MS_RDONLY",
        "suid, MS_NOSUID",
        "dev, MS_NODEV",
        "exec, MS_NOEXEC",
        "async, MS_SYNCHRONOUS",
        "nomand, MS_MANDLOCK",
        "symfollow, MS_NOSYMFOLLOW",
        "atime, MS_NOATIME",
        "diratime, MS_NODIRATIME",
        "norelatime, MS_RELATIME",
        "nostrictatime, MS_STRICTATIME",
        "nolazytime, MS_LAZYTIME",
        "noiversion, MS_I_VERSION",
        "loud, MS_SILENT",
    })
    void optionClearsItsFlag(String option, String flag) {
        MountOptions o = MountOptions.parse(List.of(option));
        assertEquals("0", describe(o.flags()));
        assertEquals(flag, describe(o.clearedFlags()));
    }

    @Test
    void laterOptionsWin() {
        MountOptions o = MountOptions.parse(List.of("ro", "nosuid", "rw"));
        assertEquals(MS_NOSUID, o.flags());
        assertEquals(MS_RDONLY, o.clearedFlags());
        MountOptions back = MountOptions.parse(List.of("rw", "ro"));
        assertEquals(MS_RDONLY, back.flags());
        assertEquals(0, back.clearedFlags());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "private, MS_PRIVATE",
        "rprivate, MS_REC|MS_PRIVATE",
        "shared, MS_SHARED",
        "rshared, MS_REC|MS_SHARED",
        "slave, MS_SLAVE",
        "rslave, MS_REC|MS_SLAVE",
        "unbindable, MS_UNBINDABLE",
        "runbindable, MS_REC|MS_UNBINDABLE",
    })
    void propagationOptionsAreSeparateSteps(String option, String flags) {
        MountOptions o = MountOptions.parse(List.of("rbind", option));
        assertEquals(MS_BIND | MS_REC, o.flags(), "propagation is not mixed into the mount flags");
        assertEquals(1, o.propagation().size());
        assertEquals(flags, describe(o.propagation().getFirst()));
    }

    @Test
    void propagationStepsKeepTheirOrder() {
        assertEquals(List.of(MS_SHARED, MS_PRIVATE | MS_REC),
                MountOptions.parse(List.of("shared", "rprivate")).propagation());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rro, 1, 0",
        "rrw, 0, 1",
        "rnosuid, 2, 0",
        "rsuid, 0, 2",
        "rnodev, 4, 0",
        "rdev, 0, 4",
        "rnoexec, 8, 0",
        "rexec, 0, 8",
        "rnodiratime, 128, 0",
        "rdiratime, 0, 128",
        "rnosymfollow, 2097152, 0",
        "rsymfollow, 0, 2097152",
        // an access-time mode needs MOUNT_ATTR__ATIME (0x70) cleared too (mount_setattr(2))
        "rnoatime, 16, 112",
        "rstrictatime, 32, 112",
        "rrelatime, 0, 112",
        "ratime, 0, 16",
        "rnostrictatime, 0, 32",
        "rnorelatime, 0, 0",
    })
    void recursiveOptionsBecomeMountSetattrAttributes(String option, long set, long clear) {
        MountOptions o = MountOptions.parse(List.of(option));
        assertEquals(set, o.recAttrSet(), "attr_set");
        assertEquals(clear, o.recAttrClr(), "attr_clr");
        assertEquals(0, o.flags());
        assertEquals("", o.data());
    }

    @Test
    void recursiveReadonlyAndFlagsCombine() {
        MountOptions o = MountOptions.parse(List.of("rbind", "rro", "rnosuid", "nodev"));
        assertEquals(MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID, o.recAttrSet());
        assertEquals(MS_BIND | MS_REC | MS_NODEV, o.flags());
        assertTrue(o.hasRecursiveAttrs());
    }

    @Test
    void everythingElseIsFilesystemDataInOrder() {
        MountOptions o = MountOptions.parse(List.of("nosuid", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"));
        assertEquals("newinstance,ptmxmode=0666,mode=0620,gid=5", o.data());
        assertEquals(MS_NOSUID, o.flags());
    }

    @Test
    void userspaceXOptionsAreIgnored() {
        MountOptions o = MountOptions.parse(List.of("x-systemd.automount", "size=1m", "x-foo=bar"));
        assertEquals("size=1m", o.data());
    }

    @Test
    void defaultsMeansNothing() {
        MountOptions o = MountOptions.parse(List.of("defaults"));
        assertEquals(0, o.flags());
        assertEquals("", o.data());
    }

    @Test
    void tmpcopyupAndIdmapAreRecognised() {
        assertTrue(MountOptions.parse(List.of("tmpcopyup")).tmpcopyup());
        assertTrue(MountOptions.parse(List.of("idmap")).idmap());
        assertTrue(MountOptions.parse(List.of("ridmap")).idmap());
        MountOptions plain = MountOptions.parse(List.of("mode=755"));
        assertFalse(plain.tmpcopyup());
        assertFalse(plain.idmap());
        assertFalse(plain.isBind());
    }

    @Test
    void flagNamesFollowRuncsOrderAndShowUnknownBitsInHex() {
        assertEquals("MS_NOSUID|MS_NODEV|MS_NOEXEC", MountFlagNames.describe(MS_NOEXEC | MS_NOSUID | MS_NODEV));
        assertEquals("MS_RDONLY|0x200", MountFlagNames.describe(MS_RDONLY | 0x200));
    }
}

package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.spec.DefaultSpec;
import io.jrunc.spec.Linux;
import io.jrunc.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Converting a config: what runc's specconv decides before anything is mounted. */
class RootfsConfigTest {

    private static Spec withPropagation(String propagation) {
        Spec spec = DefaultSpec.example(true);
        Linux l = spec.linux();
        return spec.withLinux(new Linux(l.uidMappings(), l.gidMappings(), l.sysctl(), l.resources(), l.cgroupsPath(),
                l.namespaces(), l.devices(), l.netDevices(), l.seccomp(), propagation, l.maskedPaths(), l.readonlyPaths(),
                l.mountLabel(), l.intelRdt(), l.personality(), l.timeOffsets(), l.memoryPolicy()));
    }

    @ParameterizedTest
    @CsvSource({
        "shared, MS_SHARED", "rshared, MS_REC|MS_SHARED", "slave, MS_SLAVE", "rslave, MS_REC|MS_SLAVE",
        "private, MS_PRIVATE", "rprivate, MS_REC|MS_PRIVATE", "unbindable, MS_UNBINDABLE", "runbindable, MS_REC|MS_UNBINDABLE",
    })
    void rootfsPropagationDecidesWhatSlashBecomes(String value, String flags) {
        assertEquals(flags, MountFlagNames.describe(Hosts.config(withPropagation(value)).rootPropagation()));
    }

    @Test
    void slashIsRecursivelySlaveByDefault() {
        assertEquals("MS_REC|MS_SLAVE", MountFlagNames.describe(Hosts.config(DefaultSpec.example(true)).rootPropagation()));
    }

    @Test
    void anUnknownPropagationIsRefusedAsRuncDoes() {
        JruncException e = assertThrows(JruncException.class, () -> Hosts.config(withPropagation("rsharedd")));
        assertEquals("rootfsPropagation=rsharedd is not supported", e.getMessage());
    }

    @Test
    void theDefaultConfigGetsRuncsSixDevicesAndItsPaths() {
        RootfsConfig c = Hosts.config(DefaultSpec.example(true));
        assertEquals(List.of("/dev/null", "/dev/random", "/dev/full", "/dev/tty", "/dev/zero", "/dev/urandom"),
                c.devices().stream().map(DeviceNode::path).toList());
        assertEquals(7, c.mounts().size());
        assertTrue(c.readonly());
        assertTrue(c.cgroupNamespace());
        assertFalse(c.userNamespace());
        assertTrue(c.needsDevSetup());
        assertEquals(DefaultSpec.example(true).linux().maskedPaths(), c.maskedPaths());
        assertEquals(DefaultSpec.example(true).linux().readonlyPaths(), c.readonlyPaths());
    }

    @Test
    void theRootlessConfigBindsSysAndHasAUserNamespace() {
        RootfsConfig c = Hosts.config(DefaultSpec.create(true, 1000, 1000, true));
        ConfigMount sys = c.mounts().stream().filter(m -> m.destination().equals("/sys")).findFirst().orElseThrow();
        assertEquals("bind", sys.type());
        assertEquals("/sys", sys.source());
        assertTrue(c.userNamespace());
    }

    @Test
    void aConfigWithoutRootIsRefused() {
        Spec spec = DefaultSpec.example(true);
        Spec noRoot = new Spec(spec.ociVersion(), spec.process(), null, null, null, spec.mounts(), null, null, spec.linux());
        assertThrows(JruncException.class, () -> Hosts.config(noRoot));
    }
}

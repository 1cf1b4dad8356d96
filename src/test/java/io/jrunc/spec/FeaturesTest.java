package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturesTest {

    @Test
    void everythingSetIsWrittenInRuncsMemberOrder() {
        Features features = Features.builder()
                .ociVersions("1.0.0", "1.3.0")
                .hooks(Features.HOOK_NAMES)
                .mountOptions(List.of("ro", "rw"))
                .namespaces(List.of("cgroup", "ipc"))
                .capabilities(List.of("CAP_CHOWN"))
                .cgroup(true, true, false, false, false)
                .seccomp(true, List.of("SCMP_ACT_ALLOW"), List.of("SCMP_CMP_EQ"), List.of("SCMP_ARCH_X86_64"),
                        List.of("SECCOMP_FILTER_FLAG_LOG"), List.of())
                .apparmor(false)
                .selinux(false)
                .intelRdt(true, true, null)
                .memoryPolicy(List.of("MPOL_BIND"), List.of("MPOL_F_STATIC_NODES"))
                .idmapMounts(true)
                .netDevices(false)
                .annotations(Map.of("org.opencontainers.runc.version", "1.0", "io.github.x", "y"))
                .potentiallyUnsafeConfigAnnotations(List.of("bundle", "org.systemd.property."))
                .build();

        assertNull(TestJson.difference(TestJson.parse("""
                {"ociVersionMin":"1.0.0","ociVersionMax":"1.3.0",
                 "hooks":["prestart","createRuntime","createContainer","startContainer","poststart","poststop"],
                 "mountOptions":["ro","rw"],
                 "linux":{"namespaces":["cgroup","ipc"],"capabilities":["CAP_CHOWN"],
                   "cgroup":{"v1":true,"v2":true,"systemd":false,"systemdUser":false,"rdma":false},
                   "seccomp":{"enabled":true,"actions":["SCMP_ACT_ALLOW"],"operators":["SCMP_CMP_EQ"],
                     "archs":["SCMP_ARCH_X86_64"],"knownFlags":["SECCOMP_FILTER_FLAG_LOG"]},
                   "apparmor":{"enabled":false},"selinux":{"enabled":false},
                   "intelRdt":{"enabled":true,"schemata":true},
                   "memoryPolicy":{"modes":["MPOL_BIND"],"flags":["MPOL_F_STATIC_NODES"]},
                   "mountExtensions":{"idmap":{"enabled":true}},
                   "netDevices":{"enabled":false}},
                 "annotations":{"io.github.x":"y","org.opencontainers.runc.version":"1.0"},
                 "potentiallyUnsafeConfigAnnotations":["bundle","org.systemd.property."]}"""),
                features.toJson()));
    }

    @Test
    void whatIsNotSetIsLeftOut() {
        Features features = Features.builder().ociVersions("1.0.0", "1.3.0").build();

        assertNull(TestJson.difference(TestJson.parse("{\"ociVersionMin\":\"1.0.0\",\"ociVersionMax\":\"1.3.0\"}"),
                features.toJson()));
    }
}

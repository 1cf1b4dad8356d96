package io.jrunc.container.rootfs;

import io.jrunc.spec.DefaultSpec;
import io.jrunc.spec.Mount;
import io.jrunc.spec.Spec;

import java.util.List;

/** Test fixtures: host cgroup layouts, configs, and a rootfs set up against a fake kernel. */
final class Hosts {
    private Hosts() {}

    static CgroupHost cgroupV2() {
        return new CgroupHost() {
            @Override
            public boolean unified() {
                return true;
            }

            @Override
            public List<V1Hierarchy> v1Hierarchies() {
                throw new AssertionError("a v2 host has no v1 hierarchies to ask for");
            }
        };
    }

    static CgroupHost cgroupV1(List<CgroupHost.V1Hierarchy> hierarchies) {
        return new CgroupHost() {
            @Override
            public boolean unified() {
                return false;
            }

            @Override
            public List<V1Hierarchy> v1Hierarchies() {
                return hierarchies;
            }
        };
    }

    /** runc's default spec with the given mounts instead of its own. */
    static Spec defaultSpecWith(List<Mount> mounts) {
        return DefaultSpec.example(true).withMounts(mounts);
    }

    static RootfsConfig config(Spec spec) {
        return RootfsConfig.of(spec, RootfsKernel.BUNDLE, false, null);
    }

    static ContainerRootfs rootfs(RootfsKernel kernel, RootfsConfig config) {
        return new ContainerRootfs(kernel, config, cgroupV2(), () -> { });
    }

    static ContainerRootfs rootfs(RootfsKernel kernel, RootfsConfig config, CgroupHost cgroups) {
        return new ContainerRootfs(kernel, config, cgroups, () -> { });
    }
}

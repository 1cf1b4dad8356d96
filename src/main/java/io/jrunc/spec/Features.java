package io.jrunc.spec;

import io.jrunc.json.JsonValue;
import io.jrunc.json.JsonValue.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The document {@code jrunc features} prints (runtime-spec features.md / features-linux.md), in the
 * member order of the runtime-spec Go structs runc encodes. What goes in is decided by the caller,
 * from what jrunc really implements. Null means "unknown" and is left out, as are empty lists.
 * runc prints it with a 4-space indent and a trailing newline.
 */
public record Features(
        String ociVersionMin,
        String ociVersionMax,
        List<String> hooks,
        List<String> mountOptions,
        Linux linux,
        Map<String, String> annotations,
        List<String> potentiallyUnsafeConfigAnnotations) {

    /** The hook names of the runtime-spec, in runc's order. */
    public static final List<String> HOOK_NAMES = List.of(
            "prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop");

    public Features {
        hooks = Immutable.list(hooks);
        mountOptions = Immutable.list(mountOptions);
        annotations = Immutable.map(annotations);
        potentiallyUnsafeConfigAnnotations = Immutable.list(potentiallyUnsafeConfigAnnotations);
    }

    /**
     * @param apparmor    whether AppArmor profiles are applied, or null
     * @param selinux     whether SELinux labels are applied, or null
     * @param idmapMounts whether mounts' uidMappings/gidMappings are honoured (mountExtensions.idmap), or null
     * @param netDevices  whether linux.netDevices is honoured, or null
     */
    public record Linux(
            List<String> namespaces,
            List<String> capabilities,
            Cgroup cgroup,
            Seccomp seccomp,
            Boolean apparmor,
            Boolean selinux,
            IntelRdt intelRdt,
            MemoryPolicy memoryPolicy,
            Boolean idmapMounts,
            Boolean netDevices) {
        public Linux {
            namespaces = Immutable.list(namespaces);
            capabilities = Immutable.list(capabilities);
        }
    }

    public record Cgroup(Boolean v1, Boolean v2, Boolean systemd, Boolean systemdUser, Boolean rdma) {}

    public record Seccomp(
            Boolean enabled,
            List<String> actions,
            List<String> operators,
            List<String> archs,
            List<String> knownFlags,
            List<String> supportedFlags) {
        public Seccomp {
            actions = Immutable.list(actions);
            operators = Immutable.list(operators);
            archs = Immutable.list(archs);
            knownFlags = Immutable.list(knownFlags);
            supportedFlags = Immutable.list(supportedFlags);
        }
    }

    /**
     * @param schemata         whether linux.intelRdt.schemata is honoured, or null
     * @param enableMonitoring whether linux.intelRdt.enableMonitoring is honoured, or null
     */
    public record IntelRdt(Boolean enabled, Boolean schemata, Boolean enableMonitoring) {}

    public record MemoryPolicy(List<String> modes, List<String> flags) {
        public MemoryPolicy {
            modes = Immutable.list(modes);
            flags = Immutable.list(flags);
        }
    }

    public JsonObject toJson() {
        return new GoStructJson()
                .optString("ociVersionMin", ociVersionMin)
                .optString("ociVersionMax", ociVersionMax)
                .strings("hooks", hooks)
                .strings("mountOptions", mountOptions)
                .optObject("linux", linux, Features::linuxToJson)
                .stringMap("annotations", annotations)
                .strings("potentiallyUnsafeConfigAnnotations", potentiallyUnsafeConfigAnnotations)
                .build();
    }

    private static JsonValue linuxToJson(Linux l) {
        return new GoStructJson()
                .strings("namespaces", l.namespaces())
                .strings("capabilities", l.capabilities())
                .optObject("cgroup", l.cgroup(), c -> new GoStructJson()
                        .optBool("v1", c.v1())
                        .optBool("v2", c.v2())
                        .optBool("systemd", c.systemd())
                        .optBool("systemdUser", c.systemdUser())
                        .optBool("rdma", c.rdma())
                        .build())
                .optObject("seccomp", l.seccomp(), s -> new GoStructJson()
                        .optBool("enabled", s.enabled())
                        .strings("actions", s.actions())
                        .strings("operators", s.operators())
                        .strings("archs", s.archs())
                        .strings("knownFlags", s.knownFlags())
                        .strings("supportedFlags", s.supportedFlags())
                        .build())
                .optObject("apparmor", l.apparmor(), Features::enabled)
                .optObject("selinux", l.selinux(), Features::enabled)
                .optObject("intelRdt", l.intelRdt(), r -> new GoStructJson()
                        .optBool("enabled", r.enabled())
                        .optBool("schemata", r.schemata())
                        .optBool("enableMonitoring", r.enableMonitoring())
                        .build())
                .optObject("memoryPolicy", l.memoryPolicy(), p -> new GoStructJson()
                        .strings("modes", p.modes())
                        .strings("flags", p.flags())
                        .build())
                .optObject("mountExtensions", l.idmapMounts(), idmap -> new GoStructJson()
                        .put("idmap", enabled(idmap))
                        .build())
                .optObject("netDevices", l.netDevices(), Features::enabled)
                .build();
    }

    private static JsonObject enabled(Boolean value) {
        return new GoStructJson().bool("enabled", value).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the values step by step; anything not set is left out of the document. */
    public static final class Builder {
        private String ociVersionMin;
        private String ociVersionMax;
        private List<String> hooks = List.of();
        private List<String> mountOptions = List.of();
        private Map<String, String> annotations = Map.of();
        private List<String> potentiallyUnsafeConfigAnnotations = List.of();
        private boolean hasLinux;
        private List<String> namespaces = List.of();
        private List<String> capabilities = List.of();
        private Cgroup cgroup;
        private Seccomp seccomp;
        private Boolean apparmor;
        private Boolean selinux;
        private IntelRdt intelRdt;
        private MemoryPolicy memoryPolicy;
        private Boolean idmapMounts;
        private Boolean netDevices;

        private Builder() {}

        public Builder ociVersions(String min, String max) {
            this.ociVersionMin = min;
            this.ociVersionMax = max;
            return this;
        }

        public Builder hooks(List<String> names) {
            this.hooks = names;
            return this;
        }

        public Builder mountOptions(List<String> options) {
            this.mountOptions = options;
            return this;
        }

        public Builder annotations(Map<String, String> values) {
            this.annotations = values;
            return this;
        }

        public Builder potentiallyUnsafeConfigAnnotations(List<String> names) {
            this.potentiallyUnsafeConfigAnnotations = names;
            return this;
        }

        public Builder namespaces(List<String> types) {
            hasLinux = true;
            this.namespaces = types;
            return this;
        }

        public Builder capabilities(List<String> names) {
            hasLinux = true;
            this.capabilities = names;
            return this;
        }

        public Builder cgroup(Boolean v1, Boolean v2, Boolean systemd, Boolean systemdUser, Boolean rdma) {
            hasLinux = true;
            this.cgroup = new Cgroup(v1, v2, systemd, systemdUser, rdma);
            return this;
        }

        public Builder seccomp(boolean enabled, List<String> actions, List<String> operators, List<String> archs,
                List<String> knownFlags, List<String> supportedFlags) {
            hasLinux = true;
            this.seccomp = new Seccomp(enabled, actions, operators, archs, knownFlags, supportedFlags);
            return this;
        }

        public Builder apparmor(boolean enabled) {
            hasLinux = true;
            this.apparmor = enabled;
            return this;
        }

        public Builder selinux(boolean enabled) {
            hasLinux = true;
            this.selinux = enabled;
            return this;
        }

        public Builder intelRdt(Boolean enabled, Boolean schemata, Boolean enableMonitoring) {
            hasLinux = true;
            this.intelRdt = new IntelRdt(enabled, schemata, enableMonitoring);
            return this;
        }

        public Builder memoryPolicy(List<String> modes, List<String> flags) {
            hasLinux = true;
            this.memoryPolicy = new MemoryPolicy(modes, flags);
            return this;
        }

        public Builder idmapMounts(boolean enabled) {
            hasLinux = true;
            this.idmapMounts = enabled;
            return this;
        }

        public Builder netDevices(boolean enabled) {
            hasLinux = true;
            this.netDevices = enabled;
            return this;
        }

        public Features build() {
            Linux linux = hasLinux
                    ? new Linux(namespaces, capabilities, cgroup, seccomp, apparmor, selinux, intelRdt, memoryPolicy,
                            idmapMounts, netDevices)
                    : null;
            return new Features(ociVersionMin, ociVersionMax, hooks, mountOptions, linux, annotations,
                    potentiallyUnsafeConfigAnnotations);
        }
    }
}

package io.jrunc.spec;

import io.jrunc.json.JsonValue;
import io.jrunc.json.JsonValue.JsonNumber;
import io.jrunc.json.JsonValue.JsonObject;

/**
 * Converts a {@link Spec} back to JSON the way runc (Go's encoding/json over the runtime-spec
 * structs) writes it: members in the structs' order, omitempty members left out when null, empty,
 * false or 0, map keys sorted. {@code SpecParser.parse(SpecWriter.toJson(s))} equals {@code s}.
 */
public final class SpecWriter {
    private SpecWriter() {}

    public static JsonObject toJson(Spec s) {
        return new GoStructJson()
                .string("ociVersion", s.ociVersion())
                .optObject("process", s.process(), SpecWriter::process)
                .optObject("root", s.root(), r -> new GoStructJson()
                        .string("path", r.path())
                        .trueOnly("readonly", r.readonly())
                        .build())
                .optString("hostname", s.hostname())
                .optString("domainname", s.domainname())
                .objects("mounts", s.mounts(), SpecWriter::mount)
                .optObject("hooks", s.hooks(), SpecWriter::hooks)
                .stringMap("annotations", s.annotations())
                .optObject("linux", s.linux(), SpecWriter::linux)
                .build();
    }

    public static JsonObject processToJson(Process p) {
        return process(p);
    }

    public static JsonObject resourcesToJson(Resources r) {
        return resources(r);
    }

    // ---- process ----

    private static JsonObject process(Process p) {
        return new GoStructJson()
                .trueOnly("terminal", p.terminal())
                .optObject("consoleSize", p.consoleSize(), c -> new GoStructJson()
                        .number("height", c.height())
                        .number("width", c.width())
                        .build())
                .put("user", user(p.user()))
                .strings("args", p.args())
                .optString("commandLine", p.commandLine())
                .strings("env", p.env())
                .string("cwd", p.cwd())
                .optObject("capabilities", p.capabilities(), c -> new GoStructJson()
                        .strings("bounding", c.bounding())
                        .strings("effective", c.effective())
                        .strings("inheritable", c.inheritable())
                        .strings("permitted", c.permitted())
                        .strings("ambient", c.ambient())
                        .build())
                .objects("rlimits", p.rlimits(), r -> new GoStructJson()
                        .string("type", r.type())
                        .unsigned("hard", r.hard())
                        .unsigned("soft", r.soft())
                        .build())
                .trueOnly("noNewPrivileges", p.noNewPrivileges())
                .optString("apparmorProfile", p.apparmorProfile())
                .optNumber("oomScoreAdj", p.oomScoreAdj())
                .optObject("scheduler", p.scheduler(), s -> new GoStructJson()
                        .string("policy", s.policy())
                        .nonZero("nice", s.nice())
                        .nonZero("priority", s.priority())
                        .strings("flags", s.flags())
                        .nonZeroUnsigned("runtime", s.runtime())
                        .nonZeroUnsigned("deadline", s.deadline())
                        .nonZeroUnsigned("period", s.period())
                        .build())
                .optString("selinuxLabel", p.selinuxLabel())
                .optObject("ioPriority", p.ioPriority(), io -> new GoStructJson()
                        .string("class", io.ioClass())
                        .number("priority", io.priority())
                        .build())
                .optObject("execCPUAffinity", p.execCPUAffinity(), a -> new GoStructJson()
                        .optString("initial", a.initial())
                        .optString("final", a.finalAffinity())
                        .build())
                .build();
    }

    private static JsonObject user(Process.User u) {
        return new GoStructJson()
                .number("uid", u.uid())
                .number("gid", u.gid())
                .optNumber("umask", u.umask())
                .objects("additionalGids", u.additionalGids(), JsonNumber::of)
                .optString("username", u.username())
                .build();
    }

    // ---- mounts and hooks ----

    private static JsonObject mount(Mount m) {
        return new GoStructJson()
                .string("destination", m.destination())
                .optString("type", m.type())
                .optString("source", m.source())
                .strings("options", m.options())
                .objects("uidMappings", m.uidMappings(), SpecWriter::idMapping)
                .objects("gidMappings", m.gidMappings(), SpecWriter::idMapping)
                .build();
    }

    private static JsonValue idMapping(IdMapping m) {
        return new GoStructJson()
                .number("containerID", m.containerID())
                .number("hostID", m.hostID())
                .number("size", m.size())
                .build();
    }

    private static JsonObject hooks(Hooks h) {
        return new GoStructJson()
                .objects("prestart", h.prestart(), SpecWriter::hook)
                .objects("createRuntime", h.createRuntime(), SpecWriter::hook)
                .objects("createContainer", h.createContainer(), SpecWriter::hook)
                .objects("startContainer", h.startContainer(), SpecWriter::hook)
                .objects("poststart", h.poststart(), SpecWriter::hook)
                .objects("poststop", h.poststop(), SpecWriter::hook)
                .build();
    }

    private static JsonValue hook(Hook h) {
        return new GoStructJson()
                .string("path", h.path())
                .strings("args", h.args())
                .strings("env", h.env())
                .optNumber("timeout", h.timeout())
                .build();
    }

    // ---- linux ----

    private static JsonObject linux(Linux l) {
        return new GoStructJson()
                .objects("uidMappings", l.uidMappings(), SpecWriter::idMapping)
                .objects("gidMappings", l.gidMappings(), SpecWriter::idMapping)
                .stringMap("sysctl", l.sysctl())
                .optObject("resources", l.resources(), SpecWriter::resources)
                .optString("cgroupsPath", l.cgroupsPath())
                .objects("namespaces", l.namespaces(), ns -> new GoStructJson()
                        .string("type", ns.type())
                        .optString("path", ns.path())
                        .build())
                .objects("devices", l.devices(), d -> new GoStructJson()
                        .string("path", d.path())
                        .string("type", d.type())
                        .number("major", d.major())
                        .number("minor", d.minor())
                        .optNumber("fileMode", d.fileMode())
                        .optNumber("uid", d.uid())
                        .optNumber("gid", d.gid())
                        .build())
                .map("netDevices", l.netDevices(), d -> new GoStructJson()
                        .optString("name", d.name())
                        .build())
                .optObject("seccomp", l.seccomp(), SpecWriter::seccomp)
                .optString("rootfsPropagation", l.rootfsPropagation())
                .strings("maskedPaths", l.maskedPaths())
                .strings("readonlyPaths", l.readonlyPaths())
                .optString("mountLabel", l.mountLabel())
                .optObject("intelRdt", l.intelRdt(), r -> new GoStructJson()
                        .optString("closID", r.closID())
                        .strings("schemata", r.schemata())
                        .optString("l3CacheSchema", r.l3CacheSchema())
                        .optString("memBwSchema", r.memBwSchema())
                        .trueOnly("enableMonitoring", r.enableMonitoring())
                        .build())
                .optObject("personality", l.personality(), p -> new GoStructJson()
                        .string("domain", p.domain())
                        .strings("flags", p.flags())
                        .build())
                .map("timeOffsets", l.timeOffsets(), t -> new GoStructJson()
                        .nonZero("secs", t.secs())
                        .nonZero("nanosecs", t.nanosecs())
                        .build())
                .optObject("memoryPolicy", l.memoryPolicy(), p -> new GoStructJson()
                        .string("mode", p.mode())
                        .optString("nodes", p.nodes())
                        .strings("flags", p.flags())
                        .build())
                .build();
    }

    private static JsonObject seccomp(Seccomp s) {
        return new GoStructJson()
                .string("defaultAction", s.defaultAction())
                .optNumber("defaultErrnoRet", s.defaultErrnoRet())
                .strings("architectures", s.architectures())
                .strings("flags", s.flags())
                .optString("listenerPath", s.listenerPath())
                .optString("listenerMetadata", s.listenerMetadata())
                .objects("syscalls", s.syscalls(), c -> new GoStructJson()
                        // names is not omitempty in Go: always present
                        .put("names", GoStructJson.stringArray(c.names()))
                        .string("action", c.action())
                        .optNumber("errnoRet", c.errnoRet())
                        .objects("args", c.args(), a -> new GoStructJson()
                                .number("index", a.index())
                                .unsigned("value", a.value())
                                .nonZeroUnsigned("valueTwo", a.valueTwo())
                                .string("op", a.op())
                                .build())
                        .build())
                .build();
    }

    // ---- resources ----

    private static JsonObject resources(Resources r) {
        return new GoStructJson()
                .objects("devices", r.devices(), d -> new GoStructJson()
                        .bool("allow", d.allow())
                        .optString("type", d.type())
                        .optNumber("major", d.major())
                        .optNumber("minor", d.minor())
                        .optString("access", d.access())
                        .build())
                .optObject("memory", r.memory(), m -> new GoStructJson()
                        .optNumber("limit", m.limit())
                        .optNumber("reservation", m.reservation())
                        .optNumber("swap", m.swap())
                        .optNumber("kernel", m.kernel())
                        .optNumber("kernelTCP", m.kernelTCP())
                        .optUnsigned("swappiness", m.swappiness())
                        .optBool("disableOOMKiller", m.disableOOMKiller())
                        .optBool("useHierarchy", m.useHierarchy())
                        .optBool("checkBeforeUpdate", m.checkBeforeUpdate())
                        .build())
                .optObject("cpu", r.cpu(), c -> new GoStructJson()
                        .optUnsigned("shares", c.shares())
                        .optNumber("quota", c.quota())
                        .optUnsigned("burst", c.burst())
                        .optUnsigned("period", c.period())
                        .optNumber("realtimeRuntime", c.realtimeRuntime())
                        .optUnsigned("realtimePeriod", c.realtimePeriod())
                        .optString("cpus", c.cpus())
                        .optString("mems", c.mems())
                        .optNumber("idle", c.idle())
                        .build())
                .optObject("pids", r.pids(), p -> new GoStructJson()
                        .optNumber("limit", p.limit())
                        .build())
                .optObject("blockIO", r.blockIO(), SpecWriter::blockIo)
                .objects("hugepageLimits", r.hugepageLimits(), h -> new GoStructJson()
                        .string("pageSize", h.pageSize())
                        .unsigned("limit", h.limit())
                        .build())
                .optObject("network", r.network(), n -> new GoStructJson()
                        .optNumber("classID", n.classID())
                        .objects("priorities", n.priorities(), p -> new GoStructJson()
                                .string("name", p.name())
                                .number("priority", p.priority())
                                .build())
                        .build())
                .map("rdma", r.rdma(), d -> new GoStructJson()
                        .optNumber("hcaHandles", d.hcaHandles())
                        .optNumber("hcaObjects", d.hcaObjects())
                        .build())
                .stringMap("unified", r.unified())
                .build();
    }

    private static JsonObject blockIo(Resources.BlockIo b) {
        return new GoStructJson()
                .optNumber("weight", b.weight())
                .optNumber("leafWeight", b.leafWeight())
                .objects("weightDevice", b.weightDevice(), d -> new GoStructJson()
                        .number("major", d.major())
                        .number("minor", d.minor())
                        .optNumber("weight", d.weight())
                        .optNumber("leafWeight", d.leafWeight())
                        .build())
                .objects("throttleReadBpsDevice", b.throttleReadBpsDevice(), SpecWriter::throttle)
                .objects("throttleWriteBpsDevice", b.throttleWriteBpsDevice(), SpecWriter::throttle)
                .objects("throttleReadIOPSDevice", b.throttleReadIOPSDevice(), SpecWriter::throttle)
                .objects("throttleWriteIOPSDevice", b.throttleWriteIOPSDevice(), SpecWriter::throttle)
                .build();
    }

    private static JsonValue throttle(Resources.ThrottleDevice d) {
        return new GoStructJson()
                .number("major", d.major())
                .number("minor", d.minor())
                .unsigned("rate", d.rate())
                .build();
    }
}

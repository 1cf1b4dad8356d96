package io.jrunc.spec;

import io.jrunc.JruncException;
import io.jrunc.json.JsonNode;
import io.jrunc.json.JsonValue;
import io.jrunc.json.JsonValue.JsonNull;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Converts a config.json document into a {@link Spec}. Members of the wrong JSON type or out of
 * their integer range are rejected with their path, in the words of {@link JsonNode}
 * ({@code linux.namespaces[2].type: expected string, got number}); unknown members are ignored,
 * as runc ignores them. Full schema validation is done before this, elsewhere; whatever the input,
 * this throws nothing but {@link JruncException}.
 */
public final class SpecParser {
    private SpecParser() {}

    public static Spec parse(JsonValue document) {
        return guarded(document, SpecParser::spec);
    }

    /** A process document on its own, as given to {@code exec --process}; paths start at its members. */
    public static Process parseProcess(JsonValue document) {
        return guarded(document, SpecParser::process);
    }

    /** A resources document on its own, as given to {@code update --resources}. */
    public static Resources parseResources(JsonValue document) {
        return guarded(document, SpecParser::resources);
    }

    private static <T> T guarded(JsonValue document, Function<JsonNode, T> convert) {
        JsonNode root = JsonNode.root(document == null ? JsonNull.INSTANCE : document);
        try {
            root.members(); // the document itself must be an object
            return convert.apply(root);
        } catch (JruncException e) {
            throw e;
        } catch (RuntimeException e) {
            // a bug of ours rather than of the document; still reported as one error line
            throw new JruncException("parse config: " + e, 0, e);
        }
    }

    private static Spec spec(JsonNode n) {
        return new Spec(
                n.reqString("ociVersion"),
                object(n, "process", SpecParser::process),
                object(n, "root", r -> new Root(r.reqString("path"), flag(r, "readonly"))),
                text(n, "hostname"),
                text(n, "domainname"),
                list(n, "mounts", SpecParser::mount),
                object(n, "hooks", SpecParser::hooks),
                n.stringMap("annotations"),
                object(n, "linux", SpecParser::linux));
    }

    // ---- process ----

    private static Process process(JsonNode n) {
        return new Process(
                flag(n, "terminal"),
                object(n, "consoleSize", c -> new Process.ConsoleSize(
                        c.required("height").asUint32(), c.required("width").asUint32())),
                object(n, "user", SpecParser::user),
                n.stringList("args"),
                text(n, "commandLine"),
                n.stringList("env"),
                n.reqString("cwd"),
                object(n, "capabilities", c -> new Process.Capabilities(
                        c.stringList("bounding"),
                        c.stringList("effective"),
                        c.stringList("inheritable"),
                        c.stringList("permitted"),
                        c.stringList("ambient"))),
                list(n, "rlimits", r -> new Process.Rlimit(
                        r.reqString("type"), r.required("hard").asUint64(), r.required("soft").asUint64())),
                flag(n, "noNewPrivileges"),
                text(n, "apparmorProfile"),
                n.optInt("oomScoreAdj"),
                object(n, "scheduler", s -> new Process.Scheduler(
                        s.reqString("policy"),
                        orZero(s.optInt("nice")),
                        orZero(s.optInt("priority")),
                        s.stringList("flags"),
                        orZero(s.optUint64("runtime")),
                        orZero(s.optUint64("deadline")),
                        orZero(s.optUint64("period")))),
                text(n, "selinuxLabel"),
                object(n, "ioPriority", p -> new Process.IoPriority(p.reqString("class"), orZero(p.optInt("priority")))),
                object(n, "execCPUAffinity", a -> new Process.CpuAffinity(text(a, "initial"), text(a, "final"))));
    }

    private static Process.User user(JsonNode u) {
        return new Process.User(
                orZero(u.optUint32("uid")),
                orZero(u.optUint32("gid")),
                u.optUint32("umask"),
                list(u, "additionalGids", JsonNode::asUint32),
                text(u, "username"));
    }

    // ---- mounts and hooks ----

    private static Mount mount(JsonNode m) {
        return new Mount(
                m.reqString("destination"),
                text(m, "type"),
                text(m, "source"),
                m.stringList("options"),
                list(m, "uidMappings", SpecParser::idMapping),
                list(m, "gidMappings", SpecParser::idMapping));
    }

    private static IdMapping idMapping(JsonNode m) {
        return new IdMapping(
                m.required("containerID").asUint32(), m.required("hostID").asUint32(), m.required("size").asUint32());
    }

    private static Hooks hooks(JsonNode h) {
        return new Hooks(
                list(h, "prestart", SpecParser::hook),
                list(h, "createRuntime", SpecParser::hook),
                list(h, "createContainer", SpecParser::hook),
                list(h, "startContainer", SpecParser::hook),
                list(h, "poststart", SpecParser::hook),
                list(h, "poststop", SpecParser::hook));
    }

    private static Hook hook(JsonNode h) {
        return new Hook(h.reqString("path"), h.stringList("args"), h.stringList("env"), h.optInt("timeout"));
    }

    // ---- linux ----

    private static Linux linux(JsonNode n) {
        return new Linux(
                list(n, "uidMappings", SpecParser::idMapping),
                list(n, "gidMappings", SpecParser::idMapping),
                n.stringMap("sysctl"),
                object(n, "resources", SpecParser::resources),
                text(n, "cgroupsPath"),
                list(n, "namespaces", ns -> new Linux.Namespace(ns.reqString("type"), text(ns, "path"))),
                list(n, "devices", d -> new Linux.Device(
                        d.reqString("path"),
                        d.reqString("type"),
                        orZero(d.optInt64("major")),
                        orZero(d.optInt64("minor")),
                        d.optUint32("fileMode"),
                        d.optUint32("uid"),
                        d.optUint32("gid"))),
                map(n, "netDevices", d -> new Linux.NetDevice(text(d, "name"))),
                object(n, "seccomp", SpecParser::seccomp),
                text(n, "rootfsPropagation"),
                n.stringList("maskedPaths"),
                n.stringList("readonlyPaths"),
                text(n, "mountLabel"),
                object(n, "intelRdt", r -> new IntelRdt(
                        text(r, "closID"),
                        r.stringList("schemata"),
                        text(r, "l3CacheSchema"),
                        text(r, "memBwSchema"),
                        flag(r, "enableMonitoring"))),
                object(n, "personality", p -> new Linux.Personality(p.reqString("domain"), p.stringList("flags"))),
                map(n, "timeOffsets", t -> new Linux.TimeOffset(orZero(t.optInt64("secs")), orZero(t.optUint32("nanosecs")))),
                object(n, "memoryPolicy", p -> new Linux.MemoryPolicy(
                        p.reqString("mode"), text(p, "nodes"), p.stringList("flags"))));
    }

    private static Seccomp seccomp(JsonNode s) {
        return new Seccomp(
                s.reqString("defaultAction"),
                s.optUint32("defaultErrnoRet"),
                s.stringList("architectures"),
                s.stringList("flags"),
                text(s, "listenerPath"),
                text(s, "listenerMetadata"),
                list(s, "syscalls", c -> new Seccomp.Syscall(
                        c.stringList("names"),
                        c.reqString("action"),
                        c.optUint32("errnoRet"),
                        list(c, "args", a -> new Seccomp.Arg(
                                a.required("index").asUint32(),
                                a.required("value").asUint64(),
                                orZero(a.optUint64("valueTwo")),
                                a.reqString("op"))))));
    }

    // ---- resources ----

    private static Resources resources(JsonNode r) {
        return new Resources(
                list(r, "devices", d -> new Resources.DeviceRule(
                        d.required("allow").asBool(),
                        text(d, "type"),
                        d.optInt64("major"),
                        d.optInt64("minor"),
                        text(d, "access"))),
                object(r, "memory", m -> new Resources.Memory(
                        m.optInt64("limit"),
                        m.optInt64("reservation"),
                        m.optInt64("swap"),
                        m.optInt64("kernel"),
                        m.optInt64("kernelTCP"),
                        m.optUint64("swappiness"),
                        m.optBool("disableOOMKiller"),
                        m.optBool("useHierarchy"),
                        m.optBool("checkBeforeUpdate"))),
                object(r, "cpu", c -> new Resources.Cpu(
                        c.optUint64("shares"),
                        c.optInt64("quota"),
                        c.optUint64("burst"),
                        c.optUint64("period"),
                        c.optInt64("realtimeRuntime"),
                        c.optUint64("realtimePeriod"),
                        text(c, "cpus"),
                        text(c, "mems"),
                        c.optInt64("idle"))),
                object(r, "pids", p -> new Resources.Pids(p.optInt64("limit"))),
                object(r, "blockIO", SpecParser::blockIo),
                list(r, "hugepageLimits", h -> new Resources.HugepageLimit(
                        h.reqString("pageSize"), h.required("limit").asUint64())),
                object(r, "network", n -> new Resources.Network(
                        n.optUint32("classID"),
                        list(n, "priorities", p -> new Resources.InterfacePriority(
                                p.reqString("name"), p.required("priority").asUint32())))),
                map(r, "rdma", d -> new Resources.Rdma(d.optUint32("hcaHandles"), d.optUint32("hcaObjects"))),
                r.stringMap("unified"));
    }

    private static Resources.BlockIo blockIo(JsonNode b) {
        return new Resources.BlockIo(
                b.optUint16("weight"),
                b.optUint16("leafWeight"),
                list(b, "weightDevice", d -> new Resources.WeightDevice(
                        d.required("major").asInt64(),
                        d.required("minor").asInt64(),
                        d.optUint16("weight"),
                        d.optUint16("leafWeight"))),
                list(b, "throttleReadBpsDevice", SpecParser::throttle),
                list(b, "throttleWriteBpsDevice", SpecParser::throttle),
                list(b, "throttleReadIOPSDevice", SpecParser::throttle),
                list(b, "throttleWriteIOPSDevice", SpecParser::throttle));
    }

    private static Resources.ThrottleDevice throttle(JsonNode d) {
        return new Resources.ThrottleDevice(
                d.required("major").asInt64(), d.required("minor").asInt64(), d.required("rate").asUint64());
    }

    // ---- conventions of the model (see Spec) ----

    /** An optional string: null when absent, null or empty (Go's omitempty cannot tell them apart). */
    private static String text(JsonNode n, String name) {
        String s = n.optString(name);
        return s == null || s.isEmpty() ? null : s;
    }

    /** An optional bool whose absence means false. */
    private static boolean flag(JsonNode n, String name) {
        return n.optBool(name, false);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** An optional object member converted by {@code convert}, or null when absent. */
    private static <T> T object(JsonNode n, String name, Function<JsonNode, T> convert) {
        JsonNode m = n.optObject(name);
        return m == null ? null : convert.apply(m);
    }

    /** An optional array member, each element converted; empty when absent. */
    private static <T> List<T> list(JsonNode n, String name, Function<JsonNode, T> convert) {
        List<T> items = new ArrayList<>();
        for (JsonNode element : n.elements(name)) {
            items.add(convert.apply(element));
        }
        return items;
    }

    /** An optional object member used as a map, each value an object converted; empty when absent. */
    private static <T> Map<String, T> map(JsonNode n, String name, Function<JsonNode, T> convert) {
        JsonNode m = n.optObject(name);
        if (m == null) {
            return Map.of();
        }
        Map<String, T> items = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : m.members().entrySet()) {
            e.getValue().members(); // each value must be an object, even one whose members are all optional
            items.put(e.getKey(), convert.apply(e.getValue()));
        }
        return items;
    }
}

package io.jrunc.container;

import io.jrunc.cgroups.CgroupManager;
import io.jrunc.json.Json;
import io.jrunc.json.JsonNode;
import io.jrunc.json.JsonValue;
import io.jrunc.spec.Spec;
import io.jrunc.spec.SpecParser;
import io.jrunc.spec.State;
import io.jrunc.sys.Syscalls;

import java.time.Instant;

/**
 * What jrunc keeps about a container in {@code <root>/<id>/state.json}: enough to find its init
 * again without mistaking a reused pid for it (the start time), and the config it was created
 * with (the poststop hooks must run even if the bundle changed or vanished meanwhile).
 *
 * @param initStartTime the init's start time in clock ticks since boot (/proc/PID/stat field 22)
 * @param config        the config.json the container was created from, as parsed
 * @param cgroup        the cgroup manager's saved paths ({@code CgroupManager.toJson}), or null
 */
public record ContainerRecord(
        String id,
        int initPid,
        long initStartTime,
        String bundle,
        String rootfs,
        Instant created,
        String owner,
        JsonValue config,
        JsonValue cgroup) {

    public Spec spec() {
        return SpecParser.parse(config);
    }

    /** The state as printed by {@code state} and given to hooks, with the given live status. */
    /** The container's cgroup manager, rebuilt from what create saved; null for a container without one. */
    public CgroupManager cgroupManager(Syscalls sys) {
        return cgroup == null ? null : CgroupManager.fromJson(sys, cgroup);
    }

    public State state(String status) {
        Spec spec = spec();
        int pid = State.STOPPED.equals(status) ? 0 : initPid;
        return new State(spec.ociVersion(), id, status, pid, bundle, rootfs, created, spec.annotations(), owner);
    }

    public JsonValue toJson() {
        return Json.object()
                .put("id", id)
                .put("initPid", initPid)
                .put("initStartTime", initStartTime)
                .put("bundle", bundle)
                .put("rootfs", rootfs)
                .put("created", State.rfc3339Nano(created))
                .put("owner", owner)
                .put("config", config)
                .putIfNotNull("cgroup", cgroup)
                .build();
    }

    public static ContainerRecord fromJson(JsonValue json) {
        JsonNode n = JsonNode.root(json);
        return new ContainerRecord(
                n.reqString("id"),
                n.required("initPid").asInt(),
                n.required("initStartTime").asInt64(),
                n.reqString("bundle"),
                n.reqString("rootfs"),
                Instant.parse(n.reqString("created")),
                n.optString("owner", ""),
                n.required("config").value(),
                n.has("cgroup") ? n.member("cgroup").value() : null);
    }
}

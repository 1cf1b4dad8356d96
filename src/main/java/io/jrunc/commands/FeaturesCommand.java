package io.jrunc.commands;

import io.jrunc.cli.Command;
import io.jrunc.cli.CommandSpec;
import io.jrunc.cli.Invocation;
import io.jrunc.cli.VersionInfo;
import io.jrunc.container.rootfs.MountOptions;
import io.jrunc.sys.Linux;
import io.jrunc.json.Json;
import io.jrunc.spec.Features;
import io.jrunc.spec.Spec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jrunc features}: the runtime-spec features document, stating only what jrunc really
 * implements. The cgroup section is left out (the spec's "unknown") until the cgroup managers are
 * wired into create.
 */
public final class FeaturesCommand implements Command {

    static final CommandSpec SPEC = new CommandSpec("features", "show the enabled features", "", """
            Show the enabled features.
               The result is parsable as a JSON.
               See https://github.com/opencontainers/runtime-spec/blob/main/features.md for the type definition.
            """, List.of());

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Invocation inv) {
        inv.requireExactly(0);
        // runc encodes with json.Encoder and a 4-space indent, which ends the document with a newline
        inv.out().print(Json.writeIndented(document(VersionInfo.load()).toJson(), "    ") + "\n");
        return 0;
    }

    static Features document(VersionInfo version) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("io.jrunc.checkpoint.enabled", "false");
        annotations.put("io.jrunc.commit", version.commit());
        annotations.put("io.jrunc.version", version.version());
        return Features.builder()
                .ociVersions("1.0.0", Spec.VERSION)
                .hooks(Features.HOOK_NAMES)
                .mountOptions(MountOptions.knownOptions())
                // user namespaces are refused until id mappings are implemented
                .namespaces(List.of("cgroup", "ipc", "mount", "network", "pid", "time", "uts"))
                .capabilities(Linux.capabilityNames())
                .seccomp(false, List.of(), List.of(), List.of(), List.of(), List.of())
                .apparmor(false)
                .selinux(false)
                .idmapMounts(false)
                .annotations(annotations)
                .build();
    }
}

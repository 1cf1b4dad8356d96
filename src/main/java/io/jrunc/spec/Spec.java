package io.jrunc.spec;

import java.util.List;
import java.util.Map;

/**
 * An OCI runtime-spec (1.3) container configuration, the content of a bundle's config.json.
 *
 * <p>Conventions shared by every record of this package:
 * <ul>
 *   <li>Optional objects and optional scalars the spec gives no default are {@code null} when absent.
 *       Optional strings are {@code null} when absent <em>or empty</em>: runc (Go, omitempty) cannot
 *       tell the two apart, so neither can we.</li>
 *   <li>Optional arrays and maps are empty (never null) when absent; all collections are unmodifiable.</li>
 *   <li>Integers: JSON int64 and uint32 values are Java {@code long} ({@code Long} when optional);
 *       JSON uint64 values are a {@code long} holding the unsigned 64-bit pattern, so
 *       18446744073709551615 is {@code -1L}: compare with {@link Long#compareUnsigned} and print with
 *       {@link Long#toUnsignedString(long)}. These members say "unsigned" in their documentation.</li>
 *   <li>Enumerated strings (namespace types, seccomp actions, ...) stay strings: checking their values
 *       is the job of the code that applies them, which can word the error the way runc does.</li>
 * </ul>
 *
 * @param ociVersion  the spec version the bundle complies with
 * @param process     the container process, or null (allowed for create-only tooling)
 * @param root        the root filesystem, or null
 * @param hostname    the UTS hostname, or null
 * @param domainname  the UTS domain name, or null
 * @param mounts      additional mounts, in order
 * @param hooks       lifecycle hooks, or null
 * @param annotations arbitrary metadata
 * @param linux       the Linux section, or null
 */
public record Spec(
        String ociVersion,
        Process process,
        Root root,
        String hostname,
        String domainname,
        List<Mount> mounts,
        Hooks hooks,
        Map<String, String> annotations,
        Linux linux) {

    /** The runtime-spec version jrunc implements, written by {@code jrunc spec} and {@code jrunc state}. */
    public static final String VERSION = "1.3.0";

    public Spec {
        mounts = Immutable.list(mounts);
        annotations = Immutable.map(annotations);
    }

    public Spec withProcess(Process newProcess) {
        return new Spec(ociVersion, newProcess, root, hostname, domainname, mounts, hooks, annotations, linux);
    }

    public Spec withMounts(List<Mount> newMounts) {
        return new Spec(ociVersion, process, root, hostname, domainname, newMounts, hooks, annotations, linux);
    }

    public Spec withLinux(Linux newLinux) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, newLinux);
    }
}

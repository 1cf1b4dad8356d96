package io.jrunc.spec;

import java.util.List;

/**
 * A mount on top of the root filesystem.
 *
 * @param destination absolute path inside the container
 * @param type        filesystem type, or null (bind mounts)
 * @param source      device name, directory or dummy source, or null
 * @param options     fstab-style options, in order
 * @param uidMappings id-mapped mount uid ranges
 * @param gidMappings id-mapped mount gid ranges
 */
public record Mount(
        String destination,
        String type,
        String source,
        List<String> options,
        List<IdMapping> uidMappings,
        List<IdMapping> gidMappings) {

    public Mount {
        options = Immutable.list(options);
        uidMappings = Immutable.list(uidMappings);
        gidMappings = Immutable.list(gidMappings);
    }

    public Mount(String destination, String type, String source, List<String> options) {
        this(destination, type, source, options, List.of(), List.of());
    }

    public Mount withOptions(List<String> newOptions) {
        return new Mount(destination, type, source, newOptions, uidMappings, gidMappings);
    }
}

package io.jrunc.spec;

/**
 * The container's root filesystem.
 *
 * @param path     the rootfs path, absolute or relative to the bundle
 * @param readonly whether the rootfs is made read-only before the process starts
 */
public record Root(String path, boolean readonly) {}

package io.jrunc.spec;

/**
 * One uid/gid range mapping of a user namespace or an id-mapped mount (all three are uint32).
 *
 * @param containerID the first id inside the container
 * @param hostID      the first id on the host that containerID maps to
 * @param size        how many ids are mapped
 */
public record IdMapping(long containerID, long hostID, long size) {}

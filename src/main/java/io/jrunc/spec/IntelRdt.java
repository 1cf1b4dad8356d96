package io.jrunc.spec;

import java.util.List;

/**
 * Intel RDT (resctrl) settings of the container.
 *
 * @param closID           the resctrl group (class of service) name, or null for one named after the container
 * @param schemata         complete schemata lines, written as they are
 * @param l3CacheSchema    the L3 line, or null
 * @param memBwSchema      the MB line, or null
 * @param enableMonitoring whether to create a monitoring group for the container
 */
public record IntelRdt(
        String closID, List<String> schemata, String l3CacheSchema, String memBwSchema, boolean enableMonitoring) {
    public IntelRdt {
        schemata = Immutable.list(schemata);
    }
}

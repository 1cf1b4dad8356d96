package io.jrunc.cgroups;

import io.jrunc.JruncException;
import io.jrunc.sys.GoQuote;

/**
 * --systemd-cgroup: jrunc has no systemd driver (it would talk D-Bus to systemd), so such a
 * request fails before anything is created, with runc's own messages where runc would fail too.
 */
final class SystemdCgroups {
    /** systemd's own "I am PID 1" marker, which runc checks too. */
    static final String RUNNING_MARKER = "/run/systemd/system";

    private SystemdCgroups() {}

    static void refuse(String cgroupsPath, boolean systemdRunning) {
        if (cgroupsPath != null && !cgroupsPath.isEmpty() && cgroupsPath.split(":", -1).length != 3) {
            throw new JruncException("expected cgroupsPath to be of format \"slice:prefix:name\" for systemd cgroups, got "
                    + GoQuote.quote(cgroupsPath) + " instead");
        }
        if (!systemdRunning) {
            throw new JruncException("systemd not running on this host, cannot use systemd cgroups manager");
        }
        throw new JruncException("systemd cgroup manager is not supported by jrunc; use the default cgroupfs driver");
    }
}

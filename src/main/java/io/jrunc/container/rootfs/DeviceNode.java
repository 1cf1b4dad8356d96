package io.jrunc.container.rootfs;

import io.jrunc.JruncException;
import io.jrunc.spec.Linux;
import io.jrunc.sys.GoQuote;

import java.util.ArrayList;
import java.util.List;

import static io.jrunc.sys.Linux.S_IFBLK;
import static io.jrunc.sys.Linux.S_IFCHR;
import static io.jrunc.sys.Linux.S_IFIFO;
import static io.jrunc.sys.Linux.S_IFMT;

/**
 * A device node to create in the container's /dev.
 *
 * @param path     absolute path inside the container
 * @param fileType S_IFCHR, S_IFBLK or S_IFIFO
 * @param major    major number
 * @param minor    minor number
 * @param mode     permission bits
 * @param uid      owner
 * @param gid      group
 */
public record DeviceNode(String path, int fileType, int major, int minor, int mode, int uid, int gid) {

    /** runc's default devices (specconv.AllowedDevices with a path), in runc's order. */
    public static final List<DeviceNode> DEFAULTS = List.of(
            new DeviceNode("/dev/null", S_IFCHR, 1, 3, 0666, 0, 0),
            new DeviceNode("/dev/random", S_IFCHR, 1, 8, 0666, 0, 0),
            new DeviceNode("/dev/full", S_IFCHR, 1, 7, 0666, 0, 0),
            new DeviceNode("/dev/tty", S_IFCHR, 5, 0, 0666, 0, 0),
            new DeviceNode("/dev/zero", S_IFCHR, 1, 5, 0666, 0, 0),
            new DeviceNode("/dev/urandom", S_IFCHR, 1, 9, 0666, 0, 0));

    /** runc's CreateDevices: the defaults not overridden by path, then the config's devices. */
    public static List<DeviceNode> forContainer(List<Linux.Device> configured) {
        List<DeviceNode> out = new ArrayList<>();
        for (DeviceNode d : DEFAULTS) {
            if (configured.stream().noneMatch(c -> d.path().equals(c.path()))) {
                out.add(d);
            }
        }
        for (Linux.Device d : configured) {
            out.add(of(d));
        }
        return out;
    }

    /** One linux.devices entry; "u" (unbuffered) is a character device, as in runc. */
    static DeviceNode of(Linux.Device d) {
        int type = switch (d.type()) {
            case "c", "u" -> S_IFCHR;
            case "b" -> S_IFBLK;
            case "p" -> S_IFIFO;
            default -> throw new JruncException("invalid device type " + GoQuote.quote(d.type()));
        };
        int mode = d.fileMode() == null ? 0666 : (int) (d.fileMode() & ~S_IFMT);
        return new DeviceNode(d.path(), type, (int) d.major(), (int) d.minor(), mode,
                d.uid() == null ? 0 : (int) (long) d.uid(), d.gid() == null ? 0 : (int) (long) d.gid());
    }
}

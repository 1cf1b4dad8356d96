package io.jrunc.container.rootfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jrunc.sys.Linux.MOUNT_ATTR_NOATIME;
import static io.jrunc.sys.Linux.MOUNT_ATTR_NODEV;
import static io.jrunc.sys.Linux.MOUNT_ATTR_NODIRATIME;
import static io.jrunc.sys.Linux.MOUNT_ATTR_NOEXEC;
import static io.jrunc.sys.Linux.MOUNT_ATTR_NOSUID;
import static io.jrunc.sys.Linux.MOUNT_ATTR_NOSYMFOLLOW;
import static io.jrunc.sys.Linux.MOUNT_ATTR_RDONLY;
import static io.jrunc.sys.Linux.MOUNT_ATTR_RELATIME;
import static io.jrunc.sys.Linux.MOUNT_ATTR_STRICTATIME;
import static io.jrunc.sys.Linux.MOUNT_ATTR__ATIME;
import static io.jrunc.sys.Linux.MS_BIND;
import static io.jrunc.sys.Linux.MS_DIRSYNC;
import static io.jrunc.sys.Linux.MS_I_VERSION;
import static io.jrunc.sys.Linux.MS_LAZYTIME;
import static io.jrunc.sys.Linux.MS_MANDLOCK;
import static io.jrunc.sys.Linux.MS_NOATIME;
import static io.jrunc.sys.Linux.MS_NODEV;
import static io.jrunc.sys.Linux.MS_NODIRATIME;
import static io.jrunc.sys.Linux.MS_NOEXEC;
import static io.jrunc.sys.Linux.MS_NOSUID;
import static io.jrunc.sys.Linux.MS_NOSYMFOLLOW;
import static io.jrunc.sys.Linux.MS_PRIVATE;
import static io.jrunc.sys.Linux.MS_RDONLY;
import static io.jrunc.sys.Linux.MS_REC;
import static io.jrunc.sys.Linux.MS_RELATIME;
import static io.jrunc.sys.Linux.MS_REMOUNT;
import static io.jrunc.sys.Linux.MS_SHARED;
import static io.jrunc.sys.Linux.MS_SILENT;
import static io.jrunc.sys.Linux.MS_SLAVE;
import static io.jrunc.sys.Linux.MS_STRICTATIME;
import static io.jrunc.sys.Linux.MS_SYNCHRONOUS;
import static io.jrunc.sys.Linux.MS_UNBINDABLE;

/**
 * One OCI mount's "options" array, parsed the way runc's specconv.parseMountOptions does.
 *
 * @param flags         MS_* flags to pass to mount(2)
 * @param clearedFlags  MS_* flags the options explicitly asked to clear ("rw", "suid", "dev", ...):
 *                      a bind remount must not quietly keep them
 * @param propagation   propagation changes (MS_SHARED, MS_PRIVATE|MS_REC, ...), each applied by a
 *                      separate mount(2) call after the mount, in order
 * @param recAttrSet    MOUNT_ATTR_* to set recursively with mount_setattr(2) ("rro", "rnosuid", ...)
 * @param recAttrClr    MOUNT_ATTR_* to clear recursively
 * @param data          the options that are not flags, comma-joined, for the filesystem ("mode=755,size=65536k")
 * @param tmpcopyup     runc's "tmpcopyup" extension: a tmpfs starts with the content of the directory it covers
 * @param idmap         "idmap" or "ridmap" was given (an id-mapped mount)
 */
public record MountOptions(
        long flags,
        long clearedFlags,
        List<Long> propagation,
        long recAttrSet,
        long recAttrClr,
        String data,
        boolean tmpcopyup,
        boolean idmap) {

    public MountOptions {
        propagation = List.copyOf(propagation);
    }

    /** An option that sets or clears a flag. */
    private record Flag(boolean clear, long value) {}

    /** runc's mountFlags table. "defaults" is accepted and means nothing, as for mount(8). */
    private static final Map<String, Flag> MOUNT_FLAGS = Map.ofEntries(
            Map.entry("async", new Flag(true, MS_SYNCHRONOUS)),
            Map.entry("atime", new Flag(true, MS_NOATIME)),
            Map.entry("bind", new Flag(false, MS_BIND)),
            Map.entry("defaults", new Flag(false, 0)),
            Map.entry("dev", new Flag(true, MS_NODEV)),
            Map.entry("diratime", new Flag(true, MS_NODIRATIME)),
            Map.entry("dirsync", new Flag(false, MS_DIRSYNC)),
            Map.entry("exec", new Flag(true, MS_NOEXEC)),
            Map.entry("iversion", new Flag(false, MS_I_VERSION)),
            Map.entry("lazytime", new Flag(false, MS_LAZYTIME)),
            Map.entry("loud", new Flag(true, MS_SILENT)),
            Map.entry("mand", new Flag(false, MS_MANDLOCK)),
            Map.entry("noatime", new Flag(false, MS_NOATIME)),
            Map.entry("nodev", new Flag(false, MS_NODEV)),
            Map.entry("nodiratime", new Flag(false, MS_NODIRATIME)),
            Map.entry("noexec", new Flag(false, MS_NOEXEC)),
            Map.entry("noiversion", new Flag(true, MS_I_VERSION)),
            Map.entry("nolazytime", new Flag(true, MS_LAZYTIME)),
            Map.entry("nomand", new Flag(true, MS_MANDLOCK)),
            Map.entry("norelatime", new Flag(true, MS_RELATIME)),
            Map.entry("nostrictatime", new Flag(true, MS_STRICTATIME)),
            Map.entry("nosuid", new Flag(false, MS_NOSUID)),
            Map.entry("nosymfollow", new Flag(false, MS_NOSYMFOLLOW)),
            Map.entry("rbind", new Flag(false, MS_BIND | MS_REC)),
            Map.entry("relatime", new Flag(false, MS_RELATIME)),
            Map.entry("remount", new Flag(false, MS_REMOUNT)),
            Map.entry("ro", new Flag(false, MS_RDONLY)),
            Map.entry("rw", new Flag(true, MS_RDONLY)),
            Map.entry("silent", new Flag(false, MS_SILENT)),
            Map.entry("strictatime", new Flag(false, MS_STRICTATIME)),
            Map.entry("suid", new Flag(true, MS_NOSUID)),
            Map.entry("sync", new Flag(false, MS_SYNCHRONOUS)),
            Map.entry("symfollow", new Flag(true, MS_NOSYMFOLLOW)));

    /** runc's mountPropagationMapping (also what linux.rootfsPropagation accepts). */
    static final Map<String, Long> PROPAGATION = Map.of(
            "rprivate", MS_PRIVATE | MS_REC,
            "private", MS_PRIVATE,
            "rslave", MS_SLAVE | MS_REC,
            "slave", MS_SLAVE,
            "rshared", MS_SHARED | MS_REC,
            "shared", MS_SHARED,
            "runbindable", MS_UNBINDABLE | MS_REC,
            "unbindable", MS_UNBINDABLE);

    /** runc's recAttrFlags: recursive options applied with mount_setattr(2) and AT_RECURSIVE. */
    private static final Map<String, Flag> RECURSIVE_ATTRS = Map.ofEntries(
            Map.entry("rro", new Flag(false, MOUNT_ATTR_RDONLY)),
            Map.entry("rrw", new Flag(true, MOUNT_ATTR_RDONLY)),
            Map.entry("rnosuid", new Flag(false, MOUNT_ATTR_NOSUID)),
            Map.entry("rsuid", new Flag(true, MOUNT_ATTR_NOSUID)),
            Map.entry("rnodev", new Flag(false, MOUNT_ATTR_NODEV)),
            Map.entry("rdev", new Flag(true, MOUNT_ATTR_NODEV)),
            Map.entry("rnoexec", new Flag(false, MOUNT_ATTR_NOEXEC)),
            Map.entry("rexec", new Flag(true, MOUNT_ATTR_NOEXEC)),
            Map.entry("rnodiratime", new Flag(false, MOUNT_ATTR_NODIRATIME)),
            Map.entry("rdiratime", new Flag(true, MOUNT_ATTR_NODIRATIME)),
            Map.entry("rrelatime", new Flag(false, MOUNT_ATTR_RELATIME)),
            Map.entry("rnorelatime", new Flag(true, MOUNT_ATTR_RELATIME)),
            Map.entry("rnoatime", new Flag(false, MOUNT_ATTR_NOATIME)),
            Map.entry("ratime", new Flag(true, MOUNT_ATTR_NOATIME)),
            Map.entry("rstrictatime", new Flag(false, MOUNT_ATTR_STRICTATIME)),
            Map.entry("rnostrictatime", new Flag(true, MOUNT_ATTR_STRICTATIME)),
            Map.entry("rnosymfollow", new Flag(false, MOUNT_ATTR_NOSYMFOLLOW)),
            Map.entry("rsymfollow", new Flag(true, MOUNT_ATTR_NOSYMFOLLOW)));

    /** Every option name this parser gives a meaning (what `features` reports as mountOptions), sorted. */
    public static List<String> knownOptions() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(MOUNT_FLAGS.keySet());
        names.addAll(PROPAGATION.keySet());
        names.addAll(RECURSIVE_ATTRS.keySet());
        names.add("tmpcopyup");
        return List.copyOf(names);
    }

    /** Parses an OCI mount's options; a later option overrides an earlier one, as in runc. */
    public static MountOptions parse(List<String> options) {
        long flags = 0;
        long cleared = 0;
        List<Long> propagation = new ArrayList<>();
        long attrSet = 0;
        long attrClr = 0;
        List<String> data = new ArrayList<>();
        boolean tmpcopyup = false;
        boolean idmap = false;
        for (String option : options) {
            Flag flag = MOUNT_FLAGS.get(option);
            Flag attr = RECURSIVE_ATTRS.get(option);
            Long prop = PROPAGATION.get(option);
            if (flag != null) {
                if (flag.clear()) {
                    flags &= ~flag.value();
                    cleared |= flag.value();
                } else {
                    flags |= flag.value();
                    cleared &= ~flag.value();
                }
            } else if (prop != null) {
                propagation.add(prop);
            } else if (attr != null) {
                if (attr.clear()) {
                    attrClr |= attr.value();
                    attrSet &= ~attr.value();
                } else {
                    attrSet |= attr.value();
                    attrClr &= ~attr.value();
                    // mount_setattr(2): an access-time mode in attr_set needs MOUNT_ATTR__ATIME in attr_clr
                    // ("rrelatime" is the value 0, which also lands here, as in runc).
                    if ((attr.value() & MOUNT_ATTR__ATIME) == attr.value()) {
                        attrClr |= MOUNT_ATTR__ATIME;
                    }
                }
            } else if (option.equals("tmpcopyup")) {
                tmpcopyup = true;
            } else if (option.equals("idmap") || option.equals("ridmap")) {
                idmap = true;
            } else if (option.startsWith("x-")) {
                // userspace options (mount(8)'s x-*) mean nothing to the kernel
                continue;
            } else {
                data.add(option);
            }
        }
        return new MountOptions(flags, cleared, propagation, attrSet, attrClr, String.join(",", data), tmpcopyup, idmap);
    }

    /** Whether this is a bind mount ("bind" or "rbind"). */
    public boolean isBind() {
        return (flags & MS_BIND) != 0;
    }

    /** Whether mount_setattr(2) must run after the mount. */
    public boolean hasRecursiveAttrs() {
        return recAttrSet != 0 || recAttrClr != 0;
    }

    /** The same options with other filesystem data. */
    MountOptions withData(String newData) {
        return new MountOptions(flags, clearedFlags, propagation, recAttrSet, recAttrClr, newData, tmpcopyup, idmap);
    }
}

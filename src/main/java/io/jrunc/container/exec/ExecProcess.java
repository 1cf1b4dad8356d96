package io.jrunc.container.exec;

import io.jrunc.JruncException;
import io.jrunc.container.process.ProcessValidator;
import io.jrunc.json.Json;
import io.jrunc.json.JsonValue;
import io.jrunc.spec.Process;
import io.jrunc.spec.Spec;
import io.jrunc.spec.SpecParser;
import io.jrunc.sys.Errno;
import io.jrunc.sys.GoQuote;
import io.jrunc.sys.Linux;
import io.jrunc.sys.SysFiles;
import io.jrunc.sys.Syscalls;

import java.util.ArrayList;
import java.util.List;

/**
 * The process {@code exec} runs, built as runc's getProcess builds it, then completed with the
 * container's settings the way libcontainer's newInitConfig/finalizeNamespace fall back to them.
 * <ul>
 *   <li>With {@code -p}: the process.json as it is; every other process flag is ignored.</li>
 *   <li>Otherwise the container's config process with args from the command line, {@code --cwd},
 *       {@code --apparmor} and {@code --process-label} replacing, {@code -e} appended to env,
 *       {@code --cap} added to the bounding, effective and permitted sets (and to ambient only
 *       where it is inheritable too: runc stopped setting inheritable capabilities in 1.1.2, and an
 *       ambient capability that is not inheritable cannot be raised), {@code -t} and
 *       {@code --no-new-privs} when given, {@code -u uid[:gid]} (numbers only, Go's Atoi) and
 *       {@code -g} appended to the additional gids.</li>
 * </ul>
 * A process without capabilities gets the container's, one without rlimits the container's, one
 * without an AppArmor profile or SELinux label the container's.
 */
public final class ExecProcess {
    /** The largest uid or gid runc accepts (moby/sys/user's range check). */
    static final long MAX_ID = Integer.MAX_VALUE;
    static final String ID_RANGE_MESSAGE = "unable to setup user: uids and gids must be in range 0-" + MAX_ID;
    /** statfs f_type of selinuxfs. */
    static final long SELINUX_MAGIC = 0xf97cff8cL;
    static final String SELINUX_FS = "/sys/fs/selinux";

    private ExecProcess() {}

    /**
     * The process to run in a container created from {@code container}, checked as runc's
     * getProcess checks it ("Cwd must be an absolute path", "parsing x as int for uid failed:
     * ..."), with the container's fallbacks applied ({@link #withContainerDefaults}). {@link #validate}
     * checks the rest.
     */
    public static Process build(Syscalls sys, ExecOptions o, Spec container) {
        Process p = o.processPath() != null ? readProcessJson(sys, o.processPath()) : fromConfig(o, container.process());
        validateProcessSpec(p);
        return withContainerDefaults(p, container.process());
    }

    /**
     * Everything else about the process of {@code spec} (the container's config with the exec
     * process in it): the SELinux label only where SELinux is on, jrunc's process validator
     * (capability and rlimit names, env entries, ...), ids within runc's range. Returns the
     * validator's warnings.
     */
    public static List<String> validate(Syscalls sys, Spec spec) {
        checkSelinux(sys, spec.process());
        List<String> warnings = ProcessValidator.validate(spec);
        checkIdRange(spec.process().user());
        return warnings;
    }

    /** runc's getProcess for the flags: the config's process changed by the command line. */
    static Process fromConfig(ExecOptions o, Process base) {
        if (base == null) {
            throw new JruncException("process property must not be empty");
        }
        validateProcessSpec(base); // runc's loadSpec checks the config's process before changing it
        List<String> env = new ArrayList<>(base.env());
        env.addAll(o.env());
        Process.User user = user(o, base.user());
        return new Process(
                o.tty() != null && o.tty(),
                base.consoleSize(),
                user,
                o.args(),
                base.commandLine(),
                env,
                o.cwd() != null ? o.cwd() : base.cwd(),
                withAddedCaps(base.capabilities(), o.caps()),
                base.rlimits(),
                o.noNewPrivs() != null ? o.noNewPrivs() : base.noNewPrivileges(),
                o.apparmor() != null ? o.apparmor() : base.apparmorProfile(),
                base.oomScoreAdj(),
                base.scheduler(),
                o.processLabel() != null ? o.processLabel() : base.selinuxLabel(),
                base.ioPriority(),
                base.execCPUAffinity());
    }

    /** -u "uid[:gid]" (gid parsed first, as runc does) and -g appended to the additional gids. */
    private static Process.User user(ExecOptions o, Process.User base) {
        long uid = base.uid();
        long gid = base.gid();
        if (o.user() != null) {
            String[] parts = o.user().split(":", 2);
            if (parts.length > 1) {
                gid = atoi(parts[1], "gid") & 0xffffffffL; // Go's uint32(gid)
            }
            uid = atoi(parts[0], "uid") & 0xffffffffL;
        }
        List<Long> groups = new ArrayList<>(base.additionalGids());
        for (long g : o.additionalGids()) {
            if (g < 0) {
                throw new JruncException("additional-gids must be a positive number " + g);
            }
            groups.add(g & 0xffffffffL);
        }
        return new Process.User(uid, gid, base.umask(), groups, base.username());
    }

    /** Go's strconv.Atoi (int64), with runc's message around its error. */
    static long atoi(String s, String what) {
        String problem = null;
        long value = 0;
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            problem = "invalid syntax";
        } else {
            try {
                value = Long.parseLong(s.startsWith("+") ? digits : s);
            } catch (NumberFormatException e) {
                problem = "value out of range";
            }
        }
        if (problem != null) {
            throw new JruncException("parsing " + s + " as int for " + what + " failed: strconv.Atoi: parsing "
                    + GoQuote.quote(s) + ": " + problem);
        }
        return value;
    }

    /** --cap: runc appends each name to bounding, effective and permitted (and ambient, where that can work). */
    static Process.Capabilities withAddedCaps(Process.Capabilities caps, List<String> added) {
        if (added.isEmpty()) {
            return caps;
        }
        Process.Capabilities c = caps != null ? caps
                : new Process.Capabilities(List.of(), List.of(), List.of(), List.of(), List.of());
        List<String> bounding = new ArrayList<>(c.bounding());
        List<String> effective = new ArrayList<>(c.effective());
        List<String> permitted = new ArrayList<>(c.permitted());
        List<String> ambient = new ArrayList<>(c.ambient());
        for (String cap : added) {
            bounding.add(cap);
            effective.add(cap);
            permitted.add(cap);
            if (c.inheritable().contains(cap)) {
                ambient.add(cap);
            }
        }
        return new Process.Capabilities(bounding, effective, c.inheritable(), permitted, ambient);
    }

    /** libcontainer's newInitConfig/finalizeNamespace: what the exec process leaves out comes from the container. */
    static Process withContainerDefaults(Process p, Process container) {
        if (container == null) {
            return p;
        }
        return new Process(p.terminal(), p.consoleSize(), p.user(), p.args(), p.commandLine(), p.env(), p.cwd(),
                p.capabilities() != null ? p.capabilities() : container.capabilities(),
                !p.rlimits().isEmpty() ? p.rlimits() : container.rlimits(),
                p.noNewPrivileges(),
                p.apparmorProfile() != null ? p.apparmorProfile() : container.apparmorProfile(),
                p.oomScoreAdj(), p.scheduler(),
                p.selinuxLabel() != null ? p.selinuxLabel() : container.selinuxLabel(),
                p.ioPriority(), p.execCPUAffinity());
    }

    /** runc's validateProcessSpec, with its messages (no JSON path in front). */
    static void validateProcessSpec(Process p) {
        if (p.cwd() == null || p.cwd().isEmpty()) {
            throw new JruncException("Cwd property must not be empty");
        }
        if (!p.cwd().startsWith("/")) {
            throw new JruncException("Cwd must be an absolute path");
        }
        if (p.args().isEmpty()) {
            throw new JruncException("args must not be empty");
        }
    }

    private static void checkSelinux(Syscalls sys, Process p) {
        if (p.selinuxLabel() != null && !selinuxEnabled(sys)) {
            throw new JruncException("selinux label is specified in config, but selinux is disabled or not supported");
        }
    }

    /** go-selinux's GetEnabled, reduced to its first test: selinuxfs is mounted at its usual place. */
    static boolean selinuxEnabled(Syscalls sys) {
        try {
            return sys.statfs(SELINUX_FS).type() == SELINUX_MAGIC;
        } catch (JruncException e) {
            return false;
        }
    }

    /**
     * Ids above 2^31-1 (e.g. "-u -1", which Go turns into 4294967295) are refused as runc refuses
     * them: setresuid would read 4294967295 as -1, "leave unchanged", and the process would stay root.
     */
    static void checkIdRange(Process.User user) {
        boolean bad = user.uid() > MAX_ID || user.gid() > MAX_ID;
        for (long g : user.additionalGids()) {
            bad |= g > MAX_ID;
        }
        if (bad) {
            throw new JruncException(ContainerExec.START_FAILED + ": " + ID_RANGE_MESSAGE);
        }
    }

    /** -p: the file parsed as an OCI process object. */
    static Process readProcessJson(Syscalls sys, String path) {
        byte[] bytes;
        try {
            bytes = SysFiles.readFile(sys, Linux.AT_FDCWD, path);
        } catch (JruncException e) {
            String what = e.errno() != 0 ? Errno.message(e.errno()) : e.getMessage();
            throw new JruncException("open " + path + ": " + what, e.errno(), e);
        }
        JsonValue json = Json.parse(bytes);
        return SpecParser.parseProcess(json);
    }
}

package io.jrunc.container.exec;

import java.util.ArrayList;
import java.util.List;

/** A mutable stand-in for the exec command line, turned into {@link ExecOptions} by {@link #build}. */
final class Opts {
    String id = ExecKernel.ID;
    List<String> args = new ArrayList<>(List.of("/bin/true"));
    String process;
    boolean detach;
    String pidFile;
    List<String> env = new ArrayList<>();
    String cwd;
    String user;
    List<Long> gids = new ArrayList<>();
    List<String> caps = new ArrayList<>();
    Boolean noNewPrivs;
    Boolean tty;
    String apparmor;
    String label;
    int preserveFds;
    List<String> cgroups = new ArrayList<>();
    boolean ignorePaused;
    String consoleSocket;
    String pidfdSocket;

    static Opts of(String... args) {
        Opts o = new Opts();
        o.args = new ArrayList<>(List.of(args));
        return o;
    }

    ExecOptions build() {
        return new ExecOptions(id, args, process, detach, pidFile, env, cwd, user, gids, caps, noNewPrivs, tty,
                apparmor, label, preserveFds, cgroups, ignorePaused, consoleSocket, pidfdSocket);
    }
}

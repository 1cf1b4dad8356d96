package io.jrunc.spec;

import java.util.List;

/**
 * One lifecycle hook command.
 *
 * @param path    absolute path of the executable
 * @param args    argv, including argv[0]
 * @param env     environment, KEY=value
 * @param timeout seconds before the hook is aborted, or null for none
 */
public record Hook(String path, List<String> args, List<String> env, Integer timeout) {
    public Hook {
        args = Immutable.list(args);
        env = Immutable.list(env);
    }
}

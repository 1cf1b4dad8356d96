package io.jrunc.container.hooks;

import io.jrunc.spec.Hook;
import io.jrunc.spec.Hooks;

import java.util.List;

/** The points of a container's life where hooks run, named as in config.json (and in runc's errors). */
public enum HookPhase {
    PRESTART("prestart"),
    CREATE_RUNTIME("createRuntime"),
    CREATE_CONTAINER("createContainer"),
    START_CONTAINER("startContainer"),
    POSTSTART("poststart"),
    POSTSTOP("poststop");

    private final String configName;

    HookPhase(String configName) {
        this.configName = configName;
    }

    /** The config.json member: "createRuntime". */
    public String configName() {
        return configName;
    }

    /** This phase's hooks in {@code hooks}; empty when the config has no hooks. */
    public List<Hook> of(Hooks hooks) {
        if (hooks == null) {
            return List.of();
        }
        return switch (this) {
            case PRESTART -> hooks.prestart();
            case CREATE_RUNTIME -> hooks.createRuntime();
            case CREATE_CONTAINER -> hooks.createContainer();
            case START_CONTAINER -> hooks.startContainer();
            case POSTSTART -> hooks.poststart();
            case POSTSTOP -> hooks.poststop();
        };
    }
}

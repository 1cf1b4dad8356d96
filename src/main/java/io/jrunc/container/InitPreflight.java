package io.jrunc.container;

import io.jrunc.container.process.ProcessValidator;
import io.jrunc.spec.Spec;
import io.jrunc.sys.Syscalls;

import java.util.List;

/**
 * Checks, before create's first side effect, everything the init would otherwise only find
 * midway (unknown capabilities and rlimits, bad mount options, a hostname without a uts
 * namespace): a broken config must fail without leaving anything behind. Returns warnings.
 */
final class InitPreflight {
    private InitPreflight() {}

    static List<String> check(Syscalls sys, Spec spec, Namespaces namespaces) {
        return ProcessValidator.validate(spec);
    }
}

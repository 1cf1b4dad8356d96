package io.jrunc.sys;

import java.util.ServiceLoader;

/**
 * Holds the {@link RawSyscall} binding. The native build initialises this class at image build
 * time, so the choice is made once, by the builder: the {@code @CFunction} binding registered as a
 * service by the native-only sources, or, on HotSpot and a real GraalVM, the FFM Linker.
 */
public final class SyscallBinding {
    private SyscallBinding() {}

    public static final RawSyscall RAW = choose();

    private static RawSyscall choose() {
        for (RawSyscall r : ServiceLoader.load(RawSyscall.class, SyscallBinding.class.getClassLoader())) {
            return r;
        }
        return new LinkerRawSyscall();
    }
}

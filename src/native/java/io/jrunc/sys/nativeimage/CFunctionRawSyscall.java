package io.jrunc.sys.nativeimage;

import io.jrunc.sys.RawSyscall;
import org.graalvm.nativeimage.c.function.CFunction;
import org.graalvm.nativeimage.c.type.CIntPointer;

/**
 * {@link RawSyscall} for the native image built from Maven Central's GraalVM builder jars, which
 * lack the FFM Linker: libc's syscall() and __errno_location() bound as GraalVM C functions. No
 * thread transition: jrunc is single-threaded, and nothing may run between the call and the errno
 * read that could overwrite errno.
 */
public final class CFunctionRawSyscall implements RawSyscall {

    @CFunction(value = "syscall", transition = CFunction.Transition.NO_TRANSITION)
    private static native long syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

    @CFunction(value = "__errno_location", transition = CFunction.Transition.NO_TRANSITION)
    private static native CIntPointer errnoLocation();

    @Override
    public long call(long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
        long r = syscall(nr, a1, a2, a3, a4, a5, a6);
        return r == -1 ? -errnoLocation().read() : r;
    }
}

package io.jrunc.sys;

/**
 * The one native call of jrunc: libc's {@code syscall(2)} and the errno it leaves. Two bindings
 * exist, chosen when the program is built: an FFM {@code Linker} downcall (HotSpot, a real
 * GraalVM) and a GraalVM {@code @CFunction} (the native image built from Maven Central, whose
 * source lives in src/native/java and is compiled only into that image).
 *
 * <p>Arguments are raw machine words: pointers are passed as {@code MemorySegment.address()}.
 */
public interface RawSyscall {
    /**
     * Invokes syscall number {@code nr}. Returns the kernel's result when it is not negative; on
     * failure returns {@code -errno} (never -1 with errno elsewhere), so callers need no second call.
     */
    long call(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
}

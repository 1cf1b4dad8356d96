package io.jrunc.container.terminal;

import io.jrunc.sys.Linux;
import io.jrunc.sys.Structs;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A receiver that sees everything a message carried, as go-runc's and conmon's receivers would:
 * every control message and every fd (the production recvFd keeps only the first fd).
 */
final class RawRecvmsg {
    private RawRecvmsg() {}

    private static final MethodHandle RECVMSG = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("recvmsg").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;

    /** One recvmsg(2): the data, how many control messages came, every SCM_RIGHTS fd, msg_flags. */
    record Message(byte[] data, int controlMessages, List<Integer> fds, int flags) {}

    static Message receive(int socket, int maxData) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment payload = arena.allocate(maxData);
            MemorySegment iov = arena.allocate(Structs.Iovec.LAYOUT);
            Structs.Iovec.BASE.set(iov, 0L, payload.address());
            Structs.Iovec.LEN.set(iov, 0L, (long) maxData);
            MemorySegment control = arena.allocate(Structs.CmsgHdr.space(4L * 16), 8);
            MemorySegment msg = arena.allocate(Structs.MsgHdr.LAYOUT);
            Structs.MsgHdr.IOV.set(msg, 0L, iov.address());
            Structs.MsgHdr.IOVLEN.set(msg, 0L, 1L);
            Structs.MsgHdr.CONTROL.set(msg, 0L, control.address());
            Structs.MsgHdr.CONTROLLEN.set(msg, 0L, control.byteSize());
            long n = (long) RECVMSG.invokeExact(socket, msg, MSG_CMSG_CLOEXEC);
            if (n < 0) {
                throw new IllegalStateException("recvmsg failed");
            }
            long controlLength = (long) Structs.MsgHdr.CONTROLLEN.get(msg, 0L);
            int messages = 0;
            List<Integer> fds = new ArrayList<>();
            long pos = 0;
            long head = Structs.CmsgHdr.dataOffset();
            while (pos + head <= controlLength) {
                MemorySegment c = control.asSlice(pos);
                long len = (long) Structs.CmsgHdr.LEN.get(c, 0L);
                if (len < head) {
                    break;
                }
                messages++;
                if ((int) Structs.CmsgHdr.LEVEL.get(c, 0L) == Linux.SOL_SOCKET
                        && (int) Structs.CmsgHdr.TYPE.get(c, 0L) == Linux.SCM_RIGHTS) {
                    for (long off = head; off + 4 <= len; off += 4) {
                        fds.add(c.get(JAVA_INT, off));
                    }
                }
                pos += Structs.CmsgHdr.align(len);
            }
            byte[] data = new byte[(int) n];
            MemorySegment.copy(payload, JAVA_BYTE, 0, data, 0, (int) n);
            return new Message(data, messages, fds, (int) Structs.MsgHdr.FLAGS.get(msg, 0L));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}

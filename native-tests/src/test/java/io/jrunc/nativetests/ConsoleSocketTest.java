package io.jrunc.nativetests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * --console-socket the way conmon and containerd use it: the test is the receiving side (a small
 * Python program, since Java cannot receive SCM_RIGHTS), which must get exactly one message with
 * exactly one fd, the pty master, then types "echo hi" into it and reads the echo back.
 */
@Tag("root")
@DisplayName("console socket: create and exec -t send exactly one pty master fd")
class ConsoleSocketTest extends NativeTest {
    private static final Path RECEIVER = Path.of("tools/console-receiver.py").toAbsolutePath();

    /** Starts the receiver listening on {@code socket}; returns once it listens. */
    private static Process receiver(Path socket, String command, String expected) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || Files.isExecutable(Path.of("/root/.pyenv/shims/python3")),
                "the receiver needs python3 (socket.recv_fds)");
        Process p = new ProcessBuilder("python3", RECEIVER.toString(), socket.toString(), command, expected)
                .redirectErrorStream(true).start();
        String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("LISTENING", first, "receiver did not start");
        return p;
    }

    private static String outcome(Process receiver) throws Exception {
        assertEquals(true, receiver.waitFor(60, TimeUnit.SECONDS), "receiver did not finish");
        return new String(receiver.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    @Test
    @DisplayName("create --console-socket with process.terminal: one fd, a working pty")
    void createSendsTheMaster() throws Exception {
        Path socket = tmp.resolve("console.sock");
        Process receiver = receiver(socket, "echo h''i-from-the-pty", "hi-from-the-pty");
        try {
            Bundle b = bundle("sh");
            b.process().put("terminal", true);
            Container c = container(b);
            c.create("--console-socket", socket.toString()).assertSuccess();
            c.start().assertSuccess();
            assertEquals("OK 1", outcome(receiver));
        } finally {
            receiver.destroyForcibly();
        }
    }

    @Test
    @DisplayName("exec -t -d --console-socket: one fd, a working pty in the running container")
    void execSendsTheMaster() throws Exception {
        Bundle b = bundle("sleep", "60");
        Container c = container(b);
        c.create().assertSuccess();
        c.start().assertSuccess();
        Path socket = tmp.resolve("exec-console.sock");
        Process receiver = receiver(socket, "echo e''xec-on-a-pty; exit", "exec-on-a-pty");
        try {
            c.cmd(List.of("exec", "-t", "-d", "--console-socket", socket.toString(), c.id(), "sh").toArray(String[]::new))
                    .assertSuccess();
            assertEquals("OK 1", outcome(receiver));
        } finally {
            receiver.destroyForcibly();
        }
    }
}

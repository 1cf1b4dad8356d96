package io.jrunc.nativetests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInfo;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Base of the tests that run containers: skips unless the binary exists (and, as soon as a test asks for a bundle
 * or container, unless it runs as root), gives each test a fresh temp dir (bundles and the {@code --root} state dir live in it) and, after each test, whatever happened: deletes
 * its containers ({@code delete --force}), then removes and reports anything they left behind (cgroups named
 * after their ids, mounts under the temp dir), then deletes the temp dir without crossing mount points.
 */
@Tag("native")
public abstract class NativeTest {
    /** This test's temp dir. */
    protected Path tmp;
    /** The --root every container of this test uses (under tmp). */
    protected Path root;
    private final List<Container> containers = new ArrayList<>();
    private String prefix = "nt";
    private int bundles;

    @BeforeEach
    final void nativeSetUp(TestInfo info) throws IOException {
        Jrunc.binary();
        tmp = Files.createTempDirectory("jrunc-nt-");
        root = tmp.resolve("state");
        prefix = info.getTestMethod().map(m -> m.getName()).orElse("nt")
                .replaceAll("[^A-Za-z0-9]", "").toLowerCase();
        if (prefix.length() > 20) prefix = prefix.substring(0, 20);
    }

    /** A new bundle under tmp whose process runs {@code args}. */
    protected Bundle bundle(String... args) {
        Jrunc.assumeRoot();
        return Bundle.create(tmp.resolve("bundle" + (bundles++ == 0 ? "" : String.valueOf(bundles))), args);
    }

    /** A container of this bundle with a fresh id, deleted after the test. */
    protected Container container(Bundle bundle) {
        Jrunc.assumeRoot();
        Container c = new Container(root, bundle, Container.newId(prefix));
        containers.add(c);
        return c;
    }

    /** Registers a container made some other way for the after-test cleanup. */
    protected Container track(Container c) {
        containers.add(c);
        return c;
    }

    @AfterEach
    final void nativeTearDown() {
        if (tmp == null) return;
        for (Container c : containers) {
            try {
                c.close();
            } catch (RuntimeException | AssertionError e) {
                System.err.println("cleanup of " + c.id() + ": " + e);
            }
        }
        List<String> leftovers = Leaks.cleanUp(tmp, containers.stream().map(Container::id).toList());
        Bundle.deleteQuietly(tmp);
        if (!leftovers.isEmpty()) {
            fail("left behind after delete --force (now removed): " + String.join("; ", leftovers));
        }
    }

    /** Output lines "name value" (the value may hold spaces) as a map, in order. */
    protected static java.util.Map<String, String> namedLines(String out) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            int sp = line.indexOf(' ');
            if (sp > 0) m.put(line.substring(0, sp), line.substring(sp + 1));
        }
        return m;
    }
}

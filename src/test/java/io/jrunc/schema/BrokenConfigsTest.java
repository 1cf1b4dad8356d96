package io.jrunc.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.JruncException;
import io.jrunc.json.Json;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each {@code broken-configs/NAME.json} must be refused with exactly the one line stored in
 * {@code NAME.expected}: the message a user sees from {@code jrunc create}.
 */
class BrokenConfigsTest {

    @TestFactory
    Stream<DynamicTest> everyBrokenConfigFailsWithItsExpectedLine() throws IOException, URISyntaxException {
        Path dir = Path.of(BrokenConfigsTest.class.getResource("/broken-configs").toURI());
        List<Path> configs;
        try (Stream<Path> files = Files.list(dir)) {
            configs = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(configs.size() >= 15, "expected at least 15 broken configs, found " + configs.size());
        return configs.stream().map(config -> DynamicTest.dynamicTest(config.getFileName().toString(), () -> {
            String name = config.getFileName().toString();
            Path expectedFile = config.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".expected");
            String expected = Files.readString(expectedFile, StandardCharsets.UTF_8).strip();
            var document = Json.parse(Files.readString(config, StandardCharsets.UTF_8));
            JruncException e = assertThrows(JruncException.class, () -> SchemaValidator.requireValidConfig(document));
            assertEquals(expected, e.getMessage());
        }));
    }
}

package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgReorderTest {

    private static final List<FlagSpec> FLAGS = List.of(
            FlagSpec.bool("force, f", "force"),
            FlagSpec.bool("all, a", "all"),
            FlagSpec.string("format, f2", "table", "format"));

    private static List<String> reorder(String... args) {
        return ArgReorder.reorder(FLAGS, List.of(args));
    }

    @Test
    void ownFlagsAfterTheIdMoveToTheFront() {
        assertEquals(List.of("--force", "ID"), reorder("ID", "--force"));
        assertEquals(List.of("-a", "ID", "KILL"), reorder("ID", "KILL", "-a"));
    }

    @Test
    void aFlagTakesTheFollowingNonDashArgumentAlong() {
        assertEquals(List.of("--format", "json", "ID"), reorder("ID", "--format", "json"));
        assertEquals(List.of("--format=json", "ID", "x"), reorder("ID", "--format=json", "x"));
    }

    @Test
    void unknownDashArgumentsStayWhereTheyAre() {
        assertEquals(List.of("ID", "-9"), reorder("ID", "-9"));
        assertEquals(List.of("ID", "--bogus"), reorder("ID", "--bogus"));
    }

    @Test
    void nothingMovesFromADoubleDashOn() {
        assertEquals(List.of("-a", "ID", "--", "--force"), reorder("ID", "-a", "--", "--force"));
    }
}

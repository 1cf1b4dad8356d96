package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FlagParserTest {

    private static final List<FlagSpec> FLAGS = List.of(
            FlagSpec.string("root", "/run/jrunc", "root"),
            FlagSpec.bool("debug", "debug"),
            FlagSpec.bool("detach, d", "detach"),
            FlagSpec.string("bundle, b", "bundle"),
            FlagSpec.stringSlice("env, e", "env"),
            FlagSpec.integer("preserve-fds", "fds"),
            FlagSpec.int64Slice("additional-gids, g", "gids"),
            FlagSpec.duration("interval", "5s", "interval"));

    private static FlagParser.Result parse(String... args) {
        return FlagParser.parse(FLAGS, List.of(args));
    }

    private static String error(String... args) {
        return assertThrows(FlagParseException.class, () -> parse(args)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--root x", "--root=x", "-root x", "-root=x"})
    void valueFlagsTakeOneOrTwoDashesAndAnEqualsSignOrTheNextArgument(String line) {
        FlagParser.Result r = parse(line.split(" "));
        assertEquals("x", r.flags().string("root"));
        assertTrue(r.flags().isSet("root"));
        assertEquals(List.of(), r.args());
    }

    @Test
    void absentFlagsHaveTheirDefaults() {
        FlagParser.Result r = parse();
        assertEquals("/run/jrunc", r.flags().string("root"));
        assertFalse(r.flags().isSet("root"));
        assertFalse(r.flags().bool("debug"));
        assertEquals(0, r.flags().integer("preserve-fds"));
        assertEquals(Duration.ofSeconds(5), r.flags().duration("interval"));
        assertEquals(List.of(), r.flags().strings("env"));
    }

    @Test
    void boolFlagsNeverTakeTheNextArgumentButAcceptAnExplicitValue() {
        FlagParser.Result r = parse("--debug", "false", "x");
        assertTrue(r.flags().bool("debug"));
        assertEquals(List.of("false", "x"), r.args());

        assertFalse(parse("--debug=false").flags().bool("debug"));
        assertFalse(parse("-debug=0").flags().bool("debug"));
        assertTrue(parse("--debug=T").flags().bool("debug"));
        assertEquals("invalid boolean value \"yes\" for -debug: parse error", error("--debug=yes"));
    }

    @Test
    void shortAliasesNameTheSameFlag() {
        FlagParser.Result r = parse("-d", "-b", "/bundle");
        assertTrue(r.flags().bool("detach"));
        assertEquals("/bundle", r.flags().string("bundle"));
        assertTrue(r.flags().isSet("b"));
    }

    @Test
    void usingBothFormsOfOneFlagIsRefusedAsUrfaveDoes() {
        assertEquals("Cannot use two forms of the same flag: b bundle", error("--bundle", "x", "-b", "y"));
        assertEquals("Cannot use two forms of the same flag: e env", error("-e", "A=1", "--env", "B=2"));
    }

    @Test
    void repeatedSliceFlagsAccumulateInOrder() {
        FlagParser.Result r = parse("-e", "A=1", "-e", "B=2", "-e=C=3");
        assertEquals(List.of("A=1", "B=2", "C=3"), r.flags().strings("env"));
        assertEquals(List.of(5L, 16L), parse("-g", "5", "-g", "0x10").flags().longs("g"));
    }

    @Test
    void aRepeatedSingleValueFlagKeepsTheLastValue() {
        assertEquals("b", parse("--root", "a", "--root", "b").flags().string("root"));
    }

    @Test
    void aValueFlagTakesTheNextArgumentEvenWhenItLooksLikeAFlag() {
        assertEquals("--debug", parse("--root", "--debug").flags().string("root"));
    }

    @Test
    void parsingStopsAtTheFirstArgumentAndKeepsTheRest() {
        FlagParser.Result r = parse("--debug", "start", "--root", "x");
        assertEquals(List.of("start", "--root", "x"), r.args());
        assertEquals("/run/jrunc", r.flags().string("root"));
    }

    @Test
    void doubleDashEndsTheFlagsAndIsDropped() {
        FlagParser.Result r = parse("--debug", "--", "--root", "x");
        assertEquals(List.of("--root", "x"), r.args());
    }

    @Test
    void aLoneDashIsAnArgument() {
        assertEquals(List.of("-", "x"), parse("-", "x").args());
    }

    @Test
    void errorsUseGoFlagPackageWording() {
        assertEquals("flag provided but not defined: -x", error("-x"));
        assertEquals("flag provided but not defined: -bogus", error("--bogus=1"));
        assertEquals("flag needs an argument: -root", error("--root"));
        assertEquals("bad flag syntax: ---root", error("---root"));
        assertEquals("bad flag syntax: -=x", error("-=x"));
    }

    @Test
    void integersFollowGoBaseZeroRules() {
        assertEquals(16, parse("--preserve-fds", "0x10").flags().integer("preserve-fds"));
        assertEquals(8, parse("--preserve-fds", "010").flags().integer("preserve-fds"));
        assertEquals(5, parse("--preserve-fds", "0b101").flags().integer("preserve-fds"));
        assertEquals(1000, parse("--preserve-fds", "1_000").flags().integer("preserve-fds"));
        assertEquals(-3, parse("--preserve-fds=-3").flags().integer("preserve-fds"));
        assertEquals("invalid value \"abc\" for flag -preserve-fds: parse error", error("--preserve-fds", "abc"));
        assertEquals("invalid value \"08\" for flag -preserve-fds: parse error", error("--preserve-fds", "08"));
        assertEquals("invalid value \"1__0\" for flag -preserve-fds: parse error", error("--preserve-fds", "1__0"));
        assertEquals("invalid value \"99999999999999999999\" for flag -preserve-fds: value out of range",
                error("--preserve-fds", "99999999999999999999"));
    }

    @Test
    void int64SliceErrorsCarryStrconvText() {
        assertEquals("invalid value \"x\" for flag -g: strconv.ParseInt: parsing \"x\": invalid syntax",
                error("-g", "x"));
    }

    @Test
    void durationsUseGoSyntax() {
        assertEquals(Duration.ofSeconds(90), parse("--interval", "1m30s").flags().duration("interval"));
        assertEquals(Duration.ofMillis(250), parse("--interval=250ms").flags().duration("interval"));
        assertEquals("invalid value \"5\" for flag -interval: parse error", error("--interval", "5"));
    }
}

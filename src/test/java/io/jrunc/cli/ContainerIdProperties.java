package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.JruncException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ContainerIdProperties {

    private static final String ALLOWED =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+,-.";

    @Provide
    Arbitrary<String> validIds() {
        return Arbitraries.strings().withChars(ALLOWED.toCharArray()).ofMinLength(1).ofMaxLength(80)
                .filter(s -> !s.equals(".") && !s.equals(".."));
    }

    @Property
    void idsMadeOfTheAllowedCharactersAreAccepted(@ForAll("validIds") String id) {
        assertEquals(id, ContainerId.validate(id));
    }

    @Property
    void anyCharacterOutsideTheSetMakesAnIdInvalid(@ForAll("validIds") String id, @ForAll char bad,
                                                   @ForAll @IntRange(min = 0, max = 80) int at) {
        Assume.that(ALLOWED.indexOf(bad) < 0);
        int pos = Math.min(at, id.length());
        String broken = id.substring(0, pos) + bad + id.substring(pos);
        assertFalse(ContainerId.isValid(broken));
        JruncException e = assertThrows(JruncException.class, () -> ContainerId.validate(broken));
        assertEquals("invalid container ID format", e.getMessage());
    }

    @Example
    void dotAndDotDotNameDirectoriesAndAreRefused() {
        assertFalse(ContainerId.isValid("."));
        assertFalse(ContainerId.isValid(".."));
        assertTrue(ContainerId.isValid("..."));
        assertTrue(ContainerId.isValid(".hidden"));
    }

    @Example
    void anEmptyIdHasItsOwnMessage() {
        assertEquals("container id cannot be empty",
                assertThrows(JruncException.class, () -> ContainerId.validate("")).getMessage());
    }
}

package io.jrunc.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EcmaPatternTest {

    private static boolean finds(String ecma, String input) {
        Pattern p = EcmaPattern.compile(ecma);
        return p.matcher(input).find();
    }

    @Test
    void dollarMatchesOnlyAtTheVeryEnd() {
        assertTrue(finds("^RLIMIT_[A-Z]+$", "RLIMIT_NOFILE"));
        assertFalse(finds("^RLIMIT_[A-Z]+$", "RLIMIT_NOFILE\n"));
        assertTrue(finds("a\\$", "a$b"));
        assertTrue(finds("[$]", "$"));
    }

    @Test
    void classesKeepEcmaMeaning() {
        assertTrue(finds("^[a[]+$", "a[a"));
        assertTrue(finds("^[a&&b]$", "&"));
        assertTrue(finds("^[^]$", "\n"));
        assertFalse(finds("[]", "anything"));
        assertTrue(finds("^[^cbup]$", "x"));
        assertFalse(finds("^[^cbup]$", "c"));
    }

    @Test
    void escapesPassThrough() {
        assertEquals("^MB:[^\\n]*\\z", EcmaPattern.toJava("^MB:[^\\n]*$"));
        assertTrue(finds("^MB:[^\\n]*$", "MB:0=20;1=70"));
        assertFalse(finds("^MB:[^\\n]*$", "MB:0=20\n1=70"));
    }
}

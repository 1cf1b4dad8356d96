package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class GoNumbersProperties {

    @Property
    void decimalTextOfAnyLongParsesBack(@ForAll long v) throws Exception {
        assertEquals(v, GoNumbers.parseInt(Long.toString(v)));
    }

    @Property
    void hexOctalAndBinaryPrefixesParseBack(@ForAll long v) throws Exception {
        String sign = v < 0 ? "-" : "";
        String magnitude = v == Long.MIN_VALUE ? "8000000000000000" : Long.toHexString(Math.abs(v));
        assertEquals(v, GoNumbers.parseInt(sign + "0x" + magnitude));
        if (v != Long.MIN_VALUE) {
            assertEquals(v, GoNumbers.parseInt(sign + "0o" + Long.toOctalString(Math.abs(v))));
            assertEquals(v, GoNumbers.parseInt(sign + "0b" + Long.toBinaryString(Math.abs(v))));
        }
    }
}

package io.jrunc.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrunc.JruncException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class JsonNodeTest {

    private static JsonNode doc(String json) {
        return JsonNode.root(Json.parse(json));
    }

    private static void assertFails(String message, Executable e) {
        assertEquals(message, assertThrows(JruncException.class, e).getMessage());
    }

    @Test
    void readsTypedMembers() {
        JsonNode p = doc("""
                {"process": {"terminal": true, "cwd": "/", "args": ["sh", "-c"],
                 "user": {"uid": 1000, "gid": 1e3, "umask": 18},
                 "env": null}}""").reqObject("process");
        assertEquals(Boolean.TRUE, p.optBool("terminal"));
        assertEquals("/", p.reqString("cwd"));
        assertEquals(List.of("sh", "-c"), p.stringList("args"));
        assertEquals(1000L, p.reqObject("user").optUint32("uid"));
        assertEquals(1000L, p.reqObject("user").optUint32("gid")); // 1e3 is an integer
        assertEquals(18, p.reqObject("user").optInt("umask"));
        assertEquals("process.user", p.reqObject("user").path());
    }

    @Test
    void absentAndNullMembersAreNotSet() {
        JsonNode p = doc("{\"env\": null, \"x\": 1}");
        assertFalse(p.has("env"));
        assertFalse(p.has("missing"));
        assertTrue(p.has("x"));
        assertNull(p.optString("env"));
        assertNull(p.optLong("missing"));
        assertEquals("dflt", p.optString("env", "dflt"));
        assertEquals(true, p.optBool("missing", true));
        assertEquals(List.of(), p.stringList("env"));
        assertNull(p.optStringList("env"));
        assertEquals(Map.of(), p.stringMap("missing"));
        assertEquals(List.of(), p.elements("missing"));
        assertNull(p.optObject("env"));
        assertTrue(p.member("env").isNull());
        assertNull(p.member("missing"));
    }

    @Test
    void wrongTypeNamesThePath() {
        assertFails("process.args: expected array, got string",
                () -> doc("{\"process\": {\"args\": \"sh\"}}").reqObject("process").stringList("args"));
        assertFails("process.terminal: expected boolean, got string",
                () -> doc("{\"process\": {\"terminal\": \"yes\"}}").reqObject("process").optBool("terminal"));
        assertFails("process: expected object, got array",
                () -> doc("{\"process\": []}").optObject("process"));
        assertFails("(root): expected object, got array", () -> doc("[]").optString("x"));
        assertFails("hostname: expected string, got null", () -> doc("{\"hostname\": null}").member("hostname").asString());
    }

    @Test
    void arrayElementPathsHaveIndexes() {
        JsonNode linux = doc("""
                {"linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}, {"type": 7}]}}""").reqObject("linux");
        List<JsonNode> ns = linux.elements("namespaces");
        assertEquals("linux.namespaces[0]", ns.get(0).path());
        assertEquals("pid", ns.get(0).reqString("type"));
        assertFails("linux.namespaces[2].type: expected string, got number", () -> ns.get(2).reqString("type"));
        assertFails("process.args[1]: expected string, got boolean",
                () -> doc("{\"process\": {\"args\": [\"a\", true]}}").reqObject("process").stringList("args"));
    }

    @Test
    void unusualMemberNamesAreQuotedInPaths() {
        JsonNode root = doc("{\"annotations\": {\"io.kubernetes.cri.sandbox-id\": false, \"\": 1}}");
        assertFails("annotations[\"io.kubernetes.cri.sandbox-id\"]: expected string, got boolean",
                () -> root.stringMap("annotations"));
        assertEquals("annotations[\"\"]", root.reqObject("annotations").member("").path());
        assertEquals("[\"a.b\"].c", doc("{\"a.b\": {\"c\": 1}}").reqObject("a.b").member("c").path());
    }

    @Test
    void requiredMembers() {
        JsonNode p = doc("{\"process\": {\"cwd\": null}}").reqObject("process");
        assertFails("process.cwd: required member is missing", () -> p.reqString("cwd"));
        assertFails("process.args: required member is missing", () -> p.reqArray("args"));
        assertFails("root: required member is missing", () -> doc("{}").reqObject("root"));
    }

    @Test
    void integerRanges() {
        JsonNode u = doc("""
                {"uid": 4294967296, "gid": -1, "frac": 1.5, "max32": 4294967295,
                 "u64max": 18446744073709551615, "u64over": 18446744073709551616,
                 "i64min": -9223372036854775808, "i64over": 9223372036854775808,
                 "i32over": 2147483648, "u16": 65535, "u16over": 65536, "s": "1"}""");
        assertFails("uid: 4294967296 is out of range for uint32 (0 to 4294967295)", () -> u.optUint32("uid"));
        assertFails("gid: -1 is out of range for uint32 (0 to 4294967295)", () -> u.optUint32("gid"));
        assertFails("frac: expected integer, got 1.5", () -> u.optInt64("frac"));
        assertFails("s: expected integer, got string", () -> u.optInt("s"));
        assertEquals(4294967295L, u.optUint32("max32"));
        assertEquals(-1L, u.optUint64("u64max")); // the bits of 2^64-1
        assertEquals("18446744073709551615", Long.toUnsignedString(u.optUint64("u64max")));
        assertFails("u64over: 18446744073709551616 is out of range for uint64 (0 to 18446744073709551615)",
                () -> u.optUint64("u64over"));
        assertFails("gid: -1 is out of range for uint64 (0 to 18446744073709551615)", () -> u.optUint64("gid"));
        assertEquals(Long.MIN_VALUE, u.optInt64("i64min"));
        assertFails("i64over: 9223372036854775808 is out of range for int64 (-9223372036854775808 to 9223372036854775807)",
                () -> u.optLong("i64over"));
        assertFails("i32over: 2147483648 is out of range for int32 (-2147483648 to 2147483647)", () -> u.optInt("i32over"));
        assertEquals(65535, u.optUint16("u16"));
        assertFails("u16over: 65536 is out of range for uint16 (0 to 65535)", () -> u.optUint16("u16over"));
        assertEquals(new BigInteger("18446744073709551616"), u.member("u64over").asBigInteger());
    }

    @Test
    void stringMapKeepsDocumentOrder() {
        Map<String, String> m = doc("{\"labels\": {\"z\": \"1\", \"a\": \"2\"}}").stringMap("labels");
        assertEquals(List.of("z", "a"), List.copyOf(m.keySet()));
    }

    @Test
    void membersAndCustomErrors() {
        JsonNode root = doc("{\"a\": 1, \"b\": {\"c\": []}}");
        assertEquals(List.of("a", "b"), List.copyOf(root.members().keySet()));
        JsonNode c = root.reqObject("b").reqArray("c");
        assertEquals("b.c: must not be empty", c.error("must not be empty").getMessage());
        assertEquals("b.c=[]", c.toString());
    }
}

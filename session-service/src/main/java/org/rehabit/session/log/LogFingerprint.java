package org.rehabit.session.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.rehabit.session.common.RequestFingerprint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The fingerprint of a session log's request ({@link RequestFingerprint#of(Object)}, the value every stored log's
 * {@code request_hash} holds) written field by field: the same canonical JSON, byte for byte (properties in
 * alphabetical order, nulls written, the time as ISO text with the client's offset), without Jackson's reflective
 * bean serializer and its property sorting on every log. {@code LogFingerprintTest} pins it to
 * {@link RequestFingerprint}: a change of value would stop every stored key from replaying.
 */
final class LogFingerprint {

    private static final JsonFactory JSON = new JsonFactory();

    private LogFingerprint() {
    }

    static String of(LogSessionRequest request) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            write(g, request);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot fingerprint a session log", e);
        }
        return RequestFingerprint.sha256Hex(bytes.toByteArray());
    }

    private static void write(JsonGenerator g, LogSessionRequest r) throws IOException {
        if (r == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        uuid(g, "correctsId", r.correctsId());
        integer(g, "durationSeconds", r.durationSeconds());
        if (r.items() == null) {
            g.writeNullField("items");
        } else {
            g.writeArrayFieldStart("items");
            for (LogSessionRequest.Item item : r.items()) {
                if (item == null) {
                    g.writeNull();
                    continue;
                }
                g.writeStartObject();
                integer(g, "holdSeconds", item.holdSeconds());
                integer(g, "painDuring", item.painDuring());
                uuid(g, "programItemId", item.programItemId());
                integer(g, "repsDone", item.repsDone());
                integer(g, "setsDone", item.setsDone());
                g.writeStringField("side", item.side() == null ? null : item.side().name());
                g.writeStringField("status", item.status() == null ? null : item.status().name());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeStringField("notes", r.notes());
        integer(g, "painAfter", r.painAfter());
        integer(g, "painBefore", r.painBefore());
        integer(g, "perceivedDifficulty", r.perceivedDifficulty());
        OffsetDateTime performed = r.performedAt();
        g.writeStringField("performedAt", performed == null ? null
                : performed.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        uuid(g, "programId", r.programId());
        g.writeEndObject();
    }

    private static void uuid(JsonGenerator g, String name, UUID value) throws IOException {
        g.writeStringField(name, value == null ? null : value.toString());
    }

    private static void integer(JsonGenerator g, String name, Integer value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value.intValue());
        }
    }
}

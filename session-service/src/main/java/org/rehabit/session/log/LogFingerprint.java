package org.rehabit.session.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.rehabit.session.common.RequestFingerprint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

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
        SessionLogView.Json.uuid(g, "correctsId", r.correctsId());
        SessionLogView.Json.integer(g, "durationSeconds", r.durationSeconds());
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
                SessionLogView.Json.integer(g, "holdSeconds", item.holdSeconds());
                SessionLogView.Json.integer(g, "painDuring", item.painDuring());
                SessionLogView.Json.uuid(g, "programItemId", item.programItemId());
                SessionLogView.Json.integer(g, "repsDone", item.repsDone());
                SessionLogView.Json.integer(g, "setsDone", item.setsDone());
                g.writeStringField("side", item.side() == null ? null : item.side().name());
                g.writeStringField("status", item.status() == null ? null : item.status().name());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeStringField("notes", r.notes());
        SessionLogView.Json.integer(g, "painAfter", r.painAfter());
        SessionLogView.Json.integer(g, "painBefore", r.painBefore());
        SessionLogView.Json.integer(g, "perceivedDifficulty", r.perceivedDifficulty());
        OffsetDateTime performed = r.performedAt();
        g.writeStringField("performedAt", performed == null ? null
                : performed.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        SessionLogView.Json.uuid(g, "programId", r.programId());
        g.writeEndObject();
    }
}

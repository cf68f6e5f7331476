package org.rehabit.session.log;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.rehabit.session.program.Side;

import java.io.IOException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * A logged session as clients read it; performedAt keeps the offset the client sent. supersededBy names the log
 * that corrects this one (null while it stands): a superseded log no longer counts in any figure. voided (null
 * unless voided) says who voided it as logged in error, when and why: a voided log counts in no figure either.
 */
@JsonSerialize(using = SessionLogView.Json.class)
public record SessionLogView(UUID id, UUID patientId, UUID programId, OffsetDateTime performedAt, LocalDate localDate,
                             Integer painBefore, Integer painAfter, Integer perceivedDifficulty,
                             Integer durationSeconds, String notes, UUID correctsId, UUID supersededBy,
                             String loggedBy, Instant createdAt, List<Item> items, Voided voided) {

    /** Who voided a session as logged in error, when and why. */
    public record Voided(Instant at, String by, String reason) {
    }

    /** What was done of one program item. */
    public record Item(UUID programItemId, String exerciseSlug, ItemStatus status, Integer setsDone,
                       Integer repsDone, Integer holdSeconds, Side side, Integer painDuring) {
    }

    static SessionLogView of(SessionLog log, UUID supersededBy) {
        return of(log, supersededBy, null);
    }

    static SessionLogView of(SessionLog log, UUID supersededBy, SessionVoid voided) {
        return new SessionLogView(log.id, log.patientId, log.programId,
                log.performedAt.atOffset(ZoneOffset.ofTotalSeconds(log.utcOffsetMinutes * 60)), log.localDate,
                integer(log.painBefore), integer(log.painAfter), integer(log.perceivedDifficulty),
                log.durationSeconds, log.notes, log.correctsId, supersededBy, log.loggedBy, log.createdAt,
                log.items.stream().map(i -> new Item(i.programItemId, i.exerciseSlug, i.status, integer(i.setsDone),
                        integer(i.repsDone), i.holdSeconds, i.side, integer(i.painDuring))).toList(),
                voided == null ? null : new Voided(voided.voidedAt, voided.voidedBy, voided.reason));
    }

    private static Integer integer(Short value) {
        return value == null ? null : value.intValue();
    }

    /**
     * The JSON of a log written field by field, as Jackson's bean serializer writes the record (same names, order
     * and values; times and dates through the mapper's own serializers): every session log's answer, without the
     * bean serializer's reflective call per field (its JSON was a tenth of the session-service's CPU per log).
     */
    static final class Json extends StdSerializer<SessionLogView> {

        Json() {
            super(SessionLogView.class);
        }

        @Override
        public void serialize(SessionLogView v, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject();
            uuid(g, "id", v.id());
            uuid(g, "patientId", v.patientId());
            uuid(g, "programId", v.programId());
            object(g, provider, "performedAt", v.performedAt());
            object(g, provider, "localDate", v.localDate());
            integer(g, "painBefore", v.painBefore());
            integer(g, "painAfter", v.painAfter());
            integer(g, "perceivedDifficulty", v.perceivedDifficulty());
            integer(g, "durationSeconds", v.durationSeconds());
            g.writeStringField("notes", v.notes());
            uuid(g, "correctsId", v.correctsId());
            uuid(g, "supersededBy", v.supersededBy());
            g.writeStringField("loggedBy", v.loggedBy());
            object(g, provider, "createdAt", v.createdAt());
            if (v.items() == null) {
                g.writeNullField("items");
            } else {
                g.writeArrayFieldStart("items");
                for (Item item : v.items()) {
                    if (item == null) {
                        g.writeNull();
                        continue;
                    }
                    g.writeStartObject();
                    uuid(g, "programItemId", item.programItemId());
                    g.writeStringField("exerciseSlug", item.exerciseSlug());
                    g.writeStringField("status", item.status() == null ? null : item.status().name());
                    integer(g, "setsDone", item.setsDone());
                    integer(g, "repsDone", item.repsDone());
                    integer(g, "holdSeconds", item.holdSeconds());
                    g.writeStringField("side", item.side() == null ? null : item.side().name());
                    integer(g, "painDuring", item.painDuring());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (v.voided() == null) {
                g.writeNullField("voided");
            } else {
                g.writeObjectFieldStart("voided");
                object(g, provider, "at", v.voided().at());
                g.writeStringField("by", v.voided().by());
                g.writeStringField("reason", v.voided().reason());
                g.writeEndObject();
            }
            g.writeEndObject();
        }

        static void uuid(JsonGenerator g, String name, UUID value) throws IOException {
            g.writeStringField(name, value == null ? null : value.toString());
        }

        static void integer(JsonGenerator g, String name, Integer value) throws IOException {
            if (value == null) {
                g.writeNullField(name);
            } else {
                g.writeNumberField(name, value.intValue());
            }
        }

        private static void object(JsonGenerator g, SerializerProvider provider, String name, Object value)
                throws IOException {
            if (value == null) {
                g.writeNullField(name);
            } else {
                provider.defaultSerializeField(name, value, g);
            }
        }
    }
}

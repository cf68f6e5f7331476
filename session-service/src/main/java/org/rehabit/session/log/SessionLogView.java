package org.rehabit.session.log;

import org.rehabit.session.program.Side;

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
}

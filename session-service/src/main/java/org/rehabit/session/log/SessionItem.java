package org.rehabit.session.log;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.rehabit.session.program.Side;

import java.util.UUID;

/** What the patient did of one program item in a session. */
@Embeddable
public class SessionItem {

    @Column(name = "program_item_id", nullable = false)
    UUID programItemId;

    @Column(name = "exercise_slug", nullable = false, length = 80)
    String exerciseSlug;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 8)
    ItemStatus status;

    @Column(name = "sets_done")
    Short setsDone;

    @Column(name = "reps_done")
    Short repsDone;

    @Column(name = "hold_seconds")
    Integer holdSeconds;

    @Enumerated(EnumType.STRING)
    @Column(name = "side", length = 16)
    Side side;

    @Column(name = "pain_during")
    Short painDuring;

    protected SessionItem() {
    }

    SessionItem(LogSessionRequest.Item item, String exerciseSlug) {
        this.programItemId = item.programItemId();
        this.exerciseSlug = exerciseSlug;
        this.status = item.status();
        this.setsDone = shortOrNull(item.setsDone());
        this.repsDone = shortOrNull(item.repsDone());
        this.holdSeconds = item.holdSeconds();
        this.side = item.side();
        this.painDuring = shortOrNull(item.painDuring());
    }

    private static Short shortOrNull(Integer value) {
        return value == null ? null : value.shortValue();
    }
}

package org.rehabit.session.program;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.Instant;

/** A time a program was paused; its weeks are not counted against the patient's adherence. */
@Embeddable
public class ProgramPause {

    @Column(name = "paused_at", nullable = false)
    Instant pausedAt;

    @Column(name = "resumed_at")
    Instant resumedAt;

    protected ProgramPause() {
    }

    ProgramPause(Instant pausedAt) {
        this.pausedAt = pausedAt;
    }
}

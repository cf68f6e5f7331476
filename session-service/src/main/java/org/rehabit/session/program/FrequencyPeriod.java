package org.rehabit.session.program;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.LocalDate;

/** The sessions per week a program had before a change, for the days before {@code untilDate}. */
@Embeddable
public class FrequencyPeriod {

    @Column(name = "until_date", nullable = false)
    LocalDate untilDate;

    @Column(name = "sessions_per_week", nullable = false)
    short sessionsPerWeek;

    protected FrequencyPeriod() {
    }

    FrequencyPeriod(LocalDate untilDate, int sessionsPerWeek) {
        this.untilDate = untilDate;
        this.sessionsPerWeek = (short) sessionsPerWeek;
    }
}

package org.rehabit.session.program;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.UUID;

/** One exercise of a program, pinned to the catalog version that was current when it was assigned. */
@Embeddable
public class ProgramItem {

    @Column(name = "id", nullable = false)
    UUID id;

    @Column(name = "exercise_slug", nullable = false, length = 80)
    String exerciseSlug;

    @Column(name = "exercise_version", nullable = false)
    int exerciseVersion;

    @Column(name = "exercise_name", nullable = false, length = 120)
    String exerciseName;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "dose", nullable = false, columnDefinition = "jsonb")
    Dose dose;

    @Column(name = "notes", length = 300)
    String notes;

    protected ProgramItem() {
    }

    ProgramItem(String exerciseSlug, int exerciseVersion, String exerciseName, Dose dose, String notes) {
        this.id = UUID.randomUUID();
        this.exerciseSlug = exerciseSlug;
        this.exerciseVersion = exerciseVersion;
        this.exerciseName = exerciseName;
        this.dose = dose;
        this.notes = notes;
    }

    public UUID id() {
        return id;
    }

    public String exerciseSlug() {
        return exerciseSlug;
    }
}

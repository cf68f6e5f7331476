package org.rehabit.catalog.instrument;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A questionnaire by its stable slug; its content is in {@link InstrumentVersion}s. */
@Entity
@Table(name = "instrument")
public class Instrument {

    @Id
    UUID id;

    @Column(nullable = false, unique = true, length = 80)
    String slug;

    @Column(name = "current_version", nullable = false)
    int currentVersion;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}

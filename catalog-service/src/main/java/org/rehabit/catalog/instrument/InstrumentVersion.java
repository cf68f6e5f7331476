package org.rehabit.catalog.instrument;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.rehabit.support.outcome.ScoringRule;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One published version of an instrument. Never changed or deleted (a database trigger refuses it too): a score is
 * always explained by the version that computed it.
 */
@Entity
@Immutable
@Table(name = "instrument_version")
public class InstrumentVersion {

    @Id
    UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "instrument_id", nullable = false)
    Instrument instrument;

    @Column(nullable = false)
    int version;

    @Column(nullable = false, length = 120)
    String name;

    @Column(nullable = false, length = 16)
    String abbreviation;

    @Column(nullable = false, length = 1000)
    String measures;

    @Column(length = 2000)
    String instructions;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    List<InstrumentItem> items;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    ScoringRule scoring;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    Mcid mcid;

    @Column(nullable = false, length = 1000)
    String citation;

    @Column(nullable = false, length = 2000)
    String terms;

    @Column(name = "text_shipped", nullable = false)
    boolean textShipped;

    @Column(name = "seeded_by", length = 16)
    String seededBy;

    @Column(name = "published_at", nullable = false)
    Instant publishedAt;
}

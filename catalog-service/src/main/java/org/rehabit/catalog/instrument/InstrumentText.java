package org.rehabit.catalog.instrument;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An installation's licensed text for one instrument version shipped without it; importing again replaces it. */
@Entity
@Table(name = "instrument_text")
public class InstrumentText {

    @Id
    @Column(name = "instrument_version_id")
    UUID versionId;

    @Column(length = 2000)
    String instructions;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    List<ItemText> items;

    @Column(nullable = false, length = 500)
    String source;

    @Column(name = "imported_by", nullable = false)
    String importedBy;

    @Column(name = "imported_at", nullable = false)
    Instant importedAt;
}

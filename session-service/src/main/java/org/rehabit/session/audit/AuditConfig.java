package org.rehabit.session.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * The audit trail's settings ({@code rehabit.audit.*}). A mapping, so that they are read and checked as the service
 * starts (a placeholder ingest key stops it then, not at the first delivery).
 */
@ConfigMapping(prefix = "rehabit.audit")
public interface AuditConfig {

    /** The key the gateway delivers its denials with (REHABIT_AUDIT_INGEST_KEY). */
    Optional<String> ingestKey();

    /** Months kept, this one included (REHABIT_AUDIT_RETENTION_MONTHS). */
    @WithDefault("24")
    int retentionMonths();

    /** Where expired months are exported before they are dropped (REHABIT_AUDIT_EXPORT_DIR); none: none dropped. */
    Optional<String> exportDir();
}

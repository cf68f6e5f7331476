package org.rehabit.gateway.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How the gateway delivers its denials to the audit trail ({@code rehabit.audit.*}). */
@ConfigMapping(prefix = "rehabit.audit")
public interface AuditConfig {

    /**
     * The key the session-service's ingest endpoint expects (REHABIT_AUDIT_INGEST_KEY, the same value in both);
     * without it no denial can be delivered, and each is counted as dropped.
     */
    Optional<String> ingestKey();

    /** Most denials waiting for delivery; beyond it new ones are dropped and counted, never waited for. */
    @WithDefault("10000")
    int queueCapacity();

    /** Most denials per delivery (the session-service takes at most 100). */
    @WithDefault("50")
    int batchSize();

    /** The first wait before a failed delivery is tried again; it doubles up to {@link #retryMax()}. */
    @WithDefault("1s")
    Duration retryMin();

    @WithDefault("30s")
    Duration retryMax();

    /**
     * How long the gateway, stopping, keeps delivering the denials still queued (after the in-flight requests have
     * finished); what is left then is counted as dropped (reason {@code shutdown}).
     */
    @WithDefault("5s")
    Duration drainTimeout();
}

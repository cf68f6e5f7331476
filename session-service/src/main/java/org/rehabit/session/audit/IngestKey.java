package org.rehabit.session.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The secret the gateway proves itself with when it delivers its denials ({@code REHABIT_AUDIT_INGEST_KEY}, the
 * same value in both). Compared in constant time (over digests, so that not even the length leaks). Without a key
 * configured, or with one shorter than {@value #MIN_LENGTH} characters, every delivery is refused.
 */
@ApplicationScoped
public class IngestKey {

    static final String HEADER = "X-Rehabit-Audit-Key";
    static final int MIN_LENGTH = 16;
    private static final Logger LOG = Logger.getLogger(IngestKey.class);

    private final byte[] expected;

    @Inject
    public IngestKey(AuditConfig config) {
        this(config.ingestKey());
    }

    IngestKey(Optional<String> key) {
        if (key.isPresent() && key.get().strip().length() >= MIN_LENGTH) {
            expected = digest(key.get().strip());
        } else {
            expected = null;
            LOG.warnf("No audit ingest key (REHABIT_AUDIT_INGEST_KEY, at least %d characters): the gateway's "
                    + "denials cannot be recorded", MIN_LENGTH);
        }
    }

    /** Whether {@code presented} is the configured key; always false when none is configured. */
    public boolean accepts(String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, digest(presented.strip()));
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}

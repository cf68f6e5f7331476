package org.rehabit.session.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.rehabit.support.Secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The secret the gateway proves itself with when it delivers its denials ({@code REHABIT_AUDIT_INGEST_KEY}, the
 * same value in both). The value may list several keys, comma-separated: each is accepted, and the gateway sends the
 * first, which is how the key is rotated without refusing a delivery (docs/operations.md, "Rotation"). Compared in
 * constant time (over digests, so that not even the length leaks). Keys shorter than {@value #MIN_LENGTH} characters
 * are ignored; without any, every delivery is refused.
 */
@ApplicationScoped
public class IngestKey {

    static final String HEADER = "X-Rehabit-Audit-Key";
    /** The rule production's start-up enforces ({@link Secrets}); elsewhere a shorter key is ignored. */
    static final int MIN_LENGTH = Secrets.MIN_LENGTH;
    private static final Logger LOG = Logger.getLogger(IngestKey.class);

    private final List<byte[]> expected;

    @Inject
    public IngestKey(AuditConfig config) {
        this(config.ingestKey());
    }

    IngestKey(Optional<String> key) {
        List<String> keys = Arrays.stream(key.orElse("").split(",")).map(String::strip).filter(k -> !k.isEmpty())
                .toList();
        expected = keys.stream().filter(k -> k.length() >= MIN_LENGTH).map(IngestKey::digest).toList();
        if (expected.size() < keys.size()) {
            LOG.warnf("%d of the audit ingest keys (REHABIT_AUDIT_INGEST_KEY) are shorter than %d characters and "
                    + "are ignored", keys.size() - expected.size(), MIN_LENGTH);
        }
        if (expected.isEmpty()) {
            LOG.warnf("No audit ingest key (REHABIT_AUDIT_INGEST_KEY, at least %d characters): the gateway's "
                    + "denials cannot be recorded", MIN_LENGTH);
        }
    }

    /** Whether {@code presented} is one of the configured keys; always false when none is configured. */
    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] digest = digest(presented.strip());
        boolean accepted = false;
        for (byte[] key : expected) {
            // every key compared, whichever matches, so that the time taken does not say which one did
            accepted |= MessageDigest.isEqual(key, digest);
        }
        return accepted;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}

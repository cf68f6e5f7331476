package org.rehabit.session.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an Idempotency-Key is checked against: the SHA-256 (hex) of a request as canonical JSON (properties and map
 * entries sorted, dates as ISO text), so the same request sent again, in any property order, has the same fingerprint.
 */
public final class RequestFingerprint {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    /** Copied for each fingerprint ({@link #sha256Hex}): never updated itself. */
    private static final MessageDigest SHA_256 = sha256();

    private RequestFingerprint() {
    }

    /** The request alone (session logs: their stored fingerprints are of the request only). */
    public static String of(Object request) {
        return of(null, request);
    }

    /** The operation (what is created and where), then the request: one key reused elsewhere is another request. */
    public static String of(String operation, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (operation != null) {
                sha.update(operation.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            sha.update(CANONICAL.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot fingerprint a request", e);
        }
    }

    /** The SHA-256 (hex) of a request's canonical JSON written by other means (the same bytes as {@link #of}). */
    public static String sha256Hex(byte[] canonicalJson) {
        try {
            // a copy of a digest made once: MessageDigest.getInstance looks the algorithm up among the providers
            return HexFormat.of().formatHex(((MessageDigest) SHA_256.clone()).digest(canonicalJson));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests of the JDK are cloneable", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

package org.rehabit.session.audit;

import org.rehabit.support.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** Where a page of the audit view ends: the last row's time and id, as an opaque token for {@code before}. */
record AuditCursor(Instant at, long id) {

    /** The token (URL-safe): {@code at} in microseconds since the epoch and {@code id}. */
    @Override
    public String toString() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id)
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** The position a token names; a token this service did not make is refused (400). */
    static AuditCursor parse(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.US_ASCII)
                    .split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException(token);
            }
            Instant at = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
            if (at.isBefore(Instant.parse("2000-01-01T00:00:00Z")) || at.isAfter(Instant.parse("9999-12-31T00:00:00Z"))) {
                throw new IllegalArgumentException(token);
            }
            return new AuditCursor(at, Long.parseLong(parts[1]));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw InvalidInput.of("before", "must be the next token of an earlier page");
        }
    }
}

package org.rehabit.session.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A creating request sent with an Idempotency-Key, and the answer it got (filled in the same transaction). */
@Entity
@Table(name = "idempotent_request")
public class IdempotentRequest {

    @Id
    UUID id;

    @Column(name = "clinic_id", nullable = false)
    UUID clinicId;

    @Column(nullable = false)
    String subject;

    @Column(name = "idempotency_key", nullable = false, length = 128)
    String idempotencyKey;

    @Column(name = "request_hash", nullable = false, length = 64)
    String requestHash;

    Integer status;

    String location;

    String etag;

    String body;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected IdempotentRequest() {
    }

    IdempotentRequest(UUID clinicId, String subject, String idempotencyKey, String requestHash, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.clinicId = clinicId;
        this.subject = subject;
        this.idempotencyKey = idempotencyKey;
        this.requestHash = requestHash;
        this.createdAt = createdAt;
    }
}

package org.rehabit.session.idempotency;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** Idempotent requests by their caller's key. */
@ApplicationScoped
public class IdempotentRequestRepository implements PanacheRepositoryBase<IdempotentRequest, UUID> {

    Optional<IdempotentRequest> find(UUID clinicId, String subject, String key) {
        return find("clinicId = ?1 and subject = ?2 and idempotencyKey = ?3", clinicId, subject, key)
                .firstResultOptional();
    }
}

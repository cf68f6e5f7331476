package org.rehabit.session.log;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The voids of session logs. */
@ApplicationScoped
public class SessionVoidRepository implements PanacheRepositoryBase<SessionVoid, UUID> {

    /** The void of each of these logs that has one, by log id. */
    public Map<UUID, SessionVoid> of(List<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Map.of();
        }
        return list("sessionId in ?1", sessionIds).stream()
                .collect(Collectors.toMap(v -> v.sessionId, Function.identity()));
    }
}

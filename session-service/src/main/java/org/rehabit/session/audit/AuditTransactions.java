package org.rehabit.session.audit;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.sql.SQLException;

/**
 * Writes a write request's audit row inside the transaction that makes the change, just before it commits: the
 * change and its row commit together or not at all, at the cost of one INSERT in a transaction that exists anyway
 * (none for a change whose own statement writes the row: {@link AuditRequest#pendingWrite()}).
 * A transaction that changed nothing (a read before a remote call, say) gets no row: PostgreSQL assigns a
 * transaction id on the first change only, and that is what is asked. When no transaction of a write commits a
 * change, the row is written as the answer leaves ({@link AuditFilter}), with the answer's outcome — and
 * {@code ROLLED_BACK} when one of its transactions was undone.
 */
@ApplicationScoped
public class AuditTransactions {

    private final TransactionSynchronizationRegistry registry;
    private final AuditLog log;
    private final EntityManager entities;

    public AuditTransactions(TransactionSynchronizationRegistry registry, AuditLog log, EntityManager entities) {
        this.registry = registry;
        this.log = log;
        this.entities = entities;
    }

    void begun(@Observes @Initialized(TransactionScoped.class) Object transaction) {
        ManagedContext requests = Arc.container().requestContext();
        if (!requests.isActive()) {
            return; // a scheduled job or start-up work, not a client's request
        }
        AuditRequest audit = Arc.container().instance(AuditRequest.class).get();
        if (!audit.isWrite() || audit.recorded()) {
            return;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            private boolean written;

            @Override
            public void beforeCompletion() {
                if (registry.getRollbackOnly() || audit.recorded()) {
                    return;
                }
                if (audit.isWrittenWithChange()) {
                    written = true; // by the change's own statement (AuditRequest.pendingWrite)
                    return;
                }
                try {
                    // the entities' pending changes first (Hibernate's own flush may come after this), so that
                    // the database knows whether this transaction changed anything
                    entities.flush();
                    written = log.appendIfChanged(audit.entry());
                } catch (SQLException e) {
                    throw new IllegalStateException("The audit entry could not be written; the change is undone", e);
                }
            }

            @Override
            public void afterCompletion(int status) {
                if (written && status == Status.STATUS_COMMITTED) {
                    audit.markRecorded();
                } else if (status == Status.STATUS_ROLLEDBACK) {
                    audit.markRolledBack();
                }
                audit.transactionEnded();
            }
        });
    }
}

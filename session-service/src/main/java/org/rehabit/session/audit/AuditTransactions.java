package org.rehabit.session.audit;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.sql.SQLException;

/**
 * Writes a write request's audit row inside the transaction that makes the change, just before it commits: the
 * change and its row commit together or not at all, at the cost of one INSERT in a transaction that exists anyway
 * (none for a change whose own statement writes the row: {@link AuditRequest#pendingWrite()}).
 */
@ApplicationScoped
public class AuditTransactions {

    private final TransactionSynchronizationRegistry registry;
    private final AuditLog log;

    public AuditTransactions(TransactionSynchronizationRegistry registry, AuditLog log) {
        this.registry = registry;
        this.log = log;
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
                    log.append(audit.entry());
                    written = true;
                } catch (SQLException e) {
                    throw new IllegalStateException("The audit entry could not be written; the change is undone", e);
                }
            }

            @Override
            public void afterCompletion(int status) {
                if (written && status == Status.STATUS_COMMITTED) {
                    audit.markRecorded();
                }
                audit.transactionEnded();
            }
        });
    }
}

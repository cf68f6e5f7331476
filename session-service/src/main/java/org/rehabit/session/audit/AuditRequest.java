package org.rehabit.session.audit;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;
import java.util.UUID;

/** What the audit knows of the current request: its entry so far, and whether a row for it is already written. */
@RequestScoped
public class AuditRequest {

    private AuditEntry entry;
    private boolean recorded;
    private boolean writtenWithChange;
    private boolean rolledBack;

    /**
     * Names the patient the current request is about when only the service knows it (a registration creates the
     * patient's id): the request's row carries it. Call before the write's transaction commits. Outside a client's
     * request (start-up work, scheduled jobs) there is no row, and this does nothing.
     */
    public static void concernsPatient(UUID patient) {
        ManagedContext requests = Arc.container().requestContext();
        if (!requests.isActive()) {
            return;
        }
        AuditRequest audit = Arc.container().instance(AuditRequest.class).get(); // a client proxy: methods only
        AuditEntry entry = audit.entry();
        if (entry != null) {
            audit.begin(entry.about(patient));
        }
    }

    /**
     * The current write request's row when it is not written yet, for a statement that writes it together with the
     * change it describes (one round trip less for the hottest write, a session log); the caller then reports
     * {@link #writtenWithChange()} once that statement has succeeded. Empty outside a client's write request.
     */
    public static Optional<AuditRequest> pendingWrite() {
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        AuditRequest audit = Arc.container().instance(AuditRequest.class).get();
        return audit.isWrite() && !audit.recorded() && !audit.isWrittenWithChange()
                ? Optional.of(audit) : Optional.empty();
    }

    /** The row as it is to be written inside the transaction (status null, outcome COMMITTED). */
    public AuditEntry pendingEntry() {
        return entry;
    }

    /**
     * The row was written by the change's own statement, in the current transaction: {@link AuditTransactions}
     * writes no second one, and counts it recorded when that transaction commits (and forgets it if it rolls back).
     */
    public void writtenWithChange() {
        writtenWithChange = true;
    }

    boolean isWrittenWithChange() {
        return writtenWithChange;
    }

    void transactionEnded() {
        writtenWithChange = false;
    }

    void begin(AuditEntry entry) {
        this.entry = entry;
    }

    AuditEntry entry() {
        return entry;
    }

    boolean isWrite() {
        return entry != null && !entry.httpMethod().equals("GET") && !entry.httpMethod().equals("HEAD");
    }

    boolean recorded() {
        return recorded;
    }

    void markRecorded() {
        recorded = true;
    }

    /** Whether a transaction of this request was undone. */
    boolean rolledBack() {
        return rolledBack;
    }

    void markRolledBack() {
        rolledBack = true;
    }
}

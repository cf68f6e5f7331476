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

    /**
     * The current read request's row when it is not written yet, for a read statement that writes it as it reads
     * (the dashboard's page: one round trip and one commit, not a second statement and commit as the answer leaves);
     * the caller reports {@link #writtenWithRead()} once that statement has committed the row. Empty outside a
     * client's read request.
     */
    public static Optional<AuditRequest> pendingRead() {
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        AuditRequest audit = Arc.container().instance(AuditRequest.class).get();
        return audit.entry() != null && !audit.isWrite() && !audit.recorded() ? Optional.of(audit) : Optional.empty();
    }

    /** The read's row as answered with the data (200, {@code OK}), for {@link #pendingRead()}'s statement. */
    public AuditEntry answeredEntry() {
        return entry.answered(200, false);
    }

    /**
     * The read's row was committed by the read's own statement: {@link AuditFilter} writes no second one. Only for a
     * read that is then answered with its data (200): any later failure would be recorded as a success.
     */
    public void writtenWithRead() {
        recorded = true;
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

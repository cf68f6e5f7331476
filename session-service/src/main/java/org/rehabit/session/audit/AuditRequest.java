package org.rehabit.session.audit;

import jakarta.enterprise.context.RequestScoped;

/** What the audit knows of the current request: its entry so far, and whether a row for it is already written. */
@RequestScoped
public class AuditRequest {

    private AuditEntry entry;
    private boolean recorded;

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
}

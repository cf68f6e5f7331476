package org.rehabit.session.audit;

import java.util.List;

/**
 * One page of a clinic's audit trail, newest first, and where the next (older) page starts: pass {@code next} as
 * {@code before} to get it; null when there is none. The whole history is never counted.
 */
public record AuditPage(List<AuditEventView> items, int size, String next) {
}

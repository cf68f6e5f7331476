package org.rehabit.session.program;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A program as clients read it, items in order with their pinned exercise versions; {@code version} is its ETag's
 * value (send it back as {@code If-Match} to adjust or re-pin).
 */
public record ProgramView(UUID id, UUID patientId, ProgramStatus status, String template, int sessionsPerWeek,
                          LocalDate startDate, LocalDate endDate, String notes, boolean safetyConfirmed,
                          Instant safetyConfirmedAt, String safetyConfirmedBy, String assignedBy, List<Item> items,
                          Instant createdAt, Instant updatedAt, Instant endedAt, long version) {

    /** One pinned exercise with its dose. */
    public record Item(UUID id, int position, String exerciseSlug, int exerciseVersion, String exerciseName,
                       Dose dose, String notes) {
    }

    static ProgramView of(Program p) {
        List<Item> items = new java.util.ArrayList<>();
        for (int i = 0; i < p.items.size(); i++) {
            ProgramItem item = p.items.get(i);
            items.add(new Item(item.id, i + 1, item.exerciseSlug, item.exerciseVersion, item.exerciseName, item.dose,
                    item.notes));
        }
        return new ProgramView(p.id, p.patientId, p.status, p.templateSlug, p.sessionsPerWeek, p.startDate,
                p.endDate, p.notes, p.safetyConfirmedAt != null, p.safetyConfirmedAt, p.safetyConfirmedBy,
                p.assignedBy, items, p.createdAt, p.updatedAt, p.endedAt, p.revision);
    }
}

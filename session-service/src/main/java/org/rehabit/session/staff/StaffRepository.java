package org.rehabit.session.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The clinic_staff table (migration V15): the staff of each clinic as their tokens named them. */
@ApplicationScoped
public class StaffRepository {

    /** Records a staff member, or brings their name and role up to date; rewrites nothing that did not change. */
    static final String UPSERT = """
            INSERT INTO clinic_staff AS s (clinic_id, subject, display_name, role, recorded_at)
            VALUES (:clinic, :subject, :name, :role, :now)
            ON CONFLICT (clinic_id, subject) DO UPDATE
                SET display_name = excluded.display_name, role = excluded.role
                WHERE (s.display_name, s.role) IS DISTINCT FROM (excluded.display_name, excluded.role)
            """;

    /** Links the patients whose pre-V15 free-text physio was this subject (see V15) to the staff member. */
    static final String LINK_LEGACY = """
            UPDATE patient SET physio_id = :subject, physio_legacy = NULL, revision = revision + 1, updated_at = :now
            WHERE clinic_id = :clinic AND physio_id IS NULL AND physio_legacy = :subject
            """;

    private final EntityManager em;

    public StaffRepository(EntityManager em) {
        this.em = em;
    }

    void upsert(UUID clinicId, String subject, String displayName, String role, Instant now) {
        em.createNativeQuery(UPSERT)
                .setParameter("clinic", clinicId).setParameter("subject", subject)
                .setParameter("name", displayName).setParameter("role", role).setParameter("now", now)
                .executeUpdate();
        em.createNativeQuery(LINK_LEGACY)
                .setParameter("clinic", clinicId).setParameter("subject", subject).setParameter("now", now)
                .executeUpdate();
    }

    /** Whether {@code subject} is a known staff member of the clinic. */
    public boolean isStaff(UUID clinicId, String subject) {
        return !em.createNativeQuery("SELECT 1 FROM clinic_staff WHERE clinic_id = :clinic AND subject = :subject")
                .setParameter("clinic", clinicId).setParameter("subject", subject)
                .getResultList().isEmpty();
    }

    /** The clinic's staff by name. */
    @SuppressWarnings("unchecked")
    List<StaffView> list(UUID clinicId) {
        List<Tuple> rows = em.createNativeQuery("""
                        SELECT subject, display_name, role, recorded_at FROM clinic_staff
                        WHERE clinic_id = :clinic ORDER BY lower(display_name), subject""", Tuple.class)
                .setParameter("clinic", clinicId)
                .getResultList();
        return rows.stream().map(t -> new StaffView(t.get("subject", String.class),
                t.get("display_name", String.class), t.get("role", String.class),
                instant(t.get("recorded_at")))).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}

package org.rehabit.session.patient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which time zones a patient may have: IANA ids (e.g. {@code Europe/Berlin}, {@code UTC}) that both Java and
 * PostgreSQL know. Weeks, "today" and inactivity are counted in Java ({@link ZoneId}) and in SQL
 * ({@code AT TIME ZONE}); offsets such as {@code +05:30}, {@code UTC+5} or {@code GMT+1} are refused because
 * PostgreSQL reads POSIX-style offsets with the opposite sign, and a zone PostgreSQL lacks would break every
 * statement over the clinic. {@code Etc/GMT+1} and its kind are offsets in disguise (sign inverted), refused too.
 */
@ApplicationScoped
public class TimeZones {

    private static final Pattern OFFSET = Pattern.compile("(?i)(Etc/)?(GMT|UTC|UT)[+-].*");

    private final EntityManager em;
    private volatile Set<String> postgres;

    public TimeZones(EntityManager em) {
        this.em = em;
    }

    /** True when {@code id} is a region id known to Java and to the database, spelled exactly as they spell it. */
    public boolean isKnown(String id) {
        return id != null && ZoneId.getAvailableZoneIds().contains(id) && !OFFSET.matcher(id).matches()
                && postgres().contains(id);
    }

    /** The database's zone names, read once (they change only with its time-zone data, on a restart). */
    private Set<String> postgres() {
        Set<String> names = postgres;
        if (names == null) {
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery("SELECT name FROM pg_timezone_names").getResultList();
            names = Set.copyOf(new HashSet<>(rows));
            postgres = names;
        }
        return names;
    }
}

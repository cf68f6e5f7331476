package org.rehabit.session.demo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.rehabit.session.alert.AlertService;
import org.rehabit.session.patient.NameKey;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The demo installation's patients, so that the gateway's demo logins (ada, ben, cleo) and the clinic
 * dashboards have something real to show: Ada, Ben and 28 more patients at Riverside (two dashboard pages) and
 * Cleo at Hillview, each with the upper-back starter routine (pinned to version 1 of the seeded exercises) and
 * three weeks of sessions — Ada improving, Ben missing sessions with pain rising, Cleo steady, the others mostly
 * improving or steady, two getting worse and two who stopped exercising ten days ago. Off unless {@code rehabit.demo-data.enabled=true} (the
 * local launcher sets it); added once, under an advisory lock, and never touched again.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    private static final long DEMO_LOCK = 0x5265_6861_6269_7402L;
    static final UUID RIVERSIDE = UUID.fromString("0c1a1c00-0000-4000-8000-000000000001");
    static final UUID HILLVIEW = UUID.fromString("0c1a1c00-0000-4000-8000-000000000002");

    /** A demo patient and how their weeks went. */
    record Person(UUID id, UUID clinic, String name, String ref, String timezone, String physio, Trend trend,
                  int variant) {
    }

    enum Trend { IMPROVING, WORSENING, STEADY, LAPSED }

    private static final String[] CROWD_NAMES = {
        "Amir H.", "Beatriz S.", "Chidi O.", "Dana W.", "Elif K.", "Farah N.", "Gareth J.", "Hana Y.", "Ivan P.",
        "Jade C.", "Kofi A.", "Lena M.", "Mateo R.", "Nadia B.", "Omar F.", "Priya D.", "Quinn L.", "Rosa G.",
        "Sam T.", "Tariq Z.", "Uma V.", "Victor E.", "Wen X.", "Ximena Q.", "Yusuf I.", "Zoe U.", "Aoife M.",
        "Bruno K."};

    static final List<Person> PEOPLE = Stream.concat(Stream.of(
            new Person(UUID.fromString("9a7e0000-0000-4000-8000-0000000000a1"), RIVERSIDE, "Ada L.", "DEMO-ADA",
                    "Europe/London", "physio.riverside", Trend.IMPROVING, 0),
            new Person(UUID.fromString("9a7e0000-0000-4000-8000-0000000000a2"), RIVERSIDE, "Ben K.", "DEMO-BEN",
                    "Europe/London", "physio.riverside", Trend.WORSENING, 0),
            new Person(UUID.fromString("9a7e0000-0000-4000-8000-0000000000b1"), HILLVIEW, "Cleo M.", "DEMO-CLEO",
                    "America/New_York", "physio.hillview", Trend.STEADY, 0)),
            IntStream.range(0, CROWD_NAMES.length).mapToObj(i -> new Person(
                    UUID.fromString(String.format("9a7e0000-0000-4000-8000-%012x", 0x100 + i)), RIVERSIDE,
                    CROWD_NAMES[i], String.format("RV-%04d", 1001 + i), "Europe/London", "physio.riverside",
                    crowdTrend(i), i % 3))).toList();

    /**
     * Like a real clinic's list: most of the crowd improving or steady, two getting worse and two who stopped (with
     * Ben, a handful at risk).
     */
    private static Trend crowdTrend(int i) {
        if (i % 14 == 5) {
            return Trend.WORSENING;
        }
        if (i % 14 == 12) {
            return Trend.LAPSED;
        }
        return i % 2 == 0 ? Trend.IMPROVING : Trend.STEADY;
    }

    /** The starter routine as the catalog seeds it (version 1 of each exercise). */
    private static final List<String[]> ROUTINE = List.of(
            new String[] {"shoulder-circles", "Shoulder Circles", "{\"sets\":1,\"reps\":10,\"side\":\"BOTH\"}"},
            new String[] {"seated-spinal-twist", "Seated Spinal Twist",
                    "{\"sets\":1,\"reps\":3,\"holdSeconds\":5,\"side\":\"EACH_SIDE\"}"},
            new String[] {"back-flexion-stretch", "Back Flexion Stretch",
                    "{\"sets\":1,\"reps\":5,\"holdSeconds\":5,\"side\":\"BOTH\"}"});

    private final boolean enabled;
    private final EntityManager em;
    private final AlertService alerts;
    private final Clock clock;

    public DemoData(@ConfigProperty(name = "rehabit.demo-data.enabled") boolean enabled, EntityManager em,
                    AlertService alerts, Clock clock) {
        this.enabled = enabled;
        this.em = em;
        this.alerts = alerts;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            QuarkusTransaction.requiringNew().run(this::load);
        }
    }

    private void load() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(:key)").setParameter("key", DEMO_LOCK).getSingleResult();
        int added = 0;
        // the demo logins' own patients (listed first) go in last, so their alerts are the newest on the dashboard
        List<Person> order = new ArrayList<>(PEOPLE);
        Collections.reverse(order);
        for (Person person : order) {
            boolean exists = !em.createNativeQuery("SELECT 1 FROM patient WHERE id = :id")
                    .setParameter("id", person.id()).getResultList().isEmpty();
            if (!exists) {
                add(person);
                added++;
            }
        }
        if (added > 0) {
            LOG.infof("Demo data: added %d patients with programs and three weeks of sessions", added);
        }
    }

    private void add(Person p) {
        ZoneId zone = ZoneId.of(p.timezone());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        // started on the Monday three weeks before this one: three complete weeks, and this one under way
        LocalDate start = today.with(DayOfWeek.MONDAY).minusWeeks(3);
        OffsetDateTime now = OffsetDateTime.now(clock);
        // the demo physio as known staff (V15); their first token brings the name it carries
        em.createNativeQuery("""
                        INSERT INTO clinic_staff (clinic_id, subject, display_name, role, recorded_at)
                        VALUES (:clinic, :physio, :physio, 'physio', :now) ON CONFLICT DO NOTHING""")
                .setParameter("clinic", p.clinic()).setParameter("physio", p.physio()).setParameter("now", now)
                .executeUpdate();
        em.createNativeQuery("""
                        INSERT INTO patient (id, clinic_id, display_name, external_ref, name_key, ref_key, timezone,
                                             physio_id, revision, created_at, updated_at)
                        VALUES (:id, :clinic, :name, :ref, :nameKey, :refKey, :tz, :physio, 0, :now, :now)""")
                .setParameter("id", p.id()).setParameter("clinic", p.clinic()).setParameter("name", p.name())
                .setParameter("ref", p.ref()).setParameter("nameKey", NameKey.of(p.name()))
                .setParameter("refKey", NameKey.of(p.ref())).setParameter("tz", p.timezone())
                .setParameter("physio", p.physio()).setParameter("now", now).executeUpdate();
        UUID program = id("program", p.id(), 0);
        em.createNativeQuery("""
                        INSERT INTO program (id, clinic_id, patient_id, status, template_slug, sessions_per_week,
                                             start_date, safety_confirmed_at, safety_confirmed_by, assigned_by,
                                             revision, created_at, updated_at)
                        VALUES (:id, :clinic, :patient, 'ACTIVE', 'upper-back-pinched-nerve-starter', 5, :start,
                                :confirmed, :patientSubject, :physio, 0, :confirmed, :confirmed)""")
                .setParameter("id", program).setParameter("clinic", p.clinic()).setParameter("patient", p.id())
                .setParameter("start", start).setParameter("confirmed", start.atTime(9, 0).atZone(zone).toOffsetDateTime())
                .setParameter("patientSubject", p.ref().toLowerCase().replace("demo-", ""))
                .setParameter("physio", p.physio()).executeUpdate();
        for (int i = 0; i < ROUTINE.size(); i++) {
            String[] item = ROUTINE.get(i);
            em.createNativeQuery("""
                            INSERT INTO program_item (program_id, position, id, exercise_slug, exercise_version,
                                                      exercise_name, dose)
                            VALUES (:program, :position, :id, :slug, 1, :name, CAST(:dose AS jsonb))""")
                    .setParameter("program", program).setParameter("position", i).setParameter("id", id("item", p.id(), i))
                    .setParameter("slug", item[0]).setParameter("name", item[1]).setParameter("dose", item[2])
                    .executeUpdate();
        }
        int n = 0;
        for (LocalDate day = start; day.isBefore(today); day = day.plusDays(1)) {
            if (!doesSession(p.trend(), day, n) || skipsDay(p, day)) {
                continue;
            }
            // pain after stays under the alert threshold but for the worsening, whose pain also rose within their
            // sessions of the last week
            boolean worsening = p.trend() == Trend.WORSENING;
            int painAfter = Math.min(10, painAfter(p.trend(), day, today) + (worsening ? 0 : p.variant()));
            int painBefore = Math.max(0, painAfter + (!worsening ? 1 : today.toEpochDay() - day.toEpochDay() <= 7
                    ? -2 : -1));
            OffsetDateTime at = day.atTime(18, 30).atZone(zone).toOffsetDateTime();
            UUID session = id("session", p.id(), n);
            em.createNativeQuery("""
                            INSERT INTO session_log (id, clinic_id, patient_id, program_id, performed_at,
                                                     utc_offset_minutes, local_date, pain_before, pain_after,
                                                     perceived_difficulty, duration_seconds, logged_by,
                                                     idempotency_key, request_hash, created_at, work_done)
                            VALUES (:id, :clinic, :patient, :program, :at, :offset, :day, :before, :after, 4, 840,
                                    'demo', :key, 'demo', :at, true)""")
                    .setParameter("id", session).setParameter("clinic", p.clinic()).setParameter("patient", p.id())
                    .setParameter("program", program).setParameter("at", at)
                    .setParameter("offset", (short) (at.getOffset().getTotalSeconds() / 60)).setParameter("day", day)
                    .setParameter("before", (short) painBefore).setParameter("after", (short) painAfter)
                    .setParameter("key", "demo-" + n).executeUpdate();
            // Ben feels the twist on the right in his last week (a 7: one grouped pain-during alert); some of the
            // crowd feel it a little (a 2)
            boolean hurts = worsening && today.toEpochDay() - day.toEpochDay() <= 7 && p.variant() == 0;
            Integer painDuring = hurts ? Integer.valueOf(7) : p.variant() == 1 ? Integer.valueOf(2) : null;
            items(p, session, n, painDuring);
            alerts.onSessionLogged(new AlertService.LoggedSession(p.clinic(), p.id(), session, session, program,
                    painBefore, painAfter, painDuring, painDuring == null ? null : "seated-spinal-twist (right)"));
            n++;
        }
    }

    /**
     * A session's items as the routine player logs them: every item of the routine, the twist per side, with the
     * sets and repetitions done in total and the seconds actually held on average. The worsening skip the flexion
     * stretch every other session and hold the twist shorter on the right; pain during, when any, is the right
     * side of the twist's.
     */
    private void items(Person p, UUID session, int n, Integer painDuring) {
        boolean worsening = p.trend() == Trend.WORSENING;
        boolean skipsLast = worsening && n % 2 == 1;
        // the crowd's holds differ a little from person to person and session to session
        int hold = 5 - (p.variant() + n) % 2;
        Object[][] rows = {
                {0, "shoulder-circles", "DONE", 1, p.variant() == 2 && n % 3 == 0 ? 8 : 10, null, null, null},
                {1, "seated-spinal-twist", "DONE", 1, 3, hold, "LEFT", null},
                {1, "seated-spinal-twist", "DONE", 1, 3, worsening ? 3 : hold, "RIGHT", painDuring},
                {2, "back-flexion-stretch", skipsLast ? "SKIPPED" : "DONE", 1, 5, 5, null, null}};
        for (int i = 0; i < rows.length; i++) {
            Object[] r = rows[i];
            boolean done = "DONE".equals(r[2]);
            em.createNativeQuery("""
                            INSERT INTO session_item (session_id, position, program_item_id, exercise_slug, status,
                                                      sets_done, reps_done, hold_seconds, side, pain_during)
                            VALUES (:session, :position, :item, :slug, :status, CAST(:sets AS smallint),
                                    CAST(:reps AS smallint), CAST(:hold AS integer), CAST(:side AS varchar),
                                    CAST(:pain AS smallint))""")
                    .setParameter("session", session).setParameter("position", i)
                    .setParameter("item", id("item", p.id(), (Integer) r[0])).setParameter("slug", r[1])
                    .setParameter("status", r[2])
                    .setParameter("sets", done ? r[3].toString() : null)
                    .setParameter("reps", done ? r[4].toString() : null)
                    .setParameter("hold", done && r[5] != null ? r[5].toString() : null)
                    .setParameter("side", r[6] == null ? null : r[6].toString())
                    .setParameter("pain", r[7] == null ? null : r[7].toString()).executeUpdate();
        }
    }

    /** Some of the crowd miss a few more days than their trend says, so that no two dashboard rows look alike. */
    private static boolean skipsDay(Person p, LocalDate day) {
        return p.variant() > 0 && day.getDayOfMonth() % (6 + p.variant()) == 0;
    }

    private static boolean doesSession(Trend trend, LocalDate day, int soFar) {
        boolean weekday = day.getDayOfWeek().compareTo(DayOfWeek.FRIDAY) <= 0;
        return switch (trend) {
            case IMPROVING -> weekday;
            case STEADY -> weekday && day.getDayOfWeek() != DayOfWeek.WEDNESDAY;
            case WORSENING -> weekday && day.getDayOfMonth() % 3 == 0;
            case LAPSED -> weekday && soFar < 6;
        };
    }

    private static int painAfter(Trend trend, LocalDate day, LocalDate today) {
        long daysAgo = today.toEpochDay() - day.toEpochDay();
        return switch (trend) {
            case IMPROVING -> (int) Math.min(4, 1 + daysAgo / 6);
            case STEADY -> 2;
            case WORSENING -> (int) Math.max(2, 7 - daysAgo / 3);
            case LAPSED -> 3;
        };
    }

    private static UUID id(String kind, UUID patient, int n) {
        return UUID.nameUUIDFromBytes(("rehabit-demo/" + kind + "/" + patient + "/" + n)
                .getBytes(StandardCharsets.UTF_8));
    }
}

package org.rehabit.bench;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * The benchmark's data set, written straight into the services' own databases with COPY (never one API call
 * per row), reproducible from a seed. Exercises are variants of the catalog's seeded ones (so every JSON column
 * has the shape the catalog reads; the search vector comes from the catalog's own trigger). Each clinic has
 * patients with one active program pinning real catalog exercise versions and a year of session logs.
 */
final class DataGenerator {

    /** A generated clinic: its id, and per patient the id and the program item ids a session log may name. */
    record Clinic(UUID id, int size, List<UUID> patients, List<List<UUID>> programItems, long sessionLogs) {
    }

    /** An exercise of the catalog a program can pin. */
    record Pinned(String slug, int version, String name) {
    }

    private static final String[] VARIANTS = {"banded", "wall", "towel", "tempo", "isometric", "slow", "assisted",
            "progression", "deep", "gentle", "supported", "weighted", "single-arm", "doorway", "foam roller",
            "ball", "chair", "floor", "standing", "kneeling"};
    private static final String[] FOCUS = {"posture", "mobility", "desk workers", "morning routine", "recovery",
            "endurance", "control", "range of motion", "stiffness", "tension", "breathing", "balance"};
    private static final String[] ZONES = {"Europe/Berlin", "Europe/London", "America/New_York", "America/Chicago",
            "Asia/Tokyo", "Australia/Sydney", "UTC"};
    private static final String[] SURNAMES = {"Meyer", "Garcia", "Okafor", "Nguyen", "Rossi", "Silva", "Kowalski",
            "Haddad", "Jensen", "Tanaka", "Dubois", "Moreau", "Novak", "Ahmed", "Olsen", "Costa"};

    private final long seed;
    private final LocalDate today;

    DataGenerator(long seed, LocalDate today) {
        this.seed = seed;
        this.today = today;
    }

    /** Adds {@code count} published exercises (variants of the seeded ones); returns their slugs. */
    List<String> exercises(String catalogUrl, String user, String password, int count) throws SQLException {
        Random random = new Random(seed);
        List<String> slugs = new ArrayList<>(count);
        try (Connection db = DriverManager.getConnection(catalogUrl, user, password)) {
            List<String[]> seeds = new ArrayList<>();
            String columns = "name, aliases, summary, purpose, category, body_regions, start_position, equipment, "
                    + "difficulty, steps, cautions, contraindications, stop_rules, default_dose, media, conditions, "
                    + "source, licence";
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT e.slug, " + textColumns(columns) + " FROM exercise_version v "
                         + "JOIN exercise e ON e.id = v.exercise_id WHERE v.searchable ORDER BY e.slug")) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    seeds.add(row);
                }
            }
            if (seeds.isEmpty()) {
                throw new IllegalStateException("The catalog has no published exercises to vary");
            }
            String now = Instant.now().toString();
            StringBuilder exercises = new StringBuilder();
            StringBuilder versions = new StringBuilder();
            for (int i = 0; i < count; i++) {
                String[] base = seeds.get(i % seeds.size());
                UUID exerciseId = uuid(random);
                String variant = VARIANTS[random.nextInt(VARIANTS.length)];
                String focus = FOCUS[random.nextInt(FOCUS.length)];
                String slug = truncate(base[0], 60) + "-" + variant.replace(' ', '-') + "-" + i;
                slugs.add(slug);
                csv(exercises, exerciseId, slug, 1, 1, null, 0, now, now);
                String[] v = base.clone();
                v[1] = truncate(base[1] + " (" + variant + ", " + focus + " " + i + ")", 120);
                v[3] = truncate(base[3] + " A " + variant + " variant for " + focus + ".", 500);
                Object[] row = new Object[v.length - 1 + 8];
                row[0] = uuid(random);
                row[1] = exerciseId;
                row[2] = 1;
                row[3] = "PUBLISHED";
                System.arraycopy(v, 1, row, 4, v.length - 1);
                int k = 4 + v.length - 1;
                row[k++] = now;
                row[k++] = now;
                row[k++] = now;
                row[k] = true;
                csv(versions, row);
            }
            db.setAutoCommit(false);
            copy(db, "COPY exercise (id, slug, current_version, latest_version, retired_at, revision, created_at, "
                    + "updated_at) FROM STDIN (FORMAT csv)", exercises);
            copy(db, "COPY exercise_version (id, exercise_id, version, status, " + columns
                    + ", created_at, updated_at, published_at, searchable) FROM STDIN (FORMAT csv)", versions);
            db.commit();
            try (Statement st = db.createStatement()) {
                st.execute("ANALYZE exercise");
                st.execute("ANALYZE exercise_version");
                st.execute("ANALYZE exercise_search");
            }
        }
        return slugs;
    }

    /** The seeded catalog exercises a program may pin, at their current version. */
    static List<Pinned> pinnable(String catalogUrl, String user, String password) throws SQLException {
        List<Pinned> pinned = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(catalogUrl, user, password);
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT e.slug, v.version, v.name FROM exercise e JOIN exercise_version v "
                     + "ON v.exercise_id = e.id AND v.version = e.current_version WHERE v.searchable "
                     + "ORDER BY e.created_at, e.slug LIMIT 40")) {
            while (rs.next()) {
                pinned.add(new Pinned(rs.getString(1), rs.getInt(2), rs.getString(3)));
            }
        }
        return pinned;
    }

    /** One clinic of {@code size} patients with a year of sessions, about 200 logs per patient. */
    Clinic clinic(String sessionUrl, String user, String password, int size, List<Pinned> exercises)
            throws SQLException {
        Random random = new Random(seed * 31 + size);
        UUID clinicId = UUID.nameUUIDFromBytes(("rehabit-bench-clinic-" + size).getBytes(StandardCharsets.UTF_8));
        String physio = "bench-physio-" + size;
        LocalDate start = today.minusDays(365);
        Instant created = start.atStartOfDay().toInstant(ZoneOffset.UTC);
        List<UUID> patients = new ArrayList<>(size);
        List<List<UUID>> items = new ArrayList<>(size);
        StringBuilder patientRows = new StringBuilder();
        StringBuilder programRows = new StringBuilder();
        StringBuilder itemRows = new StringBuilder();
        StringBuilder pauseRows = new StringBuilder();
        StringBuilder alertRows = new StringBuilder();
        StringBuilder occurrenceRows = new StringBuilder();
        long logs = 0;
        record Habit(UUID patient, UUID program, ZoneId zone, int perWeek, List<UUID> items) {
        }
        List<Habit> habits = new ArrayList<>(size);
        for (int p = 0; p < size; p++) {
            UUID patientId = uuid(random);
            UUID programId = uuid(random);
            String zone = ZONES[random.nextInt(ZONES.length)];
            ZoneId zoneId = ZoneId.of(zone);
            patients.add(patientId);
            String name = String.format("Patient %04d %s", p, SURNAMES[random.nextInt(SURNAMES.length)]);
            String ref = "B" + size + "-" + p;
            // the session-service's NameKey of plain ASCII text is the text lower-cased
            csv(patientRows, patientId, clinicId, name, ref, name.toLowerCase(Locale.ROOT),
                    ref.toLowerCase(Locale.ROOT),
                    LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                    zone, physio, 0, created, created);
            int perWeek = 4 + random.nextInt(3);
            csv(programRows, programId, clinicId, patientId, "ACTIVE", "upper-back-pinched-nerve-starter", perWeek,
                    start, null, null, created, "patient-" + patientId, physio, null, 0, created, created);
            List<UUID> itemIds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Pinned pin = exercises.get((p + i * 7) % exercises.size());
                UUID itemId = uuid(random);
                itemIds.add(itemId);
                csv(itemRows, programId, i, itemId, pin.slug(), pin.version(), pin.name(),
                        i == 1 ? "{\"sets\":2,\"reps\":10,\"holdSeconds\":20,\"side\":\"EACH_SIDE\"}"
                                : "{\"sets\":2,\"reps\":10,\"side\":\"BOTH\"}", null);
            }
            items.add(itemIds);
            habits.add(new Habit(patientId, programId, zoneId, perWeek, itemIds));
            if (p % 20 == 7) {
                Instant paused = today.minusDays(60).atStartOfDay(zoneId).toInstant();
                csv(pauseRows, programId, paused, paused.plus(10, ChronoUnit.DAYS));
            }
            if (p % 25 == 3) {
                // an open group with its one occurrence, as the session-service raises it
                UUID alertId = uuid(random);
                csv(alertRows, alertId, clinicId, patientId, "INACTIVE", "bench-" + patientId, null,
                        programId, "No session for 7 days", "OPEN", created, created, 1, null, null, 0);
                csv(occurrenceRows, uuid(random), alertId, clinicId, patientId, "INACTIVE", "bench-" + patientId, null,
                        programId, "No session for 7 days", created);
            }
        }
        try (Connection db = DriverManager.getConnection(sessionUrl, user, password)) {
            db.setAutoCommit(false);
            try (var staff = db.prepareStatement("INSERT INTO clinic_staff (clinic_id, subject, display_name, role, "
                    + "recorded_at) VALUES (?, ?, ?, 'physio', now()) ON CONFLICT DO NOTHING")) {
                staff.setObject(1, clinicId);
                staff.setString(2, physio);
                staff.setString(3, physio);
                staff.executeUpdate(); // the patients' physio is known staff of the clinic (session V15)
            }
            copy(db, "COPY patient (id, clinic_id, display_name, external_ref, name_key, ref_key, date_of_birth, "
                    + "timezone, physio_id, revision, created_at, updated_at) FROM STDIN (FORMAT csv)", patientRows);
            copy(db, "COPY program (id, clinic_id, patient_id, status, template_slug, sessions_per_week, start_date, "
                    + "end_date, notes, safety_confirmed_at, safety_confirmed_by, assigned_by, ended_at, revision, "
                    + "created_at, updated_at) FROM STDIN (FORMAT csv)", programRows);
            copy(db, "COPY program_item (program_id, position, id, exercise_slug, exercise_version, exercise_name, "
                    + "dose, notes) FROM STDIN (FORMAT csv)", itemRows);
            copy(db, "COPY program_pause (program_id, paused_at, resumed_at) FROM STDIN (FORMAT csv)", pauseRows);
            copy(db, "COPY alert (id, clinic_id, patient_id, rule, cause_key, session_id, program_id, detail, status, "
                    + "raised_at, last_raised_at, occurrences, acknowledged_at, acknowledged_by, revision) "
                    + "FROM STDIN (FORMAT csv)", alertRows);
            copy(db, "COPY alert_occurrence (id, alert_id, clinic_id, patient_id, rule, cause_key, session_id, "
                    + "program_id, detail, raised_at) FROM STDIN (FORMAT csv)", occurrenceRows);
            StringBuilder logRows = new StringBuilder();
            StringBuilder itemsDone = new StringBuilder();
            for (int p = 0; p < size; p++) {
                Habit h = habits.get(p);
                // a patient's habit: adherence between 50 % and 100 %, pain drifting up or down over the year
                double adherence = 0.5 + random.nextDouble() * 0.5;
                double painStart = 2 + random.nextInt(5);
                double painSlope = (random.nextDouble() - 0.6) * 4 / 365;
                for (int d = 0; d <= 365; d++) {
                    if (random.nextDouble() >= h.perWeek() / 7.0 * adherence) {
                        continue;
                    }
                    LocalDate day = start.plusDays(d);
                    ZonedDateTime at = day.atTime(LocalTime.of(7 + random.nextInt(14), random.nextInt(60)))
                            .atZone(h.zone());
                    int before = clamp((int) Math.round(painStart + painSlope * d + random.nextGaussian()));
                    int after = clamp(Math.min(6, before + (int) Math.round(random.nextGaussian())));
                    UUID sessionId = timeOrderedUuid(at.toInstant().toEpochMilli(), random);
                    boolean[] itemDone = new boolean[3];
                    for (int i = 0; i < 3; i++) {
                        itemDone[i] = random.nextInt(10) > 0;
                    }
                    csv(logRows, sessionId, clinicId, h.patient(), h.program(), at.toOffsetDateTime(),
                            at.getOffset().getTotalSeconds() / 60, day, before, after, 1 + random.nextInt(10),
                            600 + random.nextInt(1200), null, null, "patient-" + h.patient(),
                            "gen-" + sessionId, String.format("%064x", random.nextLong() & Long.MAX_VALUE),
                            at.toInstant(), itemDone[0] || itemDone[1] || itemDone[2]);
                    // as the routine player logs them: the EACH_SIDE item (1) per side, LEFT and RIGHT; sets and
                    // repetitions done in total, the seconds held on average; pain during now and then
                    int position = 0;
                    for (int i = 0; i < 3; i++) {
                        for (String side : i == 1 ? new String[] {"LEFT", "RIGHT"} : new String[] {null}) {
                            // now and then the right side is skipped (the left, done, keeps work_done true)
                            boolean done = itemDone[i] && !("RIGHT".equals(side) && random.nextInt(20) == 0);
                            int sets = 1 + random.nextInt(2);
                            csv(itemsDone, sessionId, position++, h.items().get(i),
                                    exercises.get((p + i * 7) % exercises.size()).slug(), done ? "DONE" : "SKIPPED",
                                    done ? sets : null, done ? sets * 10 - random.nextInt(3) : null,
                                    done && i == 1 ? 5 + random.nextInt(16) : null, side,
                                    done && random.nextInt(5) == 0 ? clamp(before + random.nextInt(2)) : null);
                        }
                    }
                    logs++;
                }
                if (p % 100 == 99 || p == size - 1) {
                    copy(db, "COPY session_log (id, clinic_id, patient_id, program_id, performed_at, "
                            + "utc_offset_minutes, local_date, pain_before, pain_after, perceived_difficulty, "
                            + "duration_seconds, notes, corrects_id, logged_by, idempotency_key, request_hash, "
                            + "created_at, work_done) FROM STDIN (FORMAT csv)", logRows);
                    copy(db, "COPY session_item (session_id, position, program_item_id, exercise_slug, status, "
                            + "sets_done, reps_done, hold_seconds, side, pain_during) FROM STDIN (FORMAT csv)",
                            itemsDone);
                    logRows.setLength(0);
                    itemsDone.setLength(0);
                }
            }
            db.commit();
            db.setAutoCommit(true);
            try (Statement st = db.createStatement()) {
                st.execute("VACUUM ANALYZE");
            }
        }
        return new Clinic(clinicId, size, patients, items, logs);
    }

    private static int clamp(int pain) {
        return Math.max(0, Math.min(10, pain));
    }

    private static String textColumns(String columns) {
        StringBuilder out = new StringBuilder();
        for (String c : columns.split(",\\s*")) {
            out.append(out.length() == 0 ? "" : ", ").append("v.").append(c).append("::text");
        }
        return out.toString();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /**
     * A session log's id as the session-service makes one (version 7: the time in milliseconds first, then random bits),
     * here at the time the session was performed, so that the generated history's ids are in time order as a year of
     * real logs' would be.
     */
    private static UUID timeOrderedUuid(long epochMillis, Random random) {
        long high = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0xFFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static UUID uuid(Random random) {
        // version 4 layout, from the seeded generator
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** One CSV line; null is an unquoted empty field (COPY's NULL in CSV), everything else is quoted. */
    static void csv(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object v = values[i];
            if (v != null) {
                out.append('"').append(v.toString().replace("\"", "\"\"")).append('"');
            }
        }
        out.append('\n');
    }

    private static void copy(Connection db, String sql, CharSequence rows) throws SQLException {
        if (rows.length() == 0) {
            return;
        }
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn in = db.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        in.writeToCopy(bytes, 0, bytes.length);
        in.endCopy();
    }
}

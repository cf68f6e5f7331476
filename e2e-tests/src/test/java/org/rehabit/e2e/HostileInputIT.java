package org.rehabit.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile input against every public endpoint of the gateway, with the three real services behind it: for each
 * endpoint, requests built by {@link HostileInput} from a valid one. Every answer must be a 4xx problem+json
 * that names its status (or a 2xx, where the request turns out to be acceptable), never a 5xx and never later
 * than the gateway's timeouts; and a refused request changes nothing in either database.
 * <p>
 * CI runs a sample ({@code hostile.tries} generated requests per endpoint, default 12, on top of the fixed
 * structural ones); {@code -Dhostile.tries=300} is the full run, {@code -Dhostile.seed=N} replays one.
 */
class HostileInputIT {

    private static final RunningPlatform PLATFORM = RunningPlatform.get();
    private static final int TRIES = Integer.getInteger("hostile.tries", 12);
    private static final long SEED = Long.getLong("hostile.seed", System.nanoTime());
    /** Longer than the gateway's downstream timeouts in this suite (20 s): an answer later than this is a hang. */
    private static final Duration HANG = Duration.ofSeconds(45);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * Tables whose rows may change without a request's doing: the migration history, the audit trail (and its monthly
     * partitions, audit_event_YYYY_MM) and the dashboard's stored figures with their bookkeeping (due patients, the
     * kept count), which a scheduler refreshes every minute and at each patient's midnight.
     */
    private static final List<String> UNWATCHED = List.of("flyway_schema_history", "audit_event", "patient_figures",
            "patient_refresh", "clinic_figures_count");

    /**
     * Rows the platform writes by itself while the suite runs: the session-service's inactivity check (a minute after
     * start, then hourly) raises open INACTIVE alerts and their occurrences whenever it runs, which no request can
     * do. Acknowledging one is a change a request makes, so acknowledged ones are still watched.
     */
    private static final Map<String, String> SCHEDULED_ROWS = Map.of(
            "alert", " where not (t.rule = 'INACTIVE' and t.status = 'OPEN')",
            "alert_occurrence", " where t.rule <> 'INACTIVE'");

    private static final UUID CLINIC = UUID.randomUUID();
    private static String physio;
    private static String admin;
    private static String patientToken;
    private static String editor;
    private static String patientId;
    private static String programId;
    private static String itemId;
    private static String alertId;
    private static final Map<String, AtomicInteger> STATUSES = new TreeMap<>();
    private static final AtomicInteger SENT = new AtomicInteger();

    /** A public endpoint: a valid request to it, and who may send it. */
    private record Endpoint(String method, String path, String token, String validBody, Map<String, String> query) {
        boolean takesBody() {
            return validBody != null;
        }
    }

    @BeforeAll
    static void aClinicWithAPatientAProgramASessionAndAnAlert() {
        physio = PLATFORM.staff("physio", CLINIC);
        admin = PLATFORM.staff("clinic-admin", CLINIC);
        editor = PLATFORM.editor();
        patientId = PLATFORM.as(physio).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Hostile H", "timezone", "UTC"))
                .when().post("/api/v1/patients").then().statusCode(201).extract().path("id");
        JsonPath program = PLATFORM.as(physio).contentType(ContentType.JSON)
                .body(Map.of("template", "upper-back-pinched-nerve-starter", "sessionsPerWeek", 3))
                .when().post("/api/v1/patients/{id}/programs", patientId).then().statusCode(201).extract().jsonPath();
        programId = program.getString("id");
        // the starter's seated spinal twist, done on each side: its entries carry a side (LEFT here)
        itemId = program.getString("items[1].id");
        patientToken = PLATFORM.patient(CLINIC, UUID.fromString(patientId));
        PLATFORM.as(patientToken).when()
                .post("/api/v1/patients/{id}/programs/{p}/safety-confirmation", patientId, programId)
                .then().statusCode(200);
        PLATFORM.as(patientToken).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(session()).when().post("/api/v1/patients/{id}/sessions", patientId).then().statusCode(201);
        alertId = PLATFORM.as(physio).when().get("/api/v1/clinics/{c}/alerts", CLINIC)
                .then().statusCode(200).extract().path("items[0].id");
        System.out.printf("HostileInputIT: seed %d (replay with -Dhostile.seed=%d), %d generated requests per "
                + "endpoint%n", SEED, SEED, TRIES);
    }

    @AfterAll
    static void figures() throws SQLException {
        for (Connection connection : CONNECTIONS.values()) {
            connection.close();
        }
        System.out.printf("HostileInputIT: %d hostile requests sent; answers by status: %s%n", SENT.get(), STATUSES);
    }

    private static String session() {
        return """
                {"performedAt": "%s", "painBefore": 3, "painAfter": 8, "perceivedDifficulty": 5,
                 "durationSeconds": 600, "notes": "fine",
                 "items": [{"programItemId": "%s", "status": "DONE", "setsDone": 1, "repsDone": 3,
                            "holdSeconds": 5, "side": "LEFT", "painDuring": 2}]}"""
                .formatted(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).truncatedTo(ChronoUnit.SECONDS), itemId);
    }

    private static List<Endpoint> endpoints() {
        String p = "/api/v1/patients/" + patientId;
        String c = "/api/v1/clinics/" + CLINIC;
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Map<String, String> none = Map.of();
        List<Endpoint> list = new ArrayList<>(List.of(
                new Endpoint("GET", "/api/v1/exercises", physio, null, ordered("q", "shoulder", "region", "NECK",
                        "condition", "upper-back-pinched-nerve", "position", "SEATED", "equipment", "chair",
                        "category", "STRETCH", "difficulty", "1", "page", "0", "after", "MQ", "size", "20")),
                new Endpoint("GET", "/api/v1/exercises/shoulder-circles", physio, null, none),
                new Endpoint("GET", "/api/v1/exercises/shoulder-circles/versions", physio, null, none),
                new Endpoint("GET", "/api/v1/exercises/shoulder-circles/versions/1", physio, null, none),
                new Endpoint("GET", "/api/v1/exercises/hostile-missing/draft", editor, null, none),
                new Endpoint("POST", "/api/v1/exercises", editor, exercise("hostile-" + UUID.randomUUID()), none),
                new Endpoint("PUT", "/api/v1/exercises/hostile-missing", editor, exercise("hostile-missing"), none),
                new Endpoint("POST", "/api/v1/exercises/hostile-missing/publish", editor, null, none),
                new Endpoint("POST", "/api/v1/exercises/hostile-missing/retire", editor, null, none),
                new Endpoint("GET", "/api/v1/conditions", physio, null, none),
                new Endpoint("GET", "/api/v1/conditions/upper-back-pinched-nerve", physio, null, none),
                new Endpoint("GET", "/api/v1/routine-templates", physio, null, ordered("condition", "upper-back-pinched-nerve")),
                new Endpoint("GET", "/api/v1/routine-templates/upper-back-pinched-nerve-starter", physio, null, none),
                new Endpoint("POST", "/api/v1/patients", physio,
                        "{\"displayName\":\"Ada L.\",\"externalRef\":\"A-100\",\"dateOfBirth\":\"1971-03-14\","
                                + "\"timezone\":\"Europe/London\"}", none),
                new Endpoint("GET", "/api/v1/patients", physio, null, ordered("q", "Ada", "page", "0", "size", "20")),
                new Endpoint("GET", p, physio, null, none),
                new Endpoint("PUT", p, physio, "{\"displayName\":\"Hostile H\",\"timezone\":\"UTC\"}", none),
                new Endpoint("POST", p + "/programs", physio,
                        "{\"template\":\"upper-back-pinched-nerve-starter\",\"sessionsPerWeek\":5,\"startDate\":\""
                                + today + "\",\"doseOverrides\":{\"seated-spinal-twist\":{\"sets\":1,\"reps\":3,"
                                + "\"holdSeconds\":10,\"side\":\"EACH_SIDE\"}},\"notes\":\"n\"}", none),
                new Endpoint("GET", p + "/programs", physio, null, none),
                new Endpoint("GET", p + "/programs/current", patientToken, null, none),
                new Endpoint("POST", p + "/programs/" + programId + "/resume", physio, null, none),
                new Endpoint("POST", p + "/programs/" + programId + "/safety-confirmation", patientToken, null, none),
                new Endpoint("POST", p + "/sessions", patientToken, session(), none),
                new Endpoint("GET", p + "/sessions", physio, null, ordered("from", "2026-01-01", "to", today,
                        "page", "0", "size", "20")),
                new Endpoint("GET", p + "/progress", physio, null, ordered("weeks", "12")),
                new Endpoint("PUT", p + "/energy-profile", patientToken,
                        "{\"sex\":\"FEMALE\",\"age\":30,\"height\":{\"feet\":5,\"inches\":6},\"weight\":{\"lb\":150},"
                                + "\"activityLevel\":\"MODERATE\",\"goal\":\"LOSE_1\"}", none),
                new Endpoint("GET", p + "/energy-profile", patientToken, null, none),
                new Endpoint("GET", p + "/energy-target", patientToken, null, none),
                new Endpoint("POST", p + "/weights", patientToken,
                        "{\"measuredOn\":\"2026-11-20\",\"weight\":{\"lb\":149.5}}", none),
                new Endpoint("GET", p + "/weights", patientToken, null, ordered("from", "2026-01-01", "to", today)),
                new Endpoint("GET", c + "/dashboard", physio, null, ordered("weeks", "4", "sort", "-painTrend",
                        "atRisk", "true", "page", "0", "size", "20")),
                new Endpoint("GET", c + "/alerts", physio, null, ordered("status", "OPEN")),
                new Endpoint("POST", "/api/v1/alerts/" + alertId + "/acknowledge", physio, null, none),
                new Endpoint("GET", c + "/alert-settings", admin, null, none),
                new Endpoint("GET", c + "/audit", admin, null, ordered("patientId", patientId, "from", "2026-01-01",
                        "to", today, "outcome", "OK", "size", "20")),
                new Endpoint("PUT", c + "/alert-settings", admin,
                        "{\"painAfterThreshold\":7,\"painRiseThreshold\":2,\"inactivityDays\":7}", none),
                new Endpoint("GET", "/api/v1/me", patientToken, null, none),
                new Endpoint("GET", "/api/v1/me/today", patientToken, null, none),
                new Endpoint("POST", "/auth/token", null, "{\"username\":\"physio.riverside\",\"password\":\"demo\"}",
                        none)));
        return list;
    }

    @TestFactory
    List<DynamicTest> everyEndpointAnswersHostileInputWithA4xxProblemAndChangesNothing() {
        HostileInput generator = new HostileInput(SEED);
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            String name = endpoint.method() + " " + endpoint.path().replace(patientId, "{id}")
                    .replace(CLINIC.toString(), "{clinic}");
            List<HostileInput.Request> requests = new ArrayList<>(
                    HostileInput.structural(endpoint.method(), endpoint.path(), endpoint.takesBody()));
            requests.addAll(pathMutations(endpoint, generator));
            requests.addAll(queryMutations(endpoint, generator));
            if (endpoint.takesBody()) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Content-Type", "application/json");
                requests.addAll(generator.bodyMutations(endpoint.method(), endpoint.path() + query(endpoint.query()),
                        headers, endpoint.validBody(), TRIES));
            }
            tests.add(DynamicTest.dynamicTest(name + " (" + requests.size() + " requests)", () -> {
                List<String> failures = new ArrayList<>();
                for (HostileInput.Request request : requests) {
                    String failure = send(endpoint, withIdempotencyKey(request, generator));
                    if (failure != null) {
                        failures.add(failure);
                    }
                }
                if (!failures.isEmpty()) {
                    fail(failures.size() + " of " + requests.size() + " hostile requests were mishandled (seed "
                            + SEED + "):\n" + String.join("\n", failures));
                }
            }));
        }
        return tests;
    }

    /** A session log needs a key; half the time it gets a hostile one, else a fresh valid one. */
    private static HostileInput.Request withIdempotencyKey(HostileInput.Request request, HostileInput generator) {
        if (!request.path().contains("/sessions") || !request.method().equals("POST")) {
            return request;
        }
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        boolean hostile = request.label().startsWith("key ");
        if (!hostile) {
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        return new HostileInput.Request(request.label(), request.method(), request.path(), headers, request.body());
    }

    /** Each path segment that is an id or a slug replaced by nasty strings (and random UUIDs). */
    private static List<HostileInput.Request> pathMutations(Endpoint endpoint, HostileInput generator) {
        List<HostileInput.Request> requests = new ArrayList<>();
        String[] segments = endpoint.path().split("/");
        Map<String, String> headers = endpoint.takesBody() ? Map.of("Content-Type", "application/json") : Map.of();
        byte[] body = endpoint.takesBody() ? HostileInput.bytes(endpoint.validBody()) : null;
        for (int i = 3; i < segments.length; i++) {
            if (!looksLikeAnId(segments[i])) {
                continue;
            }
            List<String> replacements = new ArrayList<>(List.of(UUID.randomUUID().toString(), "..", "%2e%2e",
                    "%2F", "%00", "x".repeat(5_000), "1'or'1'='1"));
            for (int t = 0; t < Math.max(2, TRIES / 4); t++) {
                replacements.add(URLEncoder.encode(generator.nastyString(), StandardCharsets.UTF_8));
            }
            for (String replacement : replacements) {
                String[] copy = segments.clone();
                copy[i] = replacement;
                requests.add(new HostileInput.Request("path segment " + i + " = " + HostileInput.abbreviate(replacement),
                        endpoint.method(), String.join("/", copy) + query(endpoint.query()), headers, body));
            }
        }
        if (endpoint.path().endsWith("/sessions") && endpoint.method().equals("POST")) {
            for (String key : List.of("", "x".repeat(10_000), "\u00e9\u00e8", "../../x", "a b")) {
                requests.add(new HostileInput.Request("key " + HostileInput.abbreviate(key), "POST", endpoint.path(),
                        Map.of("Content-Type", "application/json",
                                "Idempotency-Key", URLEncoder.encode(key, StandardCharsets.UTF_8)), body));
            }
        }
        for (String ifMatch : List.of("\"x\"", "W/\"", "*", "\"" + "9".repeat(40) + "\"")) {
            if (endpoint.method().equals("PUT")) {
                Map<String, String> h = new LinkedHashMap<>(headers);
                h.put("If-Match", ifMatch);
                requests.add(new HostileInput.Request("If-Match " + ifMatch, endpoint.method(), endpoint.path(), h, body));
            }
        }
        return requests;
    }

    private static boolean looksLikeAnId(String segment) {
        return segment.length() >= 8 && (segment.matches("[0-9a-f-]{36}") || segment.contains("-"))
                || segment.matches("\\d+");
    }

    /** Each query parameter replaced by nasty values, plus page and size out of range and unknown parameters. */
    private static List<HostileInput.Request> queryMutations(Endpoint endpoint, HostileInput generator) {
        List<HostileInput.Request> requests = new ArrayList<>();
        if (endpoint.query().isEmpty()) {
            return requests;
        }
        Map<String, String> headers = endpoint.takesBody() ? Map.of("Content-Type", "application/json") : Map.of();
        for (String name : endpoint.query().keySet()) {
            List<String> values = new ArrayList<>(List.of("-1", "2147483648", "99999999999999999999", "abc", "",
                    "1e9", "0"));
            for (int t = 0; t < Math.max(2, TRIES / 4); t++) {
                values.add(generator.nastyString());
            }
            for (String value : values) {
                Map<String, String> query = new LinkedHashMap<>(endpoint.query());
                query.put(name, value);
                requests.add(new HostileInput.Request(name + "=" + HostileInput.abbreviate(value), endpoint.method(),
                        endpoint.path() + query(query), headers, null));
            }
        }
        requests.add(new HostileInput.Request("size=100000", endpoint.method(),
                endpoint.path() + query(Map.of("page", "0", "size", "100000")), headers, null));
        requests.add(new HostileInput.Request("page=2147483647", endpoint.method(),
                endpoint.path() + query(Map.of("page", "2147483647", "size", "100")), headers, null));
        requests.add(new HostileInput.Request("a parameter twice", endpoint.method(),
                endpoint.path() + query(endpoint.query()) + "&page=1&page=x", headers, null));
        return requests;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String query(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("?");
        query.forEach((k, v) -> out.append(out.length() > 1 ? "&" : "").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private static String exercise(String slug) {
        return """
                {"slug": "%s", "name": "Hostile Slide", "aliases": ["Wall angel"],
                 "summary": "Slide both arms up a wall.", "purpose": "Shoulder mobility.", "category": "MOBILITY",
                 "bodyRegions": ["SHOULDER"], "startPosition": "STANDING", "equipment": ["wall"], "difficulty": 1,
                 "steps": [{"role": "SETUP", "instruction": "Stand with your back to a wall."},
                           {"role": "MOVE", "instruction": "Slide the arms up."}],
                 "cautions": ["Keep the back on the wall."], "stopRules": ["Stop if pain spreads down the arm."],
                 "defaultDose": {"sets": 2, "reps": 10, "restSeconds": 30, "side": "BOTH", "timesPerDay": 1,
                                 "daysPerWeek": 5},
                 "conditions": ["upper-back-pinched-nerve"], "licence": "CC-BY-4.0"}""".formatted(slug);
    }

    /** Sends one request; answers what is wrong with how it was handled, or null. */
    private static String send(Endpoint endpoint, HostileInput.Request request) throws Exception {
        SENT.incrementAndGet();
        Map<String, String> before = fingerprint();
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(PLATFORM.gatewayUrl() + request.path())).timeout(HANG);
        } catch (IllegalArgumentException notAUri) {
            return null; // no client can send it
        }
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        builder.method(request.method(), body);
        if (endpoint.token() != null) {
            builder.header("Authorization", "Bearer " + endpoint.token());
        }
        request.headers().forEach(builder::header);
        String what = request.method() + " " + request.path().substring(0, Math.min(request.path().length(), 140))
                + " [" + request.label() + "] " + HostileInput.abbreviate(request.bodyPreview());
        HttpResponse<String> response;
        try {
            response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException hang) {
            count("hang");
            return what + " → no answer within " + HANG.toSeconds() + " s";
        } catch (IOException closed) {
            // the gateway may close the connection on a body over its cap before reading it all
            if (request.body() != null && request.body().length > 1024 * 1024) {
                count("closed (oversized)");
                return unchanged(before, what);
            }
            count("io-error");
            return what + " → connection failed: " + closed;
        }
        int status = response.statusCode();
        count(Integer.toString(status));
        if (status >= 500) {
            return what + " → " + status + " " + HostileInput.abbreviate(response.body());
        }
        if (status == 414 || status == 431) {
            // the HTTP parser refuses a request line or headers over its limits before any application code runs
            return null;
        }
        if (status >= 400) {
            String problem = problemError(response);
            if (problem != null) {
                return what + " → " + status + ": " + problem;
            }
            return unchanged(before, what);
        }
        return null;
    }

    private static String problemError(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "content type '" + type + "', not application/problem+json; body " +
                    HostileInput.abbreviate(response.body());
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body.path("status").asInt() != response.statusCode() || body.path("title").asText().isEmpty()) {
                return "problem without the right status and a title: " + HostileInput.abbreviate(response.body());
            }
            String text = response.body();
            if (text.contains("at org.") || text.contains("Exception") || text.contains("java.")) {
                return "problem leaks internals: " + HostileInput.abbreviate(text);
            }
        } catch (IOException e) {
            return "problem body is not JSON: " + HostileInput.abbreviate(response.body());
        }
        return null;
    }

    private static String unchanged(Map<String, String> before, String what) throws SQLException {
        Map<String, String> after = fingerprint();
        if (!before.equals(after)) {
            List<String> changed = new ArrayList<>();
            after.forEach((table, hash) -> {
                if (!hash.equals(before.get(table))) {
                    changed.add(table);
                }
            });
            return what + " → refused, but changed " + changed;
        }
        return null;
    }

    private static void count(String status) {
        synchronized (STATUSES) {
            STATUSES.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static final Map<String, Connection> CONNECTIONS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Connection connect(String database) {
        try {
            return PLATFORM.database(database);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A hash of every row of every table of both services' databases. */
    private static Map<String, String> fingerprint() throws SQLException {
        Map<String, String> hashes = new TreeMap<>();
        for (String database : List.of("catalog", "session")) {
            Connection connection = CONNECTIONS.computeIfAbsent(database, HostileInputIT::connect);
            try (Statement statement = connection.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery(
                        "select tablename from pg_tables where schemaname = 'public' order by tablename")) {
                    while (rs.next()) {
                        if (!UNWATCHED.contains(rs.getString(1)) && !rs.getString(1).startsWith("audit_event_")) {
                            tables.add(rs.getString(1));
                        }
                    }
                }
                StringBuilder sql = new StringBuilder();
                for (String table : tables) {
                    sql.append(sql.length() == 0 ? "" : " union all ").append("select '").append(table)
                            .append("', coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '') from \"")
                            .append(table).append("\" t").append(SCHEDULED_ROWS.getOrDefault(table, ""));
                }
                try (ResultSet rs = statement.executeQuery(sql.toString())) {
                    while (rs.next()) {
                        hashes.put(database + "." + rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return hashes;
    }

    @org.junit.jupiter.api.Test
    void theBodyAndPageSizeAreCapped() throws Exception {
        HttpResponse<String> big = HTTP.send(HttpRequest.newBuilder(URI.create(PLATFORM.gatewayUrl() + "/api/v1/patients"))
                .header("Authorization", "Bearer " + physio).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"" + "x".repeat(2 * 1024 * 1024)
                        + "\",\"timezone\":\"UTC\"}")).timeout(HANG).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, big.statusCode(), big.body());
        assertTrue(big.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        PLATFORM.as(physio).when().get("/api/v1/patients?size=101").then().statusCode(400);
        PLATFORM.as(physio).when().get("/api/v1/exercises?size=101").then().statusCode(400);
        PLATFORM.as(physio).when().get("/api/v1/clinics/{c}/dashboard?size=201", CLINIC).then().statusCode(400);
        PLATFORM.as(physio).when().get("/api/v1/patients/{id}/sessions?size=201", patientId).then().statusCode(400);
        PLATFORM.as(physio).when().get("/api/v1/clinics/{c}/alerts?size=201", CLINIC).then().statusCode(400);
        PLATFORM.as(admin).when().get("/api/v1/clinics/{c}/audit?size=201", CLINIC).then().statusCode(400);
        PLATFORM.as(physio).when().get("/api/v1/patients?page=100001").then().statusCode(400);
    }
}

package org.rehabit.session.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.ServiceTestBase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;

/**
 * The gateway's denials (no or a bad token, a role that may not use a route) land in the audit trail through the
 * internal ingest endpoint: only with the shared key, only identifiers and codes, all of a batch or none of it.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class GatewayDenialTest extends ServiceTestBase {

    static final String KEY = "test-audit-ingest-key-0123456789";
    /** The test profile lists a second key after {@link #KEY}, as during a rotation. */
    static final String OTHER_KEY = "test-audit-ingest-key-rotation-9876543210";
    private static final String PATH = "/audit/gateway-denials";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AnonymousAttempts attempts;

    private final Clinic clinic = Clinic.fresh();

    /** A denial as the gateway sends it; mutable, so a test can spoil the one field it is about. */
    static Map<String, Object> denial(String requestId, String subject, List<String> roles, UUID clinicId,
                                      String patientId, String action, String method, int status, String outcome) {
        Map<String, Object> denial = new LinkedHashMap<>();
        denial.put("at", Instant.now().toString());
        denial.put("requestId", requestId);
        denial.put("subject", subject);
        denial.put("roles", roles);
        denial.put("clinicId", clinicId == null ? null : clinicId.toString());
        denial.put("patientId", patientId);
        denial.put("action", action);
        denial.put("method", method);
        denial.put("status", status);
        denial.put("outcome", outcome);
        return denial;
    }

    private static io.restassured.response.ValidatableResponse deliver(String key, Object body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header(IngestKey.HEADER, key);
        }
        return request.when().post(PATH).then();
    }

    @Test
    void deliveredDenialsAreRecordedAsDecidedByTheGatewayAndFiledUnderTheClinic() throws SQLException {
        String patient = registerPatient(clinic, "Denied About");
        String denied = "gw-" + UUID.randomUUID();
        String stranger = "gw-" + UUID.randomUUID();
        deliver(KEY, Map.of("denials", List.of(
                denial(denied, "patient-" + patient, List.of("patient"), clinic.id(), null,
                        "/api/v1/clinics/{clinicId}/dashboard", "GET", 403, "DENIED"),
                // no valid token: anonymous, counted per address and minute, filed under no clinic
                withAddress(denial(stranger, null, null, null, patient, "/api/v1/patients/{id}", "GET", 401,
                        "UNAUTHENTICATED"), "198.51.100.23")))).statusCode(204);
        attempts.write(Instant.MAX);

        assertThat(row(denied), is(Optional.of("patient-" + patient + " patient " + clinic.id() + " null "
                + "/api/v1/clinics/{clinicId}/dashboard GET 403 DENIED gateway")));
        assertThat(row(stranger), is(Optional.empty()));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT clinic_id, patient_id, action, status, outcome, decided_by, occurrences FROM audit_event
                     WHERE client_address = '198.51.100.23'""");
             ResultSet rs = query.executeQuery()) {
            assertTrue(rs.next(), "the anonymous attempt is counted");
            assertThat(rs.getObject(1) + " " + rs.getObject(2) + " " + rs.getString(3) + " " + rs.getInt(4) + " "
                    + rs.getString(5) + " " + rs.getString(6) + " " + rs.getInt(7),
                    is("null null /api/v1/patients/{id} 401 UNAUTHENTICATED gateway 1"));
        }
    }

    private static Map<String, Object> withAddress(Map<String, Object> denial, String address) {
        denial.put("clientAddress", address);
        return denial;
    }

    @Test
    void withoutTheKeyNothingIsRecordedAndTheRefusalIsAudited() throws SQLException {
        String requestId = "gw-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("denials", List.of(denial(requestId, null, null, clinic.id(), null,
                "/api/v1/me", "GET", 401, "UNAUTHENTICATED")));
        deliver(null, body).spec(problem(401, "unauthenticated"));
        deliver("wrong-key-wrong-key-wrong-key", body).spec(problem(401, "unauthenticated"));
        deliver(KEY + "x", body).spec(problem(401, "unauthenticated"));
        // a bad body without the key: still 401, nothing learnt about the body
        deliver(null, "{\"denials\": 7}").spec(problem(401, "unauthenticated"));
        assertThat(row(requestId), is(Optional.empty()));
        assertThat(refusedDeliveries(), is(true));
    }

    @Test
    void badDenialsAreRefusedWholeWithA400NamingTheFieldAndNothingIsStored() throws SQLException {
        String good = "gw-" + UUID.randomUUID();
        List<Map.Entry<String, Object>> spoilers = List.of(
                Map.entry("clinicId", "not-a-uuid"),
                Map.entry("patientId", 42),
                Map.entry("subject", "Mrs Secret has back pain"),
                Map.entry("subject", "x".repeat(256)),
                Map.entry("roles", List.of("root")),
                Map.entry("action", "my neighbour said hello"),
                Map.entry("action", "/api/v1/" + "a".repeat(100)),
                Map.entry("method", "BREW"),
                Map.entry("status", 500),
                Map.entry("outcome", "OK"),
                Map.entry("outcome", "DENIED"), // with status 401
                Map.entry("requestId", "has spaces in it"),
                Map.entry("at", "yesterday"),
                Map.entry("at", 1e20),
                Map.entry("at", "2026-02-30T08:00:00Z"),
                Map.entry("at", "1999-01-01T00:00:00Z"),
                Map.entry("at", Instant.now().plus(1, ChronoUnit.HOURS).toString()),
                Map.entry("notes", "free text is no field of a denial"));
        for (Map.Entry<String, Object> spoiler : spoilers) {
            Map<String, Object> bad = denial("gw-" + UUID.randomUUID(), null, null, clinic.id(), null,
                    "/api/v1/me", "GET", 401, "UNAUTHENTICATED");
            bad.put(spoiler.getKey(), spoiler.getValue());
            Map<String, Object> ok = denial(good, null, null, clinic.id(), null, "/api/v1/me", "GET", 401,
                    "UNAUTHENTICATED");
            deliver(KEY, Map.of("denials", List.of(ok, bad))).spec(problem(400, "validation"))
                    .body("errors.field", hasItem(startsWith("denials[1]." + spoiler.getKey())));
        }
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= GatewayDenials.MAX; i++) {
            tooMany.add(denial(good, null, null, clinic.id(), null, "/api/v1/me", "GET", 401, "UNAUTHENTICATED"));
        }
        deliver(KEY, Map.of("denials", tooMany)).spec(invalid("denials"));
        deliver(KEY, Map.of("denials", List.of())).spec(invalid("denials"));
        deliver(KEY, "null").spec(invalid("denials"));
        deliver(KEY, "[]").statusCode(400).contentType("application/problem+json");
        deliver(KEY, "{").spec(problem(400, "unreadable-body"));
        given().header(IngestKey.HEADER, KEY).contentType(ContentType.TEXT).body("x").when().post(PATH).then()
                .statusCode(415).contentType("application/problem+json");
        assertThat(row(good), is(Optional.empty()));
    }

    @Test
    void duringARotationBothListedKeysAreAcceptedAndNoOther() throws SQLException {
        String withNew = "gw-" + UUID.randomUUID();
        String withOld = "gw-" + UUID.randomUUID();
        // 403s: each is a row of its own (anonymous 401s are only counted per address and minute)
        deliver(KEY, Map.of("denials", List.of(denial(withNew, "physio-1", List.of("physio"), clinic.id(), null,
                "/api/v1/clinics/{clinicId}/audit", "GET", 403, "DENIED")))).statusCode(204);
        deliver(OTHER_KEY, Map.of("denials", List.of(denial(withOld, "physio-1", List.of("physio"), clinic.id(), null,
                "/api/v1/clinics/{clinicId}/audit", "GET", 403, "DENIED")))).statusCode(204);
        assertTrue(row(withNew).isPresent(), "delivered with the first key");
        assertTrue(row(withOld).isPresent(), "delivered with the second key");
        deliver(KEY + "," + OTHER_KEY, Map.of("denials", List.of())).spec(problem(401, "unauthenticated"));

        IngestKey rotating = new IngestKey(Optional.of(" new-key-0123456789abcdef , old-key-0123456789abcdef,short"));
        assertTrue(rotating.accepts("new-key-0123456789abcdef"));
        assertTrue(rotating.accepts("old-key-0123456789abcdef"));
        assertFalse(rotating.accepts("short"));
        assertFalse(rotating.accepts(""));
    }

    @Test
    void noKeyConfiguredAcceptsNothingAndAShortKeyCountsAsNone() {
        assertFalse(new IngestKey(Optional.empty()).accepts(""));
        assertFalse(new IngestKey(Optional.empty()).accepts(null));
        assertFalse(new IngestKey(Optional.of("short")).accepts("short"));
        assertTrue(new IngestKey(Optional.of(KEY)).accepts(KEY));
        assertFalse(new IngestKey(Optional.of(KEY)).accepts(KEY.substring(1)));
    }

    /** The row of a request id: "subject roles clinic patient action method status outcome decided_by". */
    private Optional<String> row(String requestId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT subject, roles, clinic_id, patient_id, action, http_method, status, outcome, decided_by
                     FROM audit_event WHERE request_id = ?""")) {
            query.setString(1, requestId);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> fields = new ArrayList<>();
                for (int i = 1; i <= 9; i++) {
                    fields.add(String.valueOf(rs.getObject(i)));
                }
                assertFalse(rs.next(), "one row per request id");
                return Optional.of(String.join(" ", fields));
            }
        }
    }

    private boolean refusedDeliveries() throws SQLException {
        attempts.write(Instant.MAX);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT sum(occurrences) FROM audit_event WHERE action = 'GatewayDenial.ingest'
                     AND outcome = 'UNAUTHENTICATED' AND decided_by = 'session-service'""");
             ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1) >= 4;
        }
    }
}

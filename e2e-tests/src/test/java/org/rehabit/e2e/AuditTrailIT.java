package org.rehabit.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * The audit trail of the running platform also holds the denials the gateway decides itself, which never reach the
 * session-service: a patient on the clinic dashboard (DENIED) lands in the session database's {@code audit_event}
 * within seconds, decided by the gateway, and the clinic's admin finds it through the audit endpoint; requests with
 * no or a garbage token (UNAUTHENTICATED) are counted per client address, route and minute, filed under no clinic.
 */
class AuditTrailIT {

    private static final RunningPlatform PLATFORM = RunningPlatform.get();
    private static final Duration WITHIN = Duration.ofSeconds(15);

    @Test
    void denialsDecidedAtTheGatewayAreInTheAuditTrailAndTheClinicAdminSeesThem() throws Exception {
        UUID clinic = UUID.randomUUID();
        String physio = PLATFORM.staff("physio", clinic);
        String patientId = PLATFORM.as(physio).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Audited A", "timezone", "UTC"))
                .when().post("/api/v1/patients").then().statusCode(201).extract().path("id");
        String patient = PLATFORM.patient(clinic, UUID.fromString(patientId));

        String denied = "e2e-denied-" + UUID.randomUUID();
        PLATFORM.as(patient).header("X-Request-Id", denied).when().get("/api/v1/clinics/{c}/dashboard", clinic)
                .then().statusCode(403).contentType("application/problem+json");
        String garbage = "e2e-garbage-" + UUID.randomUUID();
        PLATFORM.as("garbage-" + UUID.randomUUID()).header("X-Request-Id", garbage).when()
                .get("/api/v1/patients/{id}/sessions", patientId).then().statusCode(401);
        String none = "e2e-none-" + UUID.randomUUID();
        PLATFORM.api().header("X-Request-Id", none).when().get("/api/v1/patients/{id}", patientId)
                .then().statusCode(401);

        assertThat(awaitRow(denied), is("patient-" + patientId + " patient " + clinic + " null "
                + "/api/v1/clinics/{clinicId}/dashboard GET 403 DENIED gateway"));
        // anonymous attempts are counted per client address, route and minute, once the minute is over, filed
        // under no clinic: anyone can send them, naming any patient
        assertThat(awaitAnonymous("/api/v1/patients/{id}/sessions"), is("null null GET 401 UNAUTHENTICATED gateway"));
        assertThat(row(garbage), is(Optional.empty()));
        assertThat(row(none), is(Optional.empty()));

        String admin = PLATFORM.staff("clinic-admin", clinic);
        PLATFORM.as(admin).queryParam("outcome", "DENIED").when().get("/api/v1/clinics/{c}/audit", clinic)
                .then().statusCode(200)
                .body("items.requestId", hasItem(denied))
                .body("items.decidedBy", hasItem("gateway"));
        PLATFORM.as(admin).queryParam("patientId", patientId).queryParam("outcome", "UNAUTHENTICATED")
                .when().get("/api/v1/clinics/{c}/audit", clinic)
                .then().statusCode(200)
                .body("items", hasSize(0))
                .body("next", equalTo(null));
        // the physio who registered the patient is in the trail too, decided by the session-service
        PLATFORM.as(admin).queryParam("patientId", patientId).queryParam("outcome", "COMMITTED")
                .when().get("/api/v1/clinics/{c}/audit", clinic)
                .then().statusCode(200).body("items.action", hasItem("Patient.register"))
                .body("items.decidedBy", hasItem("session-service"));
        // another clinic's admin: not found, like every other tenant check; a physio: the role may not
        PLATFORM.as(PLATFORM.staff("clinic-admin", UUID.randomUUID())).when()
                .get("/api/v1/clinics/{c}/audit", clinic).then().statusCode(404);
        PLATFORM.as(physio).when().get("/api/v1/clinics/{c}/audit", clinic).then().statusCode(403);
    }

    @Test
    void theIngestEndpointIsNotReachableThroughTheGateway() {
        String body = "{\"denials\": []}";
        for (String path : new String[] {"/audit/gateway-denials", "/api/v1/audit/gateway-denials"}) {
            PLATFORM.api().contentType(ContentType.JSON).header("X-Rehabit-Audit-Key", PLATFORM.auditIngestKey())
                    .body(body).when().post(path).then().statusCode(404);
        }
    }

    /**
     * The counted row of this machine's anonymous GETs of {@code action} (other suites sharing the platform send
     * anonymous writes to the same routes), waiting for the minute to end (and the
     * gateway's delivery): "clinic patient method status outcome decidedBy".
     */
    private static String awaitAnonymous(String action) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            try (Connection session = PLATFORM.database("session");
                 PreparedStatement query = session.prepareStatement("""
                         SELECT clinic_id, patient_id, http_method, status, outcome, decided_by FROM audit_event
                         WHERE action = ? AND http_method = 'GET' AND outcome = 'UNAUTHENTICATED'
                         AND client_address IS NOT NULL
                         AND occurrences >= 1 AND at > now() - interval '5 minutes'""")) {
                query.setString(1, action);
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= 6; i++) {
                            row.append(i == 1 ? "" : " ").append(rs.getObject(i));
                        }
                        return row.toString();
                    }
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No counted anonymous row for " + action + " within 90 s");
            }
            Thread.sleep(500);
        }
    }

    /** The audit row of a request, waiting for the gateway's asynchronous delivery. */
    private static String awaitRow(String requestId) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(WITHIN);
        while (true) {
            Optional<String> row = row(requestId);
            if (row.isPresent()) {
                return row.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No audit row for request " + requestId + " within " + WITHIN.toSeconds()
                        + " s");
            }
            Thread.sleep(100);
        }
    }

    private static Optional<String> row(String requestId) throws SQLException {
        try (Connection session = PLATFORM.database("session");
             PreparedStatement query = session.prepareStatement("""
                     SELECT subject, roles, clinic_id, patient_id, action, http_method, status, outcome, decided_by
                     FROM audit_event WHERE request_id = ?""")) {
            query.setString(1, requestId);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= 9; i++) {
                    row.append(i == 1 ? "" : " ").append(rs.getObject(i));
                }
                return Optional.of(row.toString());
            }
        }
    }
}

package org.rehabit.session.identity;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.Management;
import org.rehabit.session.support.ServiceTestBase;
import org.rehabit.session.support.Tokens;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.rehabit.session.support.Fixtures.patientBody;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;

/**
 * Who may call what: only tokens this service trusts get in (401 otherwise), roles decide what they may do
 * (403), and the clinic and patient ids come from the token alone.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class SecurityTest extends ServiceTestBase {

    private static final String ISSUER = "https://rehabit.local/auth";
    private static final String AUDIENCE = "rehabit";

    private final Clinic clinic = Clinic.fresh();

    @Test
    void withoutATokenTheAnswerIsUnauthorized() {
        given().when().get("/patients")
                .then().spec(problem(401, "unauthenticated"))
                .header("WWW-Authenticate", equalTo("Bearer"));
        given().contentType(ContentType.JSON).body(patientBody("Anon", null, "UTC"))
                .when().post("/patients")
                .then().spec(problem(401, "unauthenticated"));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey stranger = generator.generateKeyPair().getPrivate();
        String forged = Jwt.issuer(ISSUER).audience(AUDIENCE).subject("physio-forged").groups(Set.of("physio"))
                .claim("clinic_id", clinic.id().toString())
                .sign(stranger);
        given().auth().oauth2(forged).when().get("/patients")
                .then().spec(problem(401, "unauthenticated"));
    }

    @Test
    void aTokenOfAnotherIssuerOrAudienceIsRefused() {
        String otherIssuer = Jwt.issuer("https://evil.example/auth").audience(AUDIENCE).subject("physio-x")
                .groups(Set.of("physio")).claim("clinic_id", clinic.id().toString()).sign();
        given().auth().oauth2(otherIssuer).when().get("/patients")
                .then().spec(problem(401, "unauthenticated"));
        String otherAudience = Jwt.issuer(ISSUER).audience("someone-else").subject("physio-x")
                .groups(Set.of("physio")).claim("clinic_id", clinic.id().toString()).sign();
        given().auth().oauth2(otherAudience).when().get("/patients")
                .then().spec(problem(401, "unauthenticated"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant now = Instant.now();
        String expired = Jwt.issuer(ISSUER).audience(AUDIENCE).subject("physio-x").groups(Set.of("physio"))
                .claim("clinic_id", clinic.id().toString())
                .issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(3600))
                .sign();
        given().auth().oauth2(expired).when().get("/patients")
                .then().spec(problem(401, "unauthenticated"));
    }

    @Test
    void aTokenThatIsNotAJwtIsRefused() {
        given().auth().oauth2("not.a.token").when().get("/patients")
                .then().spec(problem(401, "unauthenticated"));
    }

    @Test
    void aTokenWithoutAUsableClinicIsForbidden() {
        String notAnId = Jwt.issuer(ISSUER).audience(AUDIENCE).subject("physio-x").groups(Set.of("physio"))
                .claim("clinic_id", "clinic-one").sign();
        given().auth().oauth2(notAnId).when().get("/patients")
                .then().spec(problem(403, "forbidden"));
        String none = Tokens.token("physio-x", Set.of("physio"), null, null);
        given().auth().oauth2(none).when().get("/patients")
                .then().spec(problem(403, "forbidden"));
    }

    @Test
    void aPatientTokenWithoutAPatientIdIsForbidden() {
        String id = registerPatient(clinic, "Pat Nobody");
        String noPatient = Tokens.token("patient-x", Set.of("patient"), clinic.id(), null);
        given().auth().oauth2(noPatient).when().get("/patients/{id}", id)
                .then().spec(problem(403, "forbidden"));
    }

    @Test
    void patientsAndContentEditorsCannotRegisterOrListPatients() {
        String id = registerPatient(clinic, "Pat Self");
        given().auth().oauth2(clinic.patient(id)).contentType(ContentType.JSON)
                .body(patientBody("Pat Friend", null, "UTC"))
                .when().post("/patients")
                .then().spec(problem(403, "forbidden"));
        given().auth().oauth2(Tokens.editor(clinic.id())).when().get("/patients")
                .then().spec(problem(403, "forbidden"));
        given().auth().oauth2(Tokens.editor(clinic.id())).when().get("/patients/{id}", id)
                .then().spec(problem(403, "forbidden"));
        given().auth().oauth2(Tokens.editor(clinic.id())).contentType(ContentType.JSON)
                .body(patientBody("Pat Edited", null, "UTC"))
                .when().post("/patients")
                .then().spec(problem(403, "forbidden"));
        given().auth().oauth2(clinic.physio()).when().get("/patients")
                .then().statusCode(200)
                .body("total", equalTo(1));
    }

    @Test
    void aPatientIdInTheTokenOnlyReachesThatPatient() {
        String me = registerPatient(clinic, "Pat Me");
        String neighbour = registerPatient(clinic, "Pat Neighbour");
        given().auth().oauth2(clinic.patient(me)).when().get("/patients/{id}", neighbour)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.patient(me)).when().get("/patients/{id}/programs", neighbour)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.patient(me)).when().get("/patients/{id}/sessions", neighbour)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.patient(me)).when().get("/patients/{id}/progress", neighbour)
                .then().spec(problem(404, "not-found"));
        // the same patient id under another clinic's token is someone else entirely
        given().auth().oauth2(Tokens.patient(UUID.randomUUID(), UUID.fromString(me)))
                .when().get("/patients/{id}", me)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.patient(me)).when().get("/patients/{id}", me)
                .then().statusCode(200)
                .body("id", equalTo(me));
    }

    @Test
    void operatorEndpointsNeedNoTokenAndAreOnTheManagementPortOnly() {
        Management.given().when().get("/q/health/ready").then().statusCode(200);
        Management.given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(404);
        given().when().get("/q/metrics").then().statusCode(404);
    }
}

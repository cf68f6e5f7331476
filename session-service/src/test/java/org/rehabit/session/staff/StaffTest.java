package org.rehabit.session.staff;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.ServiceTestBase;
import org.rehabit.session.support.Tokens;

import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;

/** The clinic's known staff: recorded from their tokens, once, and listed to the clinic's staff only. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class StaffTest extends ServiceTestBase {

    private final Clinic clinic = Clinic.fresh();

    static String named(String subject, String role, UUID clinic, String name) {
        return Jwt.issuer("https://rehabit.local/auth").audience("rehabit").subject(subject).groups(Set.of(role))
                .claim("clinic_id", clinic.toString()).claim("name", name).sign();
    }

    @Test
    void staffAreRecordedOnceFromTheirTokens() {
        String physio = named("sub-ana", "physio", clinic.id(), "Ana Physio");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(physio).when().get("/patients").then().statusCode(200);
        }
        given().auth().oauth2(clinic.admin()).when().get("/clinics/{id}/staff", clinic.id())
                .then().statusCode(200)
                .body("subject", containsInAnyOrder("sub-ana", "admin-" + clinic.id().toString().substring(0, 8)))
                .body("find { it.subject == 'sub-ana' }.displayName", equalTo("Ana Physio"))
                .body("find { it.subject == 'sub-ana' }.role", equalTo("physio"))
                .body("find { it.subject.startsWith('admin-') }.role", equalTo("clinic-admin"));
        // a later token with another name: the name follows it, still one entry
        given().auth().oauth2(named("sub-ana", "physio", clinic.id(), "Ana Married-Name"))
                .when().get("/clinics/{id}/staff", clinic.id())
                .then().statusCode(200)
                .body("findAll { it.subject == 'sub-ana' }", hasSize(1))
                .body("find { it.subject == 'sub-ana' }.displayName", equalTo("Ana Married-Name"));
    }

    @Test
    void patientsAreNotStaffAndOtherClinicsAreNotFound() {
        String patient = registerPatient(clinic, "Pat Ient");
        given().auth().oauth2(clinic.patient(patient)).when().get("/clinics/{id}/staff", clinic.id())
                .then().spec(problem(403, "forbidden"));
        given().auth().oauth2(clinic.physio()).when().get("/clinics/{id}/staff", clinic.id())
                .then().statusCode(200)
                .body("subject", contains(clinic.physioSubject()));
        Clinic other = Clinic.fresh();
        given().auth().oauth2(other.admin()).when().get("/clinics/{id}/staff", clinic.id())
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(Tokens.editor(clinic.id())).when().get("/clinics/{id}/staff", clinic.id())
                .then().spec(problem(403, "forbidden"));
    }
}

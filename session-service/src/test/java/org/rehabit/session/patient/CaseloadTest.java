package org.rehabit.session.patient;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.ServiceTestBase;
import org.rehabit.session.support.Tokens;

import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.patientBody;

/** Caseloads: a patient's physio is a known staff member of the clinic; "my patients"; a clinic-admin reassigns. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class CaseloadTest extends ServiceTestBase {

    private final Clinic clinic = Clinic.fresh();
    private final Clinic other = Clinic.fresh();

    /** A second physio of {@code clinic}, known once their token has been seen. */
    private String secondPhysio(Clinic of, String subject) {
        String token = Tokens.token(subject, Set.of("physio"), of.id(), null);
        given().auth().oauth2(token).when().get("/patients").then().statusCode(200);
        return token;
    }

    private String register(String token, String name, String physioId) {
        Map<String, Object> body = patientBody(name, null, "UTC");
        if (physioId != null) {
            body.put("physioId", physioId);
        }
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/patients")
                .then().statusCode(201)
                .extract().path("physioId");
    }

    private int patientCount(Clinic of) {
        return given().auth().oauth2(of.admin()).when().get("/patients")
                .then().statusCode(200).extract().path("total");
    }

    @Test
    void aPhysioRegistersForThemselvesByDefaultOrForAnotherPhysioOfTheClinic() {
        secondPhysio(clinic, "ben-" + clinic.id());
        assertEquals(clinic.physioSubject(), register(clinic.physio(), "Default Mine", null));
        assertEquals("ben-" + clinic.id(), register(clinic.physio(), "For Ben", "ben-" + clinic.id()));
    }

    @Test
    void anUnknownOrOtherClinicsPhysioIsRefusedAndNothingIsRegistered() {
        register(clinic.physio(), "First", null);
        secondPhysio(other, "olga-" + other.id()); // known, but of the other clinic
        for (String physio : new String[] {"nobody-" + clinic.id(), "olga-" + other.id(), other.physioSubject()}) {
            Map<String, Object> body = patientBody("Refused " + physio, null, "UTC");
            body.put("physioId", physio);
            given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(body)
                    .when().post("/patients")
                    .then().spec(invalid("physioId"));
        }
        assertEquals(1, patientCount(clinic));
    }

    private static void assertEquals(Object expected, Object actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual);
    }
}

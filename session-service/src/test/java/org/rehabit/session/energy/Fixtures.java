package org.rehabit.session.energy;

import io.restassured.http.ContentType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Patients and request bodies the energy tests start from. */
final class Fixtures {

    /** Marks a field to leave out of a body. */
    static final Object ABSENT = new Object();

    private Fixtures() {
    }

    /** Registers a patient in the physio's clinic, living in {@code timezone}. */
    static UUID patient(String physioToken, String timezone) {
        String id = given().auth().oauth2(physioToken).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Patient " + UUID.randomUUID().toString().substring(0, 8),
                        "timezone", timezone))
                .when().post("/patients")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /**
     * A valid profile (a 30-year-old woman, 5 ft 6 in, 150 lb, MODERATE, LOSE_1) with {@code changes} applied;
     * a change to {@link #ABSENT} leaves the field out.
     */
    static Map<String, Object> profile(Map<String, Object> changes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sex", "FEMALE");
        body.put("age", 30);
        body.put("height", Map.of("feet", 5, "inches", 6));
        body.put("weight", Map.of("lb", 150));
        body.put("activityLevel", "MODERATE");
        body.put("goal", "LOSE_1");
        changes.forEach((field, value) -> {
            if (value == ABSENT) {
                body.remove(field);
            } else {
                body.put(field, value);
            }
        });
        return body;
    }
}

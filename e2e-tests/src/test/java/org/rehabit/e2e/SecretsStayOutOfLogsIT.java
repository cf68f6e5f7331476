package org.rehabit.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What must never reach a log file: passwords, bearer tokens (valid, tampered or refused), the audit ingest key
 * (the refused token and the 403 below are delivered to the audit trail with it) and a patient's own words. The requests below succeed and fail in the ways that usually make services log what they were sent; then
 * every line the three services wrote is searched.
 */
class SecretsStayOutOfLogsIT {

    private static final UUID RIVERSIDE = UUID.fromString("0c1a1c00-0000-4000-8000-000000000001");
    private static final UUID ADA = UUID.fromString("9a7e0000-0000-4000-8000-0000000000a1");

    private final RunningPlatform platform = RunningPlatform.get();

    @Test
    void passwordsTokensAndNotesAreNeverLogged() throws Exception {
        String wrongPassword = "Pw-" + UUID.randomUUID();
        platform.api().contentType("application/json")
                .body(Map.of("username", "ada", "password", wrongPassword))
                .post("/auth/token").then().statusCode(400);

        String token = platform.api().contentType("application/json")
                .body(Map.of("username", "ada", "password", "demo"))
                .post("/auth/token").then().statusCode(200).extract().path("accessToken");
        String tampered = token.substring(0, token.length() - 6) + "AAAAAA";
        platform.as(tampered).get("/api/v1/me/today").then().statusCode(401);
        platform.as(token).get("/api/v1/clinics/{c}/dashboard", RIVERSIDE).then().statusCode(403);
        platform.as(token).get("/api/v1/patients/{id}", UUID.randomUUID()).then().statusCode(404);

        String note = "Note-" + UUID.randomUUID() + " my neck hurts when I sleep";
        String item = platform.as(token).get("/api/v1/me/today").then().statusCode(200)
                .extract().path("program.items[0].id");
        Map<String, Object> session = Map.of(
                "performedAt", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString(),
                "painBefore", 4, "painAfter", 3, "notes", note,
                "items", List.of(Map.of("programItemId", item, "status", "DONE", "setsDone", 1, "repsDone", 10)));
        String key = UUID.randomUUID().toString();
        platform.as(token).contentType("application/json").header("Idempotency-Key", key).body(session)
                .post("/api/v1/patients/{id}/sessions", ADA).then().statusCode(201);
        // the same key with another body is refused: the refused body must not be logged either
        platform.as(token).contentType("application/json").header("Idempotency-Key", key)
                .body(Map.of("performedAt", session.get("performedAt"), "painBefore", 9, "painAfter", 9, "notes", note,
                        "items", session.get("items")))
                .post("/api/v1/patients/{id}/sessions", ADA).then().statusCode(422);
        // a malformed body carrying the note is refused, and not echoed into a log
        platform.as(token).contentType("application/json").body("{\"notes\": \"" + note + "\", \"painBefore\": \"x\"")
                .post("/api/v1/patients/{id}/sessions", ADA).then().statusCode(400);

        Thread.sleep(500); // let the services' log handlers write out
        List<Path> files;
        try (var listing = Files.list(platform.logs())) {
            files = listing.filter(Files::isRegularFile).toList();
        }
        assertEquals(3, files.size(), "one log per service in " + platform.logs());
        List<String> leaks = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (String secret : List.of(wrongPassword, token, token.substring(token.lastIndexOf('.') + 1), tampered,
                    note.substring(0, 41), platform.auditIngestKey())) {
                if (text.contains(secret)) {
                    leaks.add(file.getFileName() + " contains " + secret.substring(0, Math.min(12, secret.length())) + "…");
                }
            }
        }
        assertEquals(List.of(), leaks);
        assertFalse(files.stream().allMatch(SecretsStayOutOfLogsIT::empty), "the services did write logs");
    }

    private static boolean empty(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            return true;
        }
    }
}

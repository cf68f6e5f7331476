package org.rehabit.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.rehabit.gateway.downstream.Downstream;
import org.rehabit.gateway.session.SessionClient;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A patient's current program with every item's full pinned exercise content (steps, cautions, stop rules,
 * dose): the session-service's program joined with the catalog's content in one batch.
 */
@ApplicationScoped
public class ProgramViews {

    /** Said on answers built while the catalog was down: some content came from cache or is missing. */
    public static final String DEGRADED_WARNING = "110 - \"Exercise content from cache: the catalog is unavailable\"";

    private final SessionClient sessions;
    private final ExerciseContent content;
    private final ObjectMapper json;

    public ProgramViews(SessionClient sessions, ExerciseContent content, ObjectMapper json) {
        this.sessions = sessions;
        this.content = content;
        this.json = json;
    }

    /** A program with content, or the session-service's answer as it came when there is none (e.g. 404). */
    public Response current(String patientId) {
        Downstream program = sessions.read(api -> api.currentProgram(patientId));
        if (!program.isSuccess()) {
            return program.toResponse();
        }
        ObjectNode composed = withContent(program.body());
        Response.ResponseBuilder answer = Response.fromResponse(program.toResponse(composed));
        if (composed.path("degraded").asBoolean()) {
            answer.header("Warning", DEGRADED_WARNING);
        }
        return answer.build();
    }

    /** Adds {@code exercise} (full content) to each item and {@code degraded} to the program. */
    public ObjectNode withContent(byte[] programJson) {
        try {
            ObjectNode program = (ObjectNode) json.readTree(programJson);
            Set<String> refs = new LinkedHashSet<>();
            program.path("items").forEach(item -> refs.add(ref(item)));
            ExerciseContent.Found found = content.lookup(refs);
            for (JsonNode item : program.path("items")) {
                JsonNode exercise = found.byRef().get(ref(item));
                ((ObjectNode) item).set("exercise", exercise == null ? json.nullNode() : exercise);
            }
            program.put("degraded", found.degraded());
            return program;
        } catch (IOException e) {
            throw new IllegalStateException("The session-service's answer is not JSON", e);
        }
    }

    private static String ref(JsonNode item) {
        return item.path("exerciseSlug").asText() + "@" + item.path("exerciseVersion").asInt();
    }
}

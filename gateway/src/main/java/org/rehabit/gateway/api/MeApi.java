package org.rehabit.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.gateway.compose.ProgramViews;
import org.rehabit.gateway.downstream.Downstream;
import org.rehabit.gateway.session.SessionClient;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;

/** The caller: who they are, and for a patient, today's routine. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me")
public class MeApi {

    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private final SessionClient sessions;
    private final ProgramViews programs;
    private final ManagedExecutor executor;
    private final ObjectMapper json;

    public MeApi(JsonWebToken token, SecurityIdentity identity, SessionClient sessions, ProgramViews programs,
                 ManagedExecutor executor, ObjectMapper json) {
        this.token = token;
        this.identity = identity;
        this.sessions = sessions;
        this.programs = programs;
        this.executor = executor;
        this.json = json;
    }

    @GET
    @Authenticated
    @Operation(summary = "Who the token says the caller is: subject, roles, clinic and, for patients, patient id")
    public ObjectNode me() {
        ObjectNode me = json.createObjectNode();
        me.put("subject", token.getSubject());
        ArrayNode roles = me.putArray("roles");
        identity.getRoles().stream().filter(Roles.ALL::contains).sorted().forEach(roles::add);
        me.put("clinicId", claim("clinic_id"));
        me.put("patientId", claim("patient_id"));
        return me;
    }

    @GET
    @Path("today")
    @RolesAllowed(Roles.PATIENT)
    @Operation(summary = "Today's routine: the current program with full exercise content, and today's sessions",
            description = "Patient, program and the latest sessions are fetched in parallel; 'today' is the "
                    + "patient's own date in their time zone.")
    public Response today() {
        String patientId = claim("patient_id");
        if (patientId == null) {
            throw new ForbiddenException("A patient token names no patient");
        }
        CompletableFuture<Downstream> patient = executor.supplyAsync(() -> sessions.read(api -> api.patient(patientId)));
        CompletableFuture<Downstream> program = executor.supplyAsync(
                () -> sessions.read(api -> api.currentProgram(patientId)));
        CompletableFuture<Downstream> recent = executor.supplyAsync(
                () -> sessions.read(api -> api.sessions(patientId, null, null, "0", "20")));
        Downstream me = ClinicApi.join(patient);
        if (!me.isSuccess()) {
            return me.toResponse();
        }
        try {
            JsonNode record = json.readTree(me.body());
            LocalDate today = LocalDate.now(ZoneId.of(record.path("timezone").asText("UTC")));
            ObjectNode view = json.createObjectNode();
            view.put("date", today.toString());
            view.set("patient", record);
            Downstream current = ClinicApi.join(program);
            boolean degraded = false;
            if (current.isSuccess()) {
                ObjectNode composed = programs.withContent(current.body());
                degraded = composed.path("degraded").asBoolean();
                view.set("program", composed);
            } else {
                view.set("program", json.nullNode());
            }
            ArrayNode done = view.putArray("sessionsToday");
            Downstream latest = ClinicApi.join(recent);
            if (latest.isSuccess()) {
                for (JsonNode session : json.readTree(latest.body()).path("items")) {
                    if (today.toString().equals(session.path("localDate").asText())) {
                        done.add(session);
                    }
                }
            }
            view.put("degraded", degraded);
            Response.ResponseBuilder answer = Response.ok(view);
            if (degraded) {
                answer.header("Warning", ProgramViews.DEGRADED_WARNING);
            }
            return answer.build();
        } catch (IOException e) {
            throw new IllegalStateException("The session-service's answer is not JSON", e);
        }
    }

    private String claim(String name) {
        Object value = token.getClaim(name);
        return value == null ? null : value.toString().replace("\"", "");
    }
}

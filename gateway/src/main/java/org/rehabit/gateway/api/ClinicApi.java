package org.rehabit.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.rehabit.gateway.compose.ExerciseUpdates;
import org.rehabit.gateway.downstream.Downstream;
import org.rehabit.gateway.downstream.DownstreamError;
import org.rehabit.gateway.session.SessionClient;
import org.rehabit.support.Unavailable;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The clinic's dashboard, alerts, alert thresholds and audit trail. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clinic")
public class ClinicApi {

    private static final Logger LOG = Logger.getLogger(ClinicApi.class);

    private final SessionClient sessions;
    private final ExerciseUpdates updates;
    private final ManagedExecutor executor;
    private final ObjectMapper json;

    public ClinicApi(SessionClient sessions, ExerciseUpdates updates, ManagedExecutor executor, ObjectMapper json) {
        this.sessions = sessions;
        this.updates = updates;
        this.executor = executor;
        this.json = json;
    }

    @GET
    @Path("clinics/{clinicId}/dashboard")
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN})
    @Operation(summary = "The clinic dashboard: every patient with adherence, pain trend, last session and open "
            + "alerts, plus the newest open alerts",
            description = "sort: name, adherence, painTrend, lastSession, openAlerts (prefix - for descending); "
                    + "atRisk=true keeps patients with open alerts, adherence over the complete weeks (the current, "
                    + "unfinished week left out) below the clinic's threshold (default 50 %) or pain rising by the "
                    + "clinic's threshold (default 0.5 a week) or more (see alert-settings). Both parts are fetched in parallel. Each patient also carries exerciseUpdates: pinned "
                    + "exercises the catalog has since republished (a newer version to re-pin) or retired; when the "
                    + "catalog is down they are left out and the answer says degraded=true. When the open alerts cannot be "
                    + "read (the patients could), the answer has them as null and says partial=true.")
    public Response dashboard(@PathParam("clinicId") String clinicId, @QueryParam("weeks") String weeks,
                              @QueryParam("sort") String sort, @QueryParam("atRisk") String atRisk,
                              @QueryParam("q") String q, @QueryParam("page") String page,
                              @QueryParam("size") String size) {
        CompletableFuture<Downstream> summary = executor.supplyAsync(() -> sessions.read(
                api -> api.clinicSummary(clinicId, weeks, sort, atRisk, q, page, size)));
        CompletableFuture<Downstream> alerts = executor.supplyAsync(() -> sessions.read(
                api -> api.alerts(clinicId, "OPEN", "0", "20")));
        Downstream patients = join(summary);
        if (!patients.isSuccess()) {
            return patients.toResponse();
        }
        Downstream open;
        try {
            open = join(alerts);
        } catch (Unavailable | DownstreamError e) {
            LOG.warnf("Dashboard of clinic %s without its open alerts: %s", clinicId,
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            open = null;
        }
        try {
            ObjectNode view = json.createObjectNode();
            JsonNode rows = json.readTree(patients.body());
            boolean complete = updates.annotate(rows.path("items"));
            view.set("patients", rows);
            boolean alertsRead = open != null && open.isSuccess();
            view.set("openAlerts", alertsRead ? json.readTree(open.body()) : json.nullNode());
            view.put("degraded", !complete);
            view.put("partial", !alertsRead);
            Response.ResponseBuilder answer = Response.ok(view);
            if (!complete) {
                answer.header("Warning", "110 - \"Exercise updates unknown: the catalog is unavailable\"");
            }
            if (!alertsRead) {
                answer.header("Warning", "199 - \"Partial: the open alerts could not be read\"");
            }
            return answer.build();
        } catch (IOException e) {
            throw new IllegalStateException("The session-service's answer is not JSON", e);
        }
    }

    @GET
    @Path("clinics/{clinicId}/alerts")
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN})
    @Operation(summary = "List the clinic's alerts by status (OPEN, ACKNOWLEDGED)")
    public Response alerts(@PathParam("clinicId") String clinicId, @QueryParam("status") String status,
                           @QueryParam("page") String page, @QueryParam("size") String size) {
        return sessions.read(api -> api.alerts(clinicId, status, page, size)).toResponse();
    }

    @POST
    @Path("alerts/{id}/acknowledge")
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN})
    @Operation(summary = "Acknowledge an alert, closing its group of occurrences",
            description = "The body is optional: {\"note\": \"...\"} (up to 500 characters) is stored and shown "
                    + "with the alert.")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = false,
            description = Examples.IDEMPOTENCY_KEY)
    public Response acknowledge(@PathParam("id") String id,
            @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "with a note", value = Examples.ACKNOWLEDGE)))
            String body) {
        return sessions.write(api -> api.acknowledge(id, body == null || body.isBlank() ? "" : body)).toResponse();
    }

    @GET
    @Path("clinics/{clinicId}/alert-settings")
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN})
    @Operation(summary = "Read the clinic's alert thresholds")
    public Response alertSettings(@PathParam("clinicId") String clinicId) {
        return sessions.read(api -> api.alertSettings(clinicId)).toResponse();
    }

    @PUT
    @Path("clinics/{clinicId}/alert-settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CLINIC_ADMIN)
    @Operation(summary = "Set the clinic's alert thresholds (clinic-admin)")
    public Response putAlertSettings(@PathParam("clinicId") String clinicId,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "the defaults", value = Examples.ALERT_SETTINGS)))
            String body) {
        return sessions.write(api -> api.putAlertSettings(clinicId, body)).toResponse();
    }

    @GET
    @Path("clinics/{clinicId}/audit")
    @RolesAllowed(Roles.CLINIC_ADMIN)
    @Operation(summary = "The clinic's audit trail, newest first (clinic-admin)",
            description = "Who read or changed which of the clinic's patients' data, and every refused or denied "
                    + "attempt, also those the gateway refused itself before any service saw them (decidedBy: "
                    + "gateway; action is then the route's template). Identifiers and codes only, never notes or "
                    + "other text. Filters: patientId; from (inclusive) and to (exclusive), each an instant "
                    + "(2026-11-24T08:00:00Z) or a day (to=2026-11-24 includes that day, UTC); outcome: COMMITTED, "
                    + "ROLLED_BACK, OK, UNAUTHENTICATED, DENIED, NOT_FOUND, REFUSED or FAILED. size 1-200 (default "
                    + "50); the answer's next, passed as before, gives the next (older) page, and is null on the "
                    + "last. A probe of one of the clinic's patients by another clinic's user is in it (DENIED, "
                    + "status 404). Anonymous attempts (401) are counted per address and minute and filed under no "
                    + "clinic. Reading the audit trail is itself recorded in it.")
    @APIResponse(responseCode = "200", description = "One page of the clinic's audit rows",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "a denial and a read", value = Examples.AUDIT_PAGE)))
    public Response audit(@PathParam("clinicId") String clinicId, @QueryParam("patientId") String patientId,
                          @QueryParam("from") String from, @QueryParam("to") String to,
                          @QueryParam("outcome") String outcome, @QueryParam("before") String before,
                          @QueryParam("size") String size) {
        return sessions.read(api -> api.audit(clinicId, patientId, from, to, outcome, before, size)).toResponse();
    }

    static Downstream join(CompletableFuture<Downstream> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}

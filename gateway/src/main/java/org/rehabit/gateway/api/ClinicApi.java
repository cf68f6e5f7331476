package org.rehabit.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

/**
 * The clinic's dashboard, composed from the session-service's summary and open alerts and the catalog's exercise
 * updates. The clinic's other routes (alerts, alert settings, audit) pass through as {@code route.Routes} declares.
 */
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
                    + "read (the patients could), the answer has them as null and says partial=true. "
                    + "assignedTo=me keeps the caller's own patients, assignedTo=<subject> those of a physio of the "
                    + "clinic (400 when no such staff member is known); total and paging follow the filter.")
    public Response dashboard(@PathParam("clinicId") String clinicId, @QueryParam("weeks") String weeks,
                              @QueryParam("sort") String sort, @QueryParam("atRisk") String atRisk,
                              @QueryParam("q") String q, @QueryParam("assignedTo") String assignedTo,
                              @QueryParam("page") String page, @QueryParam("size") String size) {
        CompletableFuture<Downstream> summary = executor.supplyAsync(() -> sessions.read(
                api -> api.clinicSummary(clinicId, weeks, sort, atRisk, q, assignedTo, page, size)));
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

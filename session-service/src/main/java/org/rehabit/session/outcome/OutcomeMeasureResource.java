package org.rehabit.session.outcome;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.session.idempotency.Idempotency;
import org.rehabit.session.identity.CurrentCaller;
import org.rehabit.session.identity.Role;

import java.util.List;
import java.util.UUID;

/** A patient's outcome measures: assigning an instrument, cancelling it, answering it and the trend of its scores. */
@Path("/patients/{patientId}/outcome-measures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Outcome measures")
public class OutcomeMeasureResource {

    private final OutcomeMeasureService service;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public OutcomeMeasureResource(OutcomeMeasureService service, CurrentCaller caller, Idempotency idempotency) {
        this.service = service;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(operationId = "assignOutcomeMeasure",
            summary = "Assign an instrument on a schedule, pinning its version",
            description = "The version named (or the newest published) is read from the catalog and pinned: its "
                    + "items, scoring rule and MCID score every response. An unknown instrument or version is 400; "
                    + "when the catalog cannot be reached nothing is written (503). " + Idempotency.DESCRIPTION)
    public Response assign(@PathParam("patientId") UUID patientId,
                           @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                           @NotNull @Valid AssignOutcomeMeasureRequest request) {
        return idempotency.once(caller.get(), idempotencyKey, "assign-outcome-measure " + patientId, request, () -> {
            OutcomeAssignmentView view = service.assign(caller.get(), patientId, request);
            return Response.created(UriBuilder.fromResource(OutcomeMeasureResource.class).path(view.id().toString())
                    .build(patientId)).entity(view).build();
        });
    }

    @GET
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN, Role.PATIENT})
    @Operation(operationId = "outcomeMeasures", summary = "List a patient's outcome measures, oldest first, with "
            + "what is due and when")
    public List<OutcomeAssignmentView> list(@PathParam("patientId") UUID patientId) {
        return service.list(caller.get(), patientId);
    }

    @POST
    @Path("/{assignmentId}/cancel")
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(operationId = "cancelOutcomeMeasure", summary = "Cancel an outcome measure (409 when cancelled "
            + "already); its responses stay")
    public OutcomeAssignmentView cancel(@PathParam("patientId") UUID patientId,
                                        @PathParam("assignmentId") UUID assignmentId) {
        return service.cancel(caller.get(), patientId, assignmentId);
    }

    @POST
    @Path("/{assignmentId}/responses")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN, Role.PATIENT})
    @Operation(operationId = "answerOutcomeMeasure", summary = "Answer an outcome measure; scored by its pinned rule",
            description = "Answers are item id to a whole number within the item's range (400 naming answers.<id> "
                    + "otherwise, nothing stored). With more items missing than the rule allows the response is "
                    + "stored with no score and the reason. A score worse than the baseline by at least the MCID "
                    + "raises an OUTCOME_WORSE alert. " + Idempotency.DESCRIPTION)
    public Response answer(@PathParam("patientId") UUID patientId, @PathParam("assignmentId") UUID assignmentId,
                           @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                           @NotNull @Valid AnswerOutcomeMeasureRequest request) {
        return idempotency.once(caller.get(), idempotencyKey, "answer-outcome-measure " + patientId + " "
                + assignmentId, request, () -> {
            OutcomeResponseView view = service.answer(caller.get(), patientId, assignmentId, request);
            return Response.created(UriBuilder.fromResource(OutcomeMeasureResource.class)
                    .path(assignmentId.toString()).path("responses").path(view.id().toString())
                    .build(patientId)).entity(view).build();
        });
    }

    @GET
    @Path("/{assignmentId}/scores")
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN, Role.PATIENT})
    @Operation(operationId = "outcomeScores", summary = "An outcome measure's scores, oldest first, each with its "
            + "change from the baseline and the previous score and whether that change is clinically important")
    public ScoreTrendView scores(@PathParam("patientId") UUID patientId,
                                 @PathParam("assignmentId") UUID assignmentId) {
        return service.scores(caller.get(), patientId, assignmentId);
    }
}

package org.rehabit.session.program;

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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.session.identity.CurrentCaller;
import org.rehabit.session.idempotency.Idempotency;
import org.rehabit.session.identity.Role;

import java.util.List;
import java.util.UUID;

/** A patient's programs: assignment, the current one, pause/resume/complete/cancel, adjustment and re-pin. */
@Path("/patients/{patientId}/programs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Programs")
public class ProgramResource {

    private final ProgramService service;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public ProgramResource(ProgramService service, CurrentCaller caller, Idempotency idempotency) {
        this.idempotency = idempotency;
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Assign a program from a routine template or explicit items, pinning exercise versions",
            description = "Each exercise is pinned to the version the catalog publishes now. Unknown, retired or "
                    + "unpublished exercises are refused (400). A patient has at most one open program (409). "
                    + "When the catalog cannot be reached nothing is written (503 with Retry-After). "
                    + Idempotency.DESCRIPTION)
    public Response assign(@PathParam("patientId") UUID patientId,
                           @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                           @NotNull @Valid AssignProgramRequest request) {
        return idempotency.once(caller.get(), idempotencyKey, "assign-program " + patientId, request, () -> {
            ProgramView program = service.assign(caller.get(), patientId, request);
            return Response.created(UriBuilder.fromResource(ProgramResource.class).path(program.id().toString())
                    .build(patientId)).entity(program).build();
        });
    }

    @GET
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN, Role.PATIENT})
    @Operation(summary = "List a patient's programs, newest first")
    public List<ProgramView> list(@PathParam("patientId") UUID patientId) {
        return service.list(caller.get(), patientId);
    }

    @GET
    @Path("/current")
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN, Role.PATIENT})
    @Operation(summary = "Read the patient's open (active or paused) program")
    public ProgramView current(@PathParam("patientId") UUID patientId) {
        return service.current(caller.get(), patientId);
    }

    @GET
    @Path("/{programId}")
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN, Role.PATIENT})
    @Operation(summary = "Read one of a patient's programs", description = "The ETag is the program's version: "
            + "send it as If-Match to adjust or re-pin.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProgramView.class)))
    public Response get(@PathParam("patientId") UUID patientId, @PathParam("programId") UUID programId) {
        return tagged(service.read(caller.get(), patientId, programId));
    }

    @PATCH
    @Path("/{programId}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(operationId = "adjustProgram", summary = "Adjust an open program: doses, items, schedule, end date, notes",
            description = "Only the fields given change; items, when given, are the complete new list in order "
                    + "(existing items by id, new exercises by slug, pinned to the catalog's current version; items "
                    + "left out are removed). Requires If-Match with the program's ETag (428 without, 412 when "
                    + "stale). Each change is recorded in the program's history. Adding an exercise the program did "
                    + "not have asks the patient to confirm the safety check again; doses, order, removals, "
                    + "schedule, end date and notes do not. A changed sessions per week counts from the day of the "
                    + "change (the patient's date); earlier days keep the earlier rate.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProgramView.class)))
    public Response adjust(@PathParam("patientId") UUID patientId, @PathParam("programId") UUID programId,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @NotNull @Valid AdjustProgramRequest request) {
        return tagged(service.adjust(caller.get(), patientId, programId, ifMatch, request));
    }

    @GET
    @Path("/{programId}/history")
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(operationId = "programHistory", summary = "A program's history: its assignment, then every "
            + "adjustment and re-pin (who, when, what changed), oldest first")
    public ProgramHistoryView history(@PathParam("patientId") UUID patientId,
                                      @PathParam("programId") UUID programId) {
        return service.history(caller.get(), patientId, programId);
    }

    @POST
    @Path("/{programId}/repin/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(operationId = "previewProgramRepin", summary = "What a re-pin would change, item by item; "
            + "writes nothing",
            description = "For each chosen item (all when none are named): the pinned and the newest published "
                    + "version with a readable diff of name, steps, cautions and the catalog's default dose, or that "
                    + "the exercise is retired (with the replacement the catalog suggests, if any) and will not be "
                    + "moved. 503 when the catalog cannot be reached.")
    public RepinPreview previewRepin(@PathParam("patientId") UUID patientId, @PathParam("programId") UUID programId,
                                     @Valid RepinRequest request) {
        return service.previewRepin(caller.get(), patientId, programId, request);
    }

    @POST
    @Path("/{programId}/repin")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(operationId = "repinProgram", summary = "Move chosen items (all when none are named) to the newest "
            + "published versions of their exercises",
            description = "Requires If-Match with the program's ETag (428 without, 412 when stale). Each item keeps "
                    + "its id, dose and notes; items of retired exercises stay as they are. Recorded in the "
                    + "program's history; a re-pin that changes an item's cautions asks the patient to confirm the "
                    + "safety check again.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProgramView.class)))
    public Response repin(@PathParam("patientId") UUID patientId, @PathParam("programId") UUID programId,
                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid RepinRequest request) {
        return tagged(service.repin(caller.get(), patientId, programId, ifMatch, request));
    }

    private static Response tagged(ProgramService.Tagged tagged) {
        return Response.ok(tagged.program()).tag(EntityTag.valueOf(tagged.etag())).build();
    }

    @POST
    @Path("/{programId}/pause")
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Pause an active program (409 otherwise); paused weeks do not count against adherence")
    public ProgramView pause(@PathParam("patientId") UUID patientId, @PathParam("programId") UUID programId) {
        return service.pause(caller.get(), patientId, programId);
    }

    @POST
    @Path("/{programId}/resume")
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Resume a paused program (409 otherwise)")
    public ProgramView resume(@PathParam("patientId") UUID patientId, @PathParam("programId") UUID programId) {
        return service.resume(caller.get(), patientId, programId);
    }

    @POST
    @Path("/{programId}/complete")
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Complete an active or paused program (409 otherwise)")
    public ProgramView complete(@PathParam("patientId") UUID patientId, @PathParam("programId") UUID programId) {
        return service.complete(caller.get(), patientId, programId);
    }

    @POST
    @Path("/{programId}/cancel")
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Cancel an active or paused program (409 otherwise)")
    public ProgramView cancel(@PathParam("patientId") UUID patientId, @PathParam("programId") UUID programId) {
        return service.cancel(caller.get(), patientId, programId);
    }

    @POST
    @Path("/{programId}/safety-confirmation")
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN, Role.PATIENT})
    @Operation(summary = "Record the pre-start safety check (\"I have checked with my doctor\")",
            description = "Recorded once, with its time and who confirmed; repeating it changes nothing. Sessions "
                    + "can be logged only after it.")
    public ProgramView confirmSafety(@PathParam("patientId") UUID patientId,
                                     @PathParam("programId") UUID programId) {
        return service.confirmSafety(caller.get(), patientId, programId);
    }
}

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.session.identity.CurrentCaller;
import org.rehabit.session.idempotency.Idempotency;
import org.rehabit.session.identity.Role;

import java.util.List;
import java.util.UUID;

/** A patient's programs: assignment, the current one, and pause/resume/complete/cancel. */
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
    @Operation(summary = "Read one of a patient's programs")
    public ProgramView get(@PathParam("patientId") UUID patientId, @PathParam("programId") UUID programId) {
        return service.get(caller.get(), patientId, programId);
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

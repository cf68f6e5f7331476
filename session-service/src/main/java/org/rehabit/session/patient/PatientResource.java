package org.rehabit.session.patient;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.session.common.PageView;
import org.rehabit.session.idempotency.Idempotency;
import org.rehabit.session.identity.CurrentCaller;
import org.rehabit.session.identity.Role;
import org.rehabit.support.InvalidInput;

import java.util.Locale;
import java.util.UUID;

/** Registering and finding the patients of the caller's clinic. */
@Path("/patients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Patients")
public class PatientResource {

    private final PatientService service;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public PatientResource(PatientService service, CurrentCaller caller, Idempotency idempotency) {
        this.idempotency = idempotency;
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Register a patient in the caller's clinic",
            description = Idempotency.DESCRIPTION + " A replay registers nobody new.")
    public Response register(@HeaderParam(Idempotency.HEADER) String idempotencyKey,
                             @NotNull @Valid PatientInput input) {
        return idempotency.once(caller.get(), idempotencyKey, "register-patient", input, () -> {
            PatientService.Found found = service.register(caller.get(), input);
            return Response.created(UriBuilder.fromResource(PatientResource.class)
                            .path(found.patient().id().toString()).build())
                    .tag(EntityTag.valueOf(found.etag())).entity(found.patient()).build();
        });
    }

    @GET
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "List the clinic's patients by name, optionally those whose name or reference contains q",
            description = "assignedTo=me lists the caller's own patients; assignedTo=<subject> those of a physio "
                    + "of the clinic (400 when the subject is no known staff member of the clinic). status=ACTIVE or "
                    + "DISCHARGED lists only those; without it, every patient is listed.")
    public PageView<PatientView> list(@QueryParam("q") @Size(max = 120) String q,
                                      @QueryParam("assignedTo") @Size(max = 255) String assignedTo,
                                      @QueryParam("status") @Size(max = 16) String status,
                                      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
                                      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return service.list(caller.get(), q, assignedTo, status(status), page, size);
    }

    private static PatientStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return PatientStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("status", "must be ACTIVE or DISCHARGED");
        }
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN, Role.PATIENT})
    @Operation(summary = "Read a patient (patients: only themselves)")
    public Response get(@PathParam("id") UUID id) {
        PatientService.Found found = service.get(caller.get(), id);
        return Response.ok(found.patient()).tag(EntityTag.valueOf(found.etag())).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Edit a patient", description = "Requires If-Match with the patient's ETag (428 without, "
            + "412 when stale). physioId null keeps the assigned physio; changing it is a clinic-admin's (403 for a "
            + "physio) and must name a known staff member of the clinic (400).")
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @NotNull @Valid PatientInput input) {
        PatientService.Found found = service.update(caller.get(), id, ifMatch, input);
        return Response.ok(found.patient()).tag(EntityTag.valueOf(found.etag())).build();
    }

    @PUT
    @Path("/{id}/physio")
    @RolesAllowed(Role.CLINIC_ADMIN)
    @Operation(summary = "Reassign a patient to another physio of the clinic (clinic-admin)",
            description = "Requires If-Match with the patient's ETag (428 without, 412 when stale); the physio must "
                    + "be a known physio or clinic-admin of the clinic (400 otherwise). Clears a legacy physio note.")
    public Response reassign(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                             @NotNull @Valid AssignPhysioRequest request) {
        PatientService.Found found = service.reassign(caller.get(), id, ifMatch, request);
        return Response.ok(found.patient()).tag(EntityTag.valueOf(found.etag())).build();
    }
}

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
    @Operation(summary = "List the clinic's patients by name, optionally those whose name or reference contains q")
    public PageView<PatientView> list(@QueryParam("q") @Size(max = 120) String q,
                                      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
                                      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return service.list(caller.get(), q, page, size);
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
            + "412 when stale).")
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @NotNull @Valid PatientInput input) {
        PatientService.Found found = service.update(caller.get(), id, ifMatch, input);
        return Response.ok(found.patient()).tag(EntityTag.valueOf(found.etag())).build();
    }
}

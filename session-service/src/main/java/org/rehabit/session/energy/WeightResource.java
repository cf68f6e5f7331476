package org.rehabit.session.energy;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.session.common.QueryDates;
import org.rehabit.session.identity.CurrentCaller;
import org.rehabit.session.idempotency.Idempotency;
import org.rehabit.session.identity.Role;

import java.util.UUID;

/** A patient's weight entries and their trend. */
@Path("/patients/{patientId}/weights")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Energy and weight")
public class WeightResource {

    private final WeightService service;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public WeightResource(WeightService service, CurrentCaller caller, Idempotency idempotency) {
        this.idempotency = idempotency;
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PATIENT, Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Record a weight for a day",
            description = "Weight as {\"kg\": 70.3} or {\"lb\": 155} (20-400 kg), read back exactly as entered. "
                    + "measuredOn is a day of the patient's own calendar, not in the future; one entry per day "
                    + "(409 for a second one). " + Idempotency.DESCRIPTION)
    public Response record(@PathParam("patientId") UUID patientId,
                           @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                           @NotNull @Valid RecordWeightRequest request) {
        return idempotency.once(caller.get(), idempotencyKey, "record-weight " + patientId, request, () -> {
            WeightEntryView entry = service.record(caller.get(), patientId, request);
            return Response.created(UriBuilder.fromResource(WeightResource.class).path(entry.id().toString())
                            .build(patientId))
                    .entity(entry)
                    .build();
        });
    }

    @GET
    @RolesAllowed({Role.PATIENT, Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "List a patient's weights, oldest first, with their trend",
            description = "Optionally between two days (inclusive). The trend is the least-squares slope in kg per "
                    + "week (null with fewer than 2 entries) and whether it moves toward the energy profile's goal.")
    public WeightHistoryView list(@PathParam("patientId") UUID patientId,
                                  @QueryParam("from") @Parameter(description = "first day, e.g. 2026-11-01",
                                          schema = @Schema(type = SchemaType.STRING, format = "date")) String from,
                                  @QueryParam("to") @Parameter(description = "last day, e.g. 2026-11-30",
                                          schema = @Schema(type = SchemaType.STRING, format = "date")) String to) {
        return service.history(caller.get(), patientId, QueryDates.day("from", from), QueryDates.day("to", to));
    }

    @GET
    @Path("/{entryId}")
    @RolesAllowed({Role.PATIENT, Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Read one weight entry")
    public WeightEntryView get(@PathParam("patientId") UUID patientId, @PathParam("entryId") UUID entryId) {
        return service.get(caller.get(), patientId, entryId);
    }
}

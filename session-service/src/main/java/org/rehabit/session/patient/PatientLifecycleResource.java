package org.rehabit.session.patient;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.session.identity.CurrentCaller;
import org.rehabit.session.identity.Role;

import java.util.UUID;

/** Discharging and reactivating a patient of the caller's clinic. */
@Path("/patients/{patientId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Patients")
public class PatientLifecycleResource {

    private final PatientLifecycleService service;
    private final CurrentCaller caller;

    public PatientLifecycleResource(PatientLifecycleService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Path("/discharge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Discharge a patient (If-Match required)",
            description = "Completes the open program, records the day (patient's time zone), who and the reason, "
                    + "and ends the patient's own access after accessEndsOn (default: 30 days after the discharge "
                    + "day; at most a year). From the next day on the patient's token is refused with 403; staff "
                    + "keep reading the record. The patient leaves the dashboard. 409 when already discharged.")
    public Response discharge(@PathParam("patientId") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                              @NotNull @Valid DischargeRequest request) {
        PatientService.Found found = service.discharge(caller.get(), id, ifMatch, request);
        return Response.ok(found.patient()).tag(EntityTag.valueOf(found.etag())).build();
    }

    @POST
    @Path("/reactivation")
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Reactivate a discharged patient (If-Match required)",
            description = "Restores the patient's own access and returns them to the dashboard; a new program is "
                    + "assigned as usual. 409 when the patient is not discharged.")
    public Response reactivate(@PathParam("patientId") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        PatientService.Found found = service.reactivate(caller.get(), id, ifMatch);
        return Response.ok(found.patient()).tag(EntityTag.valueOf(found.etag())).build();
    }
}

package org.rehabit.session.record;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.session.identity.CurrentCaller;
import org.rehabit.session.identity.Role;

import java.util.UUID;

/** Erasing one patient's data on request (clinic-admin). */
@Path("/patients/{patientId}/erasure")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Patients")
public class ErasureResource {

    private final ErasureService service;
    private final CurrentCaller caller;

    public ErasureResource(ErasureService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.CLINIC_ADMIN)
    @Operation(summary = "Erase a patient's data on request (clinic-admin; confirmPatientId repeats the id)",
            description = "Deletes every row about the patient in the session database: profile, programs and "
                    + "their history, sessions, voids, figures, alerts, energy profile, weights, stored answers of "
                    + "idempotent requests, and the audit rows about them. The audit trail keeps one row: the "
                    + "erasure, by whom, when, in which clinic, without the patient's id. Afterwards every request "
                    + "about the patient answers 404, their own token's included. 400 when confirmPatientId is not "
                    + "the id; cannot be undone (export the record first if it is to be kept). Answers how many rows went.")
    public ErasureView erase(@PathParam("patientId") UUID patientId, @NotNull @Valid ErasureRequest request) {
        return service.erase(caller.get(), patientId, request);
    }
}

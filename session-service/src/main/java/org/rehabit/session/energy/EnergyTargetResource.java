package org.rehabit.session.energy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.session.identity.CurrentCaller;
import org.rehabit.session.identity.Role;

import java.util.UUID;

/** A patient's daily energy target, computed from their energy profile. */
@Path("/patients/{patientId}/energy-target")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Energy and weight")
public class EnergyTargetResource {

    private final EnergyService service;
    private final CurrentCaller caller;

    public EnergyTargetResource(EnergyService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Role.PATIENT, Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Compute a patient's daily energy target",
            description = "restingKcal = 10·kg + 6.25·cm − 5·age + 5 (men) or − 161 (women) (Mifflin-St Jeor); "
                    + "maintenanceKcal = restingKcal × activityFactor (1.2, 1.375, 1.55, 1.725, 1.9); "
                    + "goalAdjustmentKcal = lb per week × 3,500 / 7 (±250 to ±1,000); targetKcal = maintenance + "
                    + "adjustment, raised to floorKcal (1,200 women, 1,500 men) when below it (raisedToFloor). "
                    + "Computed exactly (1 in = 2.54 cm, 1 lb = 0.45359237 kg) and each step rounded to whole kcal. "
                    + "The age is counted in the patient's time zone. 404 when the patient has no profile.")
    public EnergyTargetView get(@PathParam("patientId") UUID patientId) {
        return service.target(caller.get(), patientId);
    }
}

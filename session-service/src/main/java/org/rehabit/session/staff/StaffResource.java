package org.rehabit.session.staff;

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

import java.util.List;
import java.util.UUID;

/** The clinic's known physios and clinic-admins: whom a patient can be assigned to. */
@Path("/clinics/{clinicId}/staff")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clinic")
public class StaffResource {

    private final StaffService service;
    private final CurrentCaller caller;

    public StaffResource(StaffService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "The clinic's physios and clinic-admins, by name",
            description = "Everyone of the clinic whose token this service has seen (recorded on their first "
                    + "request, name and role kept up to date from later tokens).")
    public List<StaffView> list(@PathParam("clinicId") UUID clinicId) {
        return service.list(caller.get(), clinicId);
    }
}

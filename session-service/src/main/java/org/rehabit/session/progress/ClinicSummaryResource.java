package org.rehabit.session.progress;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.session.common.PageView;
import org.rehabit.session.identity.CurrentCaller;
import org.rehabit.session.identity.Role;

import java.util.UUID;

/** The clinic dashboard's data. */
@Path("/clinics/{clinicId}/summary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clinic")
public class ClinicSummaryResource {

    private final ClinicSummaryService service;
    private final CurrentCaller caller;

    public ClinicSummaryResource(ClinicSummaryService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Every patient of the clinic with adherence, pain trend, last session and open alerts",
            description = "Adherence and pain trend as in the progress operation, over the last `weeks` weeks. "
                    + "At risk = an open alert, adherence over the window's complete weeks (all but the current, "
                    + "unfinished week: a patient assigned this week is never at risk for adherence) below the "
                    + "clinic's threshold (default 50 %), or pain after sessions rising by the clinic's threshold "
                    + "(default 0.5 points a week) or more; see the alert-settings operations. sort: name (default), adherence, painTrend, lastSession, openAlerts; prefix "
                    + "with - for descending. q filters by name or reference; assignedTo=me to the caller's own "
                    + "patients, assignedTo=<subject> to those of a physio of the clinic (400 if none such).")
    public PageView<ClinicSummaryView> summary(@PathParam("clinicId") UUID clinicId,
                                               @QueryParam("weeks") @DefaultValue("4") @Min(1) @Max(52) int weeks,
                                               @QueryParam("sort") String sort,
                                               @QueryParam("atRisk") @DefaultValue("false") boolean atRisk,
                                               @QueryParam("q") @Size(max = 120) String q,
                                               @QueryParam("assignedTo") @Size(max = 255) String assignedTo,
                                               @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
                                               @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return service.summary(caller.get(), clinicId, weeks, sort, atRisk, q, assignedTo, page, size);
    }
}

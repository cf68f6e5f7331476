package org.rehabit.session.progress;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.session.identity.CurrentCaller;
import org.rehabit.session.identity.Role;

import java.util.UUID;

/** A patient's progress. */
@Path("/patients/{patientId}/progress")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Progress")
public class ProgressResource {

    private final ProgressService service;
    private final CurrentCaller caller;

    public ProgressResource(ProgressService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Role.PATIENT, Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "A patient's adherence, dose completion, pain trend, streak and per-exercise results over "
            + "the last weeks",
            description = "Weeks are ISO weeks (Monday first) in the patient's time zone; the last is the current, "
                    + "partial week. Prescribed sessions of a week = sessions per week × days the program was "
                    + "active that week (not before its start, after its end, while paused, or after today) ÷ 7. "
                    + "A session counts as done when at least one of its items is DONE; a session whose items "
                    + "were all SKIPPED is listed and its pains count, but it is not a session done (for "
                    + "adherence, the streak, sessionsDone or the inactivity alert). "
                    + "Weekly adherence = min(done, prescribed) ÷ prescribed. Overall adherence = Σ min(done, "
                    + "prescribed) ÷ Σ prescribed, so extra sessions one week do not make up for missed ones "
                    + "another; null when nothing was prescribed. Pain trend = least-squares slope of the weekly "
                    + "average pain after sessions (0-10), in points per week, over weeks with sessions; positive "
                    + "means worse. Streak = consecutive weeks back from now that met the prescription, over "
                    + "every week since the patient's first program started, not only the window (the current "
                    + "week does not break it while under way; weeks with nothing prescribed are passed over). "
                    + "A corrected session counts once, as its correction. "
                    + "Dose completion (what was done ÷ what was prescribed, 0-1) = the mean, over the window's "
                    + "sessions with work done and every item of their program, of the item's completion: SKIPPED "
                    + "or left out 0; DONE = min(1, reps done ÷ (sets × reps)) (or sets done ÷ sets when the dose "
                    + "has no reps) × min(1, average hold ÷ prescribed hold), a measure not reported counting 1; "
                    + "an EACH_SIDE or ALTERNATING item the mean of its LEFT and RIGHT entries; an item logged "
                    + "DONE with no count at all is left out and counted in doseItemsUnmeasured. Per exercise, "
                    + "completion rate = sessions in which the program item was DONE (on any side) ÷ sessions "
                    + "in which it was prescribed (it belonged to the session's program; an item left out counts "
                    + "as not done; a two-sided item counts once per session). Hold difference = average left "
                    + "hold − average right hold where both were logged.")
    public ProgressView progress(@PathParam("patientId") UUID patientId,
                                 @QueryParam("weeks") @DefaultValue("12") @Min(1) @Max(52) int weeks) {
        return service.of(caller.get(), patientId, weeks);
    }
}

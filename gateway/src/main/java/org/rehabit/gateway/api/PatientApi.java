package org.rehabit.gateway.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.gateway.compose.ProgramViews;
import org.rehabit.gateway.session.SessionClient;

/**
 * Patients and everything about them. The gateway checks the role; the session-service, which verifies the
 * same token, scopes every record by the caller's clinic (and, for patients, to themselves).
 */
@Path("/api/v1/patients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Patients")
public class PatientApi {

    private final SessionClient sessions;
    private final ProgramViews programs;

    public PatientApi(SessionClient sessions, ProgramViews programs) {
        this.sessions = sessions;
        this.programs = programs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN})
    @Operation(summary = "Register a patient in the caller's clinic")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = false,
            description = Examples.IDEMPOTENCY_KEY)
    public Response register(
            @RequestBody(content = @Content(examples = @ExampleObject(name = "patient", value = Examples.PATIENT)))
            String body) {
        return sessions.write(api -> api.registerPatient(body)).toResponse();
    }

    @GET
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN})
    @Operation(summary = "List the clinic's patients (q searches name and reference)")
    public Response listPatients(@QueryParam("q") String q, @QueryParam("page") String page, @QueryParam("size") String size) {
        return sessions.read(api -> api.patients(q, page, size)).toResponse();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN, Roles.PATIENT})
    @Operation(summary = "Read a patient (patients: only themselves)")
    public Response getPatient(@PathParam("id") String id) {
        return sessions.read(api -> api.patient(id)).toResponse();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN})
    @Operation(summary = "Edit a patient (If-Match required)")
    public Response updatePatient(@PathParam("id") String id,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "patient", value = Examples.PATIENT)))
            String body) {
        return sessions.write(api -> api.updatePatient(id, body)).toResponse();
    }

    @POST
    @Path("{id}/programs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN})
    @Operation(summary = "Assign a program from a routine template or explicit items, pinning exercise versions")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = false,
            description = Examples.IDEMPOTENCY_KEY)
    public Response assign(@PathParam("id") String id,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "from a template", value = Examples.PROGRAM_FROM_TEMPLATE)))
            String body) {
        return sessions.write(api -> api.assign(id, body)).toResponse();
    }

    @GET
    @Path("{id}/programs")
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN, Roles.PATIENT})
    @Operation(summary = "List a patient's programs, newest first")
    public Response programs(@PathParam("id") String id) {
        return sessions.read(api -> api.programs(id)).toResponse();
    }

    @GET
    @Path("{id}/programs/current")
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN, Roles.PATIENT})
    @Operation(summary = "The current program with each item's full pinned exercise content",
            description = "When the catalog is down, content comes from the gateway's cache; the answer then has "
                    + "degraded=true and a Warning header, and items the cache lacks have exercise=null.")
    public Response current(@PathParam("id") String id) {
        return programs.current(id);
    }

    @POST
    @Path("{id}/programs/{programId}/{action: pause|resume|complete|cancel}")
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN})
    @Operation(summary = "Pause, resume, complete or cancel a program (409 when the transition makes no sense)")
    public Response transition(@PathParam("id") String id, @PathParam("programId") String programId,
                               @PathParam("action") String action) {
        return sessions.write(api -> api.programAction(id, programId, action)).toResponse();
    }

    @POST
    @Path("{id}/programs/{programId}/safety-confirmation")
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN, Roles.PATIENT})
    @Operation(summary = "Record the pre-start safety check (\"I have checked with my doctor\")")
    public Response confirmSafety(@PathParam("id") String id, @PathParam("programId") String programId) {
        return sessions.write(api -> api.programAction(id, programId, "safety-confirmation")).toResponse();
    }

    @POST
    @Path("{id}/sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN, Roles.PATIENT})
    @Operation(summary = "Log a session exactly once (Idempotency-Key required)")
    public Response logSession(@PathParam("id") String id,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "a session", value = Examples.SESSION)))
            String body) {
        return sessions.write(api -> api.logSession(id, body)).toResponse();
    }

    @GET
    @Path("{id}/sessions")
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN, Roles.PATIENT})
    @Operation(summary = "List a patient's sessions between two local dates, newest first")
    public Response sessions(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                             @QueryParam("page") String page, @QueryParam("size") String size) {
        return sessions.read(api -> api.sessions(id, from, to, page, size)).toResponse();
    }

    @GET
    @Path("{id}/progress")
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN, Roles.PATIENT})
    @Operation(summary = "Adherence, dose completion, pain trend, streak and per-exercise results (formulas in the "
            + "description)",
            description = "Prescribed sessions of a week = sessions per week x days the program was active that "
                    + "week / 7; a session counts as done when at least one of its items is DONE (a session "
                    + "whose items were all SKIPPED is not a session done, for adherence, the streak or the "
                    + "inactivity alert); weekly adherence = min(done, prescribed) / prescribed; overall adherence = "
                    + "sum of min(done, prescribed) / sum of prescribed. Dose completion (what was done / what was "
                    + "prescribed) = the mean, over the window's sessions with work done and every item of their "
                    + "program, of the item's completion: SKIPPED or left out 0; DONE = min(1, reps done / (sets x "
                    + "reps)) (sets done / sets without reps) x min(1, average hold / prescribed hold), a measure "
                    + "not reported counting 1; an EACH_SIDE or ALTERNATING item the mean of its LEFT and RIGHT "
                    + "entries; an item DONE with no count at all is left out (doseItemsUnmeasured). Per exercise, "
                    + "completion rate = sessions in which the program item was DONE / sessions in which it was "
                    + "prescribed (an item left out counts as not done; a two-sided item counts once per session). "
                    + "Streak = consecutive weeks back from now that met the prescription, over every week since "
                    + "the patient's first program started, not only the window. Pain trend = least-squares slope "
                    + "of weekly average pain after sessions, points per week. Weeks are ISO weeks in the "
                    + "patient's time zone.")
    public Response progress(@PathParam("id") String id, @QueryParam("weeks") String weeks) {
        return sessions.read(api -> api.progress(id, weeks)).toResponse();
    }

    @PUT
    @Path("{id}/energy-profile")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN, Roles.PATIENT})
    @Operation(summary = "Set a patient's energy profile (sex, age, height, weight, activity, goal)")
    public Response putEnergyProfile(@PathParam("id") String id,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "imperial units", value = Examples.ENERGY_PROFILE)))
            String body) {
        return sessions.write(api -> api.putEnergyProfile(id, body)).toResponse();
    }

    @GET
    @Path("{id}/energy-profile")
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN, Roles.PATIENT})
    @Operation(summary = "Read a patient's energy profile, in the units it was entered in")
    public Response energyProfile(@PathParam("id") String id) {
        return sessions.read(api -> api.energyProfile(id)).toResponse();
    }

    @GET
    @Path("{id}/energy-target")
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN, Roles.PATIENT})
    @Operation(summary = "The daily calorie target (Mifflin-St Jeor x activity +/- goal, with the floor flagged)")
    public Response energyTarget(@PathParam("id") String id) {
        return sessions.read(api -> api.energyTarget(id)).toResponse();
    }

    @POST
    @Path("{id}/weights")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN, Roles.PATIENT})
    @Operation(summary = "Record a weight (kg or lb), one per day")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = false,
            description = Examples.IDEMPOTENCY_KEY)
    public Response recordWeight(@PathParam("id") String id,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "in pounds", value = Examples.WEIGHT)))
            String body) {
        return sessions.write(api -> api.recordWeight(id, body)).toResponse();
    }

    @GET
    @Path("{id}/weights")
    @RolesAllowed({Roles.PHYSIO, Roles.CLINIC_ADMIN, Roles.PATIENT})
    @Operation(summary = "Weight entries and their trend toward the goal")
    public Response weights(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        return sessions.read(api -> api.weights(id, from, to)).toResponse();
    }
}

package org.rehabit.session.log;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.rehabit.session.common.PageView;
import org.rehabit.session.common.QueryDates;
import org.rehabit.session.identity.CurrentCaller;
import org.rehabit.session.identity.Role;
import org.rehabit.session.patient.ChecksOwnAccess;
import org.rehabit.support.InvalidInput;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** A patient's session logs. */
@Path("/patients/{patientId}/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
public class SessionLogResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final SessionLogService service;
    private final CurrentCaller caller;
    private final Validator validator;

    public SessionLogResource(SessionLogService service, CurrentCaller caller, Validator validator) {
        this.service = service;
        this.caller = caller;
        this.validator = validator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PATIENT, Role.PHYSIO, Role.CLINIC_ADMIN})
    @ChecksOwnAccess // in the log's one read (SessionLogService.log)
    @Operation(summary = "Log a session, exactly once",
            description = "Requires an Idempotency-Key header chosen by the client (1-128 visible ASCII characters, "
                    + "e.g. a UUID made when the session ended). Retrying with the same key and body returns the "
                    + "first answer (same id, header Idempotent-Replayed: true) and stores nothing new; the same key "
                    + "with another body is refused (422); a duplicate racing the first one gets the first one's "
                    + "answer too (never 409). A session dated before the program's start or after its end date is "
                    + "refused (422), by the local date of performedAt and by the day in the patient's time zone "
                    + "(refused only when both are outside). Items must belong to the program; the program's safety "
                    + "check must be confirmed (409). A correction (correctsId) names a session "
                    + "of the same patient that no other log corrects yet, else 409: of two corrections of one "
                    + "session sent at once, the second gets 409 (reload and correct the correction) or, with the "
                    + "same key and body, the first one's answer. A correction of a correction corrects the same "
                    + "original session: its alerts are not raised a second time.")
    public RestResponse<SessionLogView> log(@PathParam("patientId") UUID patientId,
                                            @HeaderParam(IDEMPOTENCY_KEY) @Parameter(required = true)
                                            String idempotencyKey,
                                            @RequestBody(required = true) LogSessionRequest request) {
        checkBody(request);
        checkKey(idempotencyKey);
        SessionLogService.Logged logged = service.log(caller.get(), patientId, idempotencyKey, request);
        // typed (RestResponse, not Response): the JSON writer is chosen once at start, not looked up for every log;
        // the class's @Path written out: no UriBuilder template parsing and expansion per log
        return RestResponse.ResponseBuilder.<SessionLogView>created(
                        URI.create("/patients/" + patientId + "/sessions/" + logged.session().id()))
                .header("Idempotent-Replayed", Boolean.toString(logged.replayed()))
                .entity(logged.session())
                .build();
    }

    /**
     * The body's constraints ({@code @NotNull @Valid}, as on every other body), checked by hand first
     * ({@link LogSessionRequest#satisfiesConstraints()}): only a body that fails that check goes through Hibernate
     * Validator, which then finds and words the violations exactly as its method validation did (the same fields,
     * the same messages, 400 problem+json). The hottest write, so not left to the validation interceptor.
     */
    private void checkBody(LogSessionRequest request) {
        if (request != null && request.satisfiesConstraints()) {
            return;
        }
        Set<ConstraintViolation<Body>> violations = validator.forExecutables()
                .validateParameters(Body.INSTANCE, Body.LOG, new Object[] {request});
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    /** The log's body as the parameter it is, with its constraints: what {@link #checkBody} validates. */
    static final class Body {

        static final Body INSTANCE = new Body();
        static final Method LOG;

        static {
            try {
                LOG = Body.class.getDeclaredMethod("log", LogSessionRequest.class);
            } catch (NoSuchMethodException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @SuppressWarnings("unused") // validated, never called
        void log(@NotNull @Valid LogSessionRequest request) {
        }
    }

    /**
     * Checked here rather than by constraint annotations, so that a problem names the header as the client
     * sends it ({@code Idempotency-Key}), not the Java parameter holding it.
     */
    private static void checkKey(String idempotencyKey) {
        if (idempotencyKey == null) {
            throw InvalidInput.of(IDEMPOTENCY_KEY, "header is required");
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw InvalidInput.of(IDEMPOTENCY_KEY, "must be 1-128 visible ASCII characters");
        }
    }

    @GET
    @RolesAllowed({Role.PATIENT, Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "List a patient's sessions, newest first, optionally between two local dates (inclusive)",
            description = "Corrected logs stay listed with supersededBy naming their correction, voided ones with "
                    + "voided (who, when, why); only logs whose supersededBy and voided are null count in progress "
                    + "figures.")
    public PageView<SessionLogView> list(@PathParam("patientId") UUID patientId,
                                         @QueryParam("from") @Parameter(description = "first local day, e.g. 2026-11-01",
                                                 schema = @Schema(type = SchemaType.STRING, format = "date")) String from,
                                         @QueryParam("to") @Parameter(description = "last local day, e.g. 2026-11-30",
                                                 schema = @Schema(type = SchemaType.STRING, format = "date")) String to,
                                         @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
                                         @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return service.list(caller.get(), patientId, QueryDates.day("from", from), QueryDates.day("to", to), page,
                size);
    }

    @GET
    @Path("/{sessionId}")
    @RolesAllowed({Role.PATIENT, Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Read one session log")
    public SessionLogView get(@PathParam("patientId") UUID patientId, @PathParam("sessionId") UUID sessionId) {
        return service.get(caller.get(), patientId, sessionId);
    }

    @POST
    @Path("/{sessionId}/void")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.PATIENT, Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Void a session logged in error",
            description = "The session stays listed, marked voided (who, when, reason), and counts in no figure "
                    + "from then on (adherence, pain, trends, streak, the dashboard), as if it had never been logged. "
                    + "Staff of the patient's clinic void any of the patient's sessions; a patient voids a session "
                    + "they logged themselves within 24 hours of logging it (403 after, saying so). A session is "
                    + "voided once (409 after); a corrected session is voided by voiding its correction (409 "
                    + "otherwise); a voided session cannot be corrected (409). Alerts it raised stay.")
    public SessionLogView voidSession(@PathParam("patientId") UUID patientId, @PathParam("sessionId") UUID sessionId,
                                      @NotNull @Valid VoidSessionRequest request) {
        return service.voidSession(caller.get(), patientId, sessionId, request);
    }
}

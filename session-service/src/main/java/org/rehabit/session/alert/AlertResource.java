package org.rehabit.session.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.session.common.PageView;
import org.rehabit.session.idempotency.Idempotency;
import org.rehabit.session.identity.CurrentCaller;
import org.rehabit.session.identity.Role;
import org.rehabit.support.InvalidInput;

import java.util.Locale;
import java.util.UUID;

/** A clinic's alerts and the thresholds that raise them. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
public class AlertResource {

    private final AlertService service;
    private final CurrentCaller caller;
    private final Idempotency idempotency;
    private final ObjectMapper json;
    private final Validator validator;

    public AlertResource(AlertService service, CurrentCaller caller, ObjectMapper json, Validator validator,
                         Idempotency idempotency) {
        this.idempotency = idempotency;
        this.service = service;
        this.caller = caller;
        this.json = json;
        this.validator = validator;
    }

    @GET
    @Path("clinics/{clinicId}/alerts")
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "List the clinic's alerts, newest first, optionally by status (OPEN or ACKNOWLEDGED) and "
            + "patient")
    public PageView<AlertView> list(@PathParam("clinicId") UUID clinicId, @QueryParam("status") String status,
                                    @QueryParam("patientId") String patientId,
                                    @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
                                    @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return service.list(caller.get(), clinicId, status(status), InvalidInput.optionalId("patientId", patientId),
                page, size);
    }

    @POST
    @Path("alerts/{id}/acknowledge")
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Acknowledge an alert, closing its group (who and when are recorded; 409 when already "
            + "acknowledged)",
            description = "The body is optional: {\"note\": \"...\"} (up to 500 characters) is stored and shown "
                    + "with the alert. Alerts are grouped: one open alert per patient and rule; an occurrence of the "
                    + "rule while it is open adds to it, one after acknowledging opens a new alert. With an "
                    + "Idempotency-Key header, a retry with the same key and note answers the first answer again "
                    + "(header Idempotent-Replayed: true) instead of 409; the same key with another note is 422.")
    public Response acknowledge(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String idempotencyKey,
                                @Context HttpHeaders headers, String body) throws JsonProcessingException {
        String note = note(headers.getMediaType(), body);
        return idempotency.once(caller.get(), idempotencyKey, "acknowledge-alert " + id, note == null ? "" : note,
                () -> Response.ok(service.acknowledge(caller.get(), id, note)).build());
    }

    @GET
    @Path("clinics/{clinicId}/alert-settings")
    @RolesAllowed({Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Read the clinic's alert and at-risk thresholds",
            description = "Defaults: pain after >= 7, a rise >= 2 within a session, 7 days inactive; at risk when "
                    + "adherence over the complete weeks is below 50 % or pain rises by 0.5 points a week or more.")
    public AlertSettingsView settings(@PathParam("clinicId") UUID clinicId) {
        return service.settings(caller.get(), clinicId);
    }

    @PUT
    @Path("clinics/{clinicId}/alert-settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.CLINIC_ADMIN)
    @Operation(summary = "Set the clinic's alert and at-risk thresholds (clinic-admin)",
            description = "Ranges: painAfterThreshold and painRiseThreshold 1-10, inactivityDays 1-90, "
                    + "atRiskAdherencePercent 1-100, atRiskPainTrend 0.1-5 points a week (two decimals at most); "
                    + "out of range is 400. The two at-risk fields may be left out: they are then kept as they are.")
    public AlertSettingsView updateSettings(@PathParam("clinicId") UUID clinicId,
                                            @NotNull @Valid AlertSettingsView settings) {
        return service.updateSettings(caller.get(), clinicId, settings);
    }

    /**
     * The optional body, read by hand: existing clients post no body and no Content-Type, which a typed entity
     * would refuse with 415.
     */
    private String note(MediaType type, String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return null;
        }
        if (type != null && !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new NotSupportedException("The body must be application/json.");
        }
        AcknowledgeRequest request = json.readValue(body, AcknowledgeRequest.class);
        if (request == null) {
            return null;
        }
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request.note();
    }

    private static Alert.Status status(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Alert.Status.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("status", "must be OPEN or ACKNOWLEDGED");
        }
    }
}

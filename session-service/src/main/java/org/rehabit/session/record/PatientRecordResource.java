package org.rehabit.session.record;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.session.identity.CurrentCaller;
import org.rehabit.session.identity.Role;
import org.rehabit.support.InvalidInput;

import java.util.UUID;

/** The export of one patient's record: JSON, or a printable HTML summary. */
@Path("/patients/{patientId}/export")
@Tag(name = "Patients")
public class PatientRecordResource {

    static final String HTML_UTF8 = MediaType.TEXT_HTML + ";charset=UTF-8";

    private final PatientRecordService service;
    private final CurrentCaller caller;

    public PatientRecordResource(PatientRecordService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @RolesAllowed({Role.PATIENT, Role.PHYSIO, Role.CLINIC_ADMIN})
    @Operation(summary = "Export a patient's record (staff of the clinic; a patient their own)",
            description = "JSON: the profile, every program with its items and history, every session (voided "
                    + "and superseded ones marked), the energy profile and weights, the alerts, and the figures "
                    + "of the last 12 weeks. format=html, or Accept: text/html without format, answers a printable "
                    + "HTML summary of the same (no scripts; every value escaped).")
    @APIResponse(responseCode = "200", description = "The record",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PatientRecordView.class)),
                    @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING))})
    public Response export(@PathParam("patientId") UUID patientId,
                           @QueryParam("format") @Size(max = 8) String format, @Context HttpHeaders headers) {
        boolean html = html(format, headers);
        PatientRecordView record = service.export(caller.get(), patientId);
        if (!html) {
            return Response.ok(record, MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.ok(PatientRecordHtml.render(record), HTML_UTF8)
                .header("Content-Security-Policy", PatientRecordHtml.CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** format wins; without it, the first of JSON and HTML the Accept header prefers (JSON when neither). */
    private static boolean html(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip()) {
                case "html" -> true;
                case "json" -> false;
                default -> throw InvalidInput.of("format", "must be json or html");
            };
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (accepted.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                return true;
            }
        }
        return false;
    }
}

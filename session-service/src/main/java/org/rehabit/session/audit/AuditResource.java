package org.rehabit.session.audit;

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.session.identity.CurrentCaller;
import org.rehabit.session.identity.Role;
import org.rehabit.support.InvalidInput;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/** A clinic's audit trail, for its clinic admins: who read or changed which patient's data, and who was refused. */
@Path("/clinics/{clinicId}/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    /** The instants a query may name: PostgreSQL stores far more, but nothing was audited outside these. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private final AuditService service;
    private final CurrentCaller caller;

    public AuditResource(AuditService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Role.CLINIC_ADMIN)
    @Operation(summary = "The clinic's audit trail, newest first (clinic-admin)",
            description = "Every read and write of the clinic's patients' data and every refused or denied attempt, "
                    + "including those the gateway refused itself (decidedBy: gateway). Identifiers and codes only. "
                    + "from (inclusive) and to (exclusive) are instants (2026-11-24T08:00:00Z) or days (a day "
                    + "counts from 00:00 UTC; to=2026-11-24 includes all of that day). outcome: COMMITTED, OK, "
                    + "ROLLED_BACK, UNAUTHENTICATED, DENIED, NOT_FOUND, REFUSED or FAILED. Pages by keyset: pass the "
                    + "answer's next as before for the next (older) page; next is null on the last page.")
    public AuditPage list(@PathParam("clinicId") UUID clinicId,
                                         @QueryParam("patientId") @Parameter(description = "only this patient's rows",
                                                 schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                                         String patientId,
                                         @QueryParam("from") String from, @QueryParam("to") String to,
                                         @QueryParam("outcome") String outcome,
                                         @QueryParam("before") @Parameter(description = "the next token of the "
                                                 + "page before (older rows than its last)") String before,
                                         @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        Instant start = instant("from", from, false);
        Instant end = instant("to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw InvalidInput.of("to", "must be after from");
        }
        return service.list(caller.get(), clinicId, InvalidInput.optionalId("patientId", patientId), start, end, outcome(outcome),
                before == null || before.isBlank() ? null : AuditCursor.parse(before), size);
    }


    private static String outcome(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.strip().toUpperCase(Locale.ROOT);
        if (!AuditEntry.OUTCOMES.contains(code)) {
            throw InvalidInput.of("outcome", "must be one of COMMITTED, ROLLED_BACK, OK, UNAUTHENTICATED, DENIED, "
                    + "NOT_FOUND, REFUSED, FAILED");
        }
        return code;
    }

    /** An instant, or a day (its start; for an end, the start of the next day, so the day is included). */
    private static Instant instant(String name, String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > 35) {
            throw InvalidInput.of(name, "must be an instant (2026-11-24T08:00:00Z) or a day (2026-11-24)");
        }
        Instant instant;
        try {
            instant = text.length() <= 10 ? LocalDate.parse(text).plusDays(end ? 1 : 0).atStartOfDay()
                    .toInstant(ZoneOffset.UTC) : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw InvalidInput.of(name, "must be an instant (2026-11-24T08:00:00Z) or a day (2026-11-24)");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw InvalidInput.of(name, "must be between 2000 and 9999");
        }
        return instant;
    }
}

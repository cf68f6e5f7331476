package org.rehabit.session.patient;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.rehabit.session.audit.AuditRequest;
import org.rehabit.session.common.PageView;
import io.quarkus.security.ForbiddenException;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.identity.Role;
import org.rehabit.session.staff.StaffService;
import org.rehabit.support.Conflict;
import org.rehabit.support.InvalidInput;
import org.rehabit.support.NotFound;
import org.rehabit.support.IfMatch;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Patients of the caller's clinic. Every lookup is scoped by the caller: another clinic's patient, or
 * for a patient anyone but themselves, is simply not found.
 */
@ApplicationScoped
public class PatientService {

    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private final PatientRepository patients;
    private final TimeZones zones;
    private final StaffService staff;
    private final Clock clock;

    public PatientService(PatientRepository patients, TimeZones zones, StaffService staff, Clock clock) {
        this.clock = clock;
        this.staff = staff;
        this.patients = patients;
        this.zones = zones;
    }

    /** A patient and their ETag. */
    public record Found(PatientView patient, String etag) {
    }

    @Transactional
    public Found register(Caller caller, PatientInput input) {
        check(input);
        if (patients.referenceTaken(caller.clinicId(), input.externalRef(), null)) {
            throw new Conflict("Another patient of this clinic has reference '" + input.externalRef() + "'.");
        }
        Patient patient = new Patient(caller.clinicId(), input, knownPhysio(caller, "physioId",
                input.physioId() != null ? input.physioId() : caller.subject()), now());
        patients.persist(patient);
        AuditRequest.concernsPatient(patient.id()); // the registration's audit row names the patient it created
        return found(patient);
    }

    @Transactional
    public Found update(Caller caller, UUID id, String ifMatch, PatientInput input) {
        Patient patient = require(caller, id);
        IfMatch.check(ifMatch, etag(patient), true);
        check(input);
        if (patients.referenceTaken(caller.clinicId(), input.externalRef(), id)) {
            throw new Conflict("Another patient of this clinic has reference '" + input.externalRef() + "'.");
        }
        String physio = patient.physioId;
        if (input.physioId() != null && !input.physioId().equals(patient.physioId)) {
            physio = reassignable(caller, input.physioId());
        }
        patient.write(input, physio, now());
        return found(patient);
    }

    /** Assigns the patient to another known physio of the clinic: a clinic-admin's decision, with If-Match. */
    @Transactional
    public Found reassign(Caller caller, UUID id, String ifMatch, AssignPhysioRequest request) {
        Patient patient = require(caller, id);
        IfMatch.check(ifMatch, etag(patient), true);
        patient.assign(reassignable(caller, request.physioId()), now());
        return found(patient);
    }

    @Transactional
    public Found get(Caller caller, UUID id) {
        return found(require(caller, id));
    }

    @Transactional
    public PageView<PatientView> list(Caller caller, String text, String assignedTo, PatientStatus status, int page,
                                      int size) {
        var query = patients.search(caller.clinicId(), text, assignedSubject(caller, assignedTo), status)
                .page(Page.of(page, size));
        return new PageView<>(query.list().stream().map(PatientView::of).toList(), page, size, query.count());
    }

    /** The patient with {@code id} if the caller may reach them; otherwise not found (no existence leak). */
    public Patient require(Caller caller, UUID id) {
        if (!caller.mayReach(id)) {
            throw notFound(id);
        }
        return patients.findInClinic(id, caller.clinicId()).orElseThrow(() -> notFound(id));
    }

    /** What a caller hears about a patient they may not reach or that does not exist: the same. */
    public static NotFound notFound(UUID id) {
        return new NotFound("No patient " + id + ".");
    }

    /** The patient as read, with the ETag, after the pending changes are written. */
    public Found found(Patient patient) {
        patients.flush();
        return new Found(PatientView.of(patient), etag(patient));
    }

    /** The patient's ETag (If-Match of every edit of the patient). */
    public static String etag(Patient patient) {
        return IfMatch.etag(patient.revision);
    }

    /**
     * The subject an {@code assignedTo} filter names: {@code me} is the caller; any other must be a known staff
     * member of the caller's clinic (400 otherwise: a typo must not look like an empty caseload). Null: no filter.
     */
    public String assignedSubject(Caller caller, String assignedTo) {
        if (assignedTo == null || assignedTo.isBlank()) {
            return null;
        }
        if (isCaller(caller, assignedTo)) {
            return caller.subject(); // staff by the token's role, recorded by CurrentCaller: nothing to look up
        }
        String subject = assignedTo.strip().equals("me") ? caller.subject() : assignedTo.strip();
        return knownPhysio(caller, "assignedTo", subject);
    }

    /** Whether {@code assignedTo} is {@code me} said by a physio or clinic-admin (whose subject needs no look-up). */
    public static boolean isCaller(Caller caller, String assignedTo) {
        return assignedTo != null && assignedTo.strip().equals("me") && caller.isStaff() && caller.subject() != null
                && caller.subject().length() <= 255;
    }

    private String reassignable(Caller caller, String physioId) {
        if (!caller.roles().contains(Role.CLINIC_ADMIN)) {
            throw new ForbiddenException("Only a clinic-admin reassigns a patient to another physio.");
        }
        return knownPhysio(caller, "physioId", physioId);
    }

    /** {@code subject} if it is a known physio or clinic-admin of the caller's clinic; else 400 on {@code field}. */
    private String knownPhysio(Caller caller, String field, String subject) {
        if (!staff.isStaffOf(caller.clinicId(), subject)) {
            throw InvalidInput.of(field, "must be a physio or clinic-admin of this clinic (see the clinic's staff)");
        }
        return subject;
    }

    private void check(PatientInput input) {
        if (!zones.isKnown(input.timezone())) {
            throw InvalidInput.of("timezone", "must be an IANA time zone such as Europe/Berlin or UTC, not an offset");
        }
        if (input.dateOfBirth() != null && input.dateOfBirth().isBefore(EARLIEST_BIRTH)) {
            throw InvalidInput.of("dateOfBirth", "must be after 1900-01-01");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

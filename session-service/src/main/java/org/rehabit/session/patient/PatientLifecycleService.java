package org.rehabit.session.patient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.program.ProgramService;
import org.rehabit.support.Conflict;
import org.rehabit.support.IfMatch;
import org.rehabit.support.InvalidInput;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Discharge and reactivation (staff of the patient's clinic, with If-Match), and what a discharge means for the
 * patient's own token: accepted up to and including the access's last day in the patient's time zone, refused
 * (403, saying why) from the next day on, while staff keep reading and exporting the record.
 */
@ApplicationScoped
public class PatientLifecycleService {

    /** Days the patient's own access lasts after the discharge day unless the discharge names another last day. */
    public static final int DEFAULT_ACCESS_DAYS = 30;
    /** The latest last day a discharge may name, in days after the discharge day. */
    static final int LONGEST_ACCESS_DAYS = 365;

    private final PatientService patients;
    private final PatientRepository repository;
    private final ProgramService programs;
    private final Clock clock;

    public PatientLifecycleService(PatientService patients, PatientRepository repository, ProgramService programs,
                                   Clock clock) {
        this.patients = patients;
        this.repository = repository;
        this.programs = programs;
        this.clock = clock;
    }

    /**
     * Discharges a patient: their open program is completed, the day (theirs), who and why are recorded, and their
     * own access ends after {@code accessEndsOn} (default: {@link #DEFAULT_ACCESS_DAYS} days on). 409 when already
     * discharged.
     */
    @Transactional
    public PatientService.Found discharge(Caller caller, UUID id, String ifMatch, DischargeRequest request) {
        Patient patient = patients.require(caller, id);
        IfMatch.check(ifMatch, PatientService.etag(patient), true);
        if (patient.status == PatientStatus.DISCHARGED) {
            throw new Conflict("Patient " + id + " was already discharged on " + patient.dischargedOn + ".");
        }
        Instant now = now();
        LocalDate today = LocalDate.ofInstant(now, patient.zone());
        LocalDate accessEnds = request.accessEndsOn() == null ? today.plusDays(DEFAULT_ACCESS_DAYS)
                : request.accessEndsOn();
        if (accessEnds.isBefore(today) || accessEnds.isAfter(today.plusDays(LONGEST_ACCESS_DAYS))) {
            throw InvalidInput.of("accessEndsOn", "must be from the discharge day (" + today + ") to a year after it");
        }
        programs.completeOpen(patient.id());
        patient.discharge(today, caller.subject(), request.reason().strip(), accessEnds, now);
        return patients.found(patient);
    }

    /** Reactivates a discharged patient: their access is restored (a new program is assigned as usual). */
    @Transactional
    public PatientService.Found reactivate(Caller caller, UUID id, String ifMatch) {
        Patient patient = patients.require(caller, id);
        IfMatch.check(ifMatch, PatientService.etag(patient), true);
        if (patient.status != PatientStatus.DISCHARGED) {
            throw new Conflict("Patient " + id + " is not discharged.");
        }
        patient.reactivate(now());
        return patients.found(patient);
    }

    /**
     * Refuses a patient's own request once their access has ended (after its last day, in their time zone). A token
     * naming no patient of its clinic is left to the routes (404, as for any id that does not exist).
     */
    @Transactional
    public void checkOwnAccess(Caller caller) {
        if (!caller.isPatient() || caller.patientId().isEmpty()) {
            return;
        }
        repository.access(caller.patientId().get(), caller.clinicId()).ifPresent(a -> a.check(clock.instant()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

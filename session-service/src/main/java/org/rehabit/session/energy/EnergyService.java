package org.rehabit.session.energy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.patient.Patient;
import org.rehabit.session.patient.PatientService;
import org.rehabit.support.Conflict;
import org.rehabit.support.InvalidInput;
import org.rehabit.support.NotFound;
import org.rehabit.support.Problem;
import org.rehabit.support.IfMatch;
import org.rehabit.support.StaleRevision;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Energy profiles and the daily energy target computed from them. A patient keeps their own profile; their
 * physio and clinic admins may keep it for them. Every lookup goes through the patient the caller may reach.
 */
@ApplicationScoped
public class EnergyService {

    private final EnergyProfileRepository profiles;
    private final PatientService patients;
    private final Clock clock;

    public EnergyService(EnergyProfileRepository profiles, PatientService patients, Clock clock) {
        this.clock = clock;
        this.profiles = profiles;
        this.patients = patients;
    }

    /** A profile and its ETag. */
    public record Found(EnergyProfileView profile, String etag) {
    }

    /**
     * Creates or replaces the profile. {@code If-Match} is optional: when sent, it must match the current
     * profile's ETag (412 otherwise), so a client that read the profile first loses no one else's edit.
     */
    @Transactional
    public Found put(Caller caller, UUID patientId, String ifMatch, EnergyProfileRequest request) {
        Patient patient = patients.require(caller, patientId);
        check(request, today(patient));
        Optional<EnergyProfile> existing = profiles.findByIdOptional(patient.id());
        checkPrecondition(existing, ifMatch);
        Instant now = now();
        EnergyProfile profile = existing.orElseGet(() -> new EnergyProfile(patient.id(), patient.clinicId(), now));
        profile.write(request, caller.subject(), now);
        if (existing.isEmpty()) {
            profiles.persist(profile);
        }
        try {
            profiles.flush();
        } catch (org.hibernate.exception.ConstraintViolationException e) {
            throw new Conflict("Another request created this patient's energy profile at the same moment; read it "
                    + "and send the change again.");
        }
        return new Found(EnergyProfileView.of(profile), profile.etag());
    }

    /** The patient's profile, if they have one (the export: no 404 for none). */
    @Transactional
    public java.util.Optional<EnergyProfileView> find(Caller caller, UUID patientId) {
        return profiles.findByIdOptional(patients.require(caller, patientId).id()).map(EnergyProfileView::of);
    }

    @Transactional
    public Found get(Caller caller, UUID patientId) {
        EnergyProfile profile = require(caller, patientId);
        return new Found(EnergyProfileView.of(profile), profile.etag());
    }

    @Transactional
    public EnergyTargetView target(Caller caller, UUID patientId) {
        Patient patient = patients.require(caller, patientId);
        EnergyProfile profile = profileOf(patient);
        int age = profile.ageOn(today(patient));
        EnergyMath.Target target = EnergyMath.target(profile.sex, profile.exactWeightKg(), profile.exactHeightCm(),
                age, profile.activityLevel, profile.goal);
        return EnergyTargetView.of(profile, age, target);
    }

    private EnergyProfile require(Caller caller, UUID patientId) {
        return profileOf(patients.require(caller, patientId));
    }

    private EnergyProfile profileOf(Patient patient) {
        return profiles.findByIdOptional(patient.id())
                .orElseThrow(() -> new NotFound("Patient " + patient.id() + " has no energy profile."));
    }

    private static void check(EnergyProfileRequest request, LocalDate today) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if ((request.dateOfBirth() == null) == (request.age() == null)) {
            errors.add(new Problem.FieldError("age", request.age() == null
                    ? "is required unless dateOfBirth is given"
                    : "give either age or dateOfBirth, not both"));
        } else if (request.dateOfBirth() != null) {
            if (request.dateOfBirth().isAfter(today)) {
                errors.add(new Problem.FieldError("dateOfBirth",
                        "is in the future (today is " + today + " in the patient's time zone)"));
            } else {
                int age = EnergyMath.age(request.dateOfBirth(), today);
                if (age < EnergyMath.MIN_AGE || age > EnergyMath.MAX_AGE) {
                    errors.add(new Problem.FieldError("dateOfBirth",
                            "gives an age of " + age + "; the age must be between 13 and 120"));
                }
            }
        }
        Measures.heightCm(request.height(), "height", errors);
        Measures.weightKg(request.weight(), "weight", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    private static void checkPrecondition(Optional<EnergyProfile> existing, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        if (existing.isEmpty()) {
            throw StaleRevision.mismatch("none: the patient has no energy profile yet");
        }
        IfMatch.check(ifMatch, existing.get().etag(), false);
    }

    private LocalDate today(Patient patient) {
        return LocalDate.now(clock.withZone(patient.zone()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

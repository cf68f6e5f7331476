package org.rehabit.session.program;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.rehabit.session.catalog.CatalogClient;
import org.rehabit.session.catalog.CatalogExercises;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.patient.Patient;
import org.rehabit.session.patient.PatientService;
import org.rehabit.support.Conflict;
import org.rehabit.support.InvalidInput;
import org.rehabit.support.NotFound;
import org.rehabit.support.Problem;
import org.rehabit.support.Unavailable;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Assigning programs and moving them through their life. Assignment pins each exercise to the version
 * the catalog publishes now, so later catalog edits never change what a patient was given.
 */
@ApplicationScoped
public class ProgramService {

    private static final int CATALOG_RETRY_AFTER_SECONDS = 10;

    private final ProgramRepository programs;
    private final PatientService patients;
    private final CatalogClient catalog;
    private final Clock clock;

    public ProgramService(ProgramRepository programs, PatientService patients, CatalogClient catalog, Clock clock) {
        this.clock = clock;
        this.programs = programs;
        this.patients = patients;
        this.catalog = catalog;
    }

    /** What to assign, before the catalog pinned it. */
    private record Wanted(String exercise, Dose dose, String notes, String field) {
    }

    /**
     * Assigns a program. The catalog is asked before any transaction opens (no connection is held across a
     * remote call); if it cannot answer, nothing is written and the caller gets a 503.
     */
    public ProgramView assign(Caller caller, UUID patientId, AssignProgramRequest request) {
        Patient patient = QuarkusTransaction.requiringNew().call(() -> {
            Patient p = patients.require(caller, patientId);
            refuseIfOpen(p.id());
            return p;
        });
        LocalDate start = request.startDate() != null ? request.startDate() : LocalDate.now(clock.withZone(
                patient.zone()));
        if (request.endDate() != null && request.endDate().isBefore(start)) {
            throw InvalidInput.of("endDate", "must not be before startDate (" + start + ")");
        }
        List<Wanted> wanted = wanted(request);
        List<ProgramItem> items = pin(wanted);
        return QuarkusTransaction.requiringNew().call(() -> {
            refuseIfOpen(patient.id());
            Program program = new Program(caller.clinicId(), patient.id(), request.template(),
                    request.sessionsPerWeek(), start, request.endDate(), blankToNull(request.notes()),
                    caller.subject(), items, now());
            programs.persist(program);
            programs.flush();
            return ProgramView.of(program);
        });
    }

    @Transactional
    public List<ProgramView> list(Caller caller, UUID patientId) {
        Patient patient = patients.require(caller, patientId);
        return programs.ofPatient(patient.id()).stream().map(ProgramView::of).toList();
    }

    @Transactional
    public ProgramView current(Caller caller, UUID patientId) {
        Patient patient = patients.require(caller, patientId);
        return programs.open(patient.id()).map(ProgramView::of)
                .orElseThrow(() -> new NotFound("Patient " + patientId + " has no current program."));
    }

    @Transactional
    public ProgramView get(Caller caller, UUID patientId, UUID programId) {
        return ProgramView.of(require(caller, patientId, programId));
    }

    @Transactional
    public ProgramView pause(Caller caller, UUID patientId, UUID programId) {
        Program program = require(caller, patientId, programId);
        expect(program, "pause", ProgramStatus.ACTIVE);
        Instant now = now();
        program.status = ProgramStatus.PAUSED;
        program.pauses.add(new ProgramPause(now));
        return touched(program, now);
    }

    @Transactional
    public ProgramView resume(Caller caller, UUID patientId, UUID programId) {
        Program program = require(caller, patientId, programId);
        expect(program, "resume", ProgramStatus.PAUSED);
        Instant now = now();
        program.status = ProgramStatus.ACTIVE;
        closePause(program, now);
        return touched(program, now);
    }

    @Transactional
    public ProgramView complete(Caller caller, UUID patientId, UUID programId) {
        return end(caller, patientId, programId, ProgramStatus.COMPLETED, "complete");
    }

    @Transactional
    public ProgramView cancel(Caller caller, UUID patientId, UUID programId) {
        return end(caller, patientId, programId, ProgramStatus.CANCELLED, "cancel");
    }

    /** Records the patient's pre-start safety confirmation ("I have checked with my doctor"), once. */
    @Transactional
    public ProgramView confirmSafety(Caller caller, UUID patientId, UUID programId) {
        Program program = require(caller, patientId, programId);
        if (!program.status.isOpen()) {
            throw new Conflict("Program " + programId + " is " + program.status + "; there is nothing to start.");
        }
        if (program.safetyConfirmedAt == null) {
            Instant now = now();
            program.safetyConfirmedAt = now;
            program.safetyConfirmedBy = caller.subject();
            return touched(program, now);
        }
        return ProgramView.of(program);
    }

    /** The program with {@code programId} of a patient the caller may reach; otherwise not found. */
    public Program require(Caller caller, UUID patientId, UUID programId) {
        Patient patient = patients.require(caller, patientId);
        return programs.findOfPatient(patient.id(), programId)
                .orElseThrow(() -> new NotFound("Patient " + patientId + " has no program " + programId + "."));
    }

    private ProgramView end(Caller caller, UUID patientId, UUID programId, ProgramStatus to, String action) {
        Program program = require(caller, patientId, programId);
        expect(program, action, ProgramStatus.ACTIVE, ProgramStatus.PAUSED);
        Instant now = now();
        if (program.status == ProgramStatus.PAUSED) {
            closePause(program, now);
        }
        program.status = to;
        program.endedAt = now;
        return touched(program, now);
    }

    private static void expect(Program program, String action, ProgramStatus... allowed) {
        if (!List.of(allowed).contains(program.status)) {
            throw new Conflict("Cannot " + action + " program " + program.id + ": it is " + program.status + ".");
        }
    }

    private static void closePause(Program program, Instant now) {
        program.pauses.stream().filter(p -> p.resumedAt == null).forEach(p -> p.resumedAt = now);
    }

    private ProgramView touched(Program program, Instant now) {
        program.updatedAt = now;
        programs.flush();
        return ProgramView.of(program);
    }

    private void refuseIfOpen(UUID patientId) {
        programs.open(patientId).ifPresent(open -> {
            throw new Conflict("The patient already has an open program (" + open.id() + ", " + open.status()
                    + "); complete or cancel it before assigning another.");
        });
    }

    private List<Wanted> wanted(AssignProgramRequest request) {
        boolean fromTemplate = request.template() != null;
        boolean explicit = request.items() != null && !request.items().isEmpty();
        if (fromTemplate == explicit) {
            throw InvalidInput.of("items", "give either a template or a non-empty list of items, not both");
        }
        if (!fromTemplate) {
            if (request.doseOverrides() != null && !request.doseOverrides().isEmpty()) {
                throw InvalidInput.of("doseOverrides", "apply to a template only; give items their own dose");
            }
            List<Wanted> wanted = new ArrayList<>();
            for (int i = 0; i < request.items().size(); i++) {
                AssignProgramRequest.Item item = request.items().get(i);
                wanted.add(new Wanted(item.exercise(), item.dose(), blankToNull(item.notes()),
                        "items[" + i + "].exercise"));
            }
            return wanted;
        }
        CatalogExercises.Template template = callCatalog(() -> catalog.template(request.template()))
                .orElseThrow(() -> InvalidInput.of("template", "is not a routine template of the catalog"));
        Map<String, Dose> overrides = request.doseOverrides() == null ? Map.of() : request.doseOverrides();
        List<Problem.FieldError> errors = new ArrayList<>();
        overrides.keySet().stream()
                .filter(slug -> template.items().stream().noneMatch(i -> i.exerciseSlug().equals(slug)))
                .forEach(slug -> errors.add(new Problem.FieldError("doseOverrides." + slug,
                        "is not an exercise of template " + template.slug())));
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return template.items().stream()
                .map(i -> new Wanted(i.exerciseSlug(), overrides.getOrDefault(i.exerciseSlug(), i.dose()), i.notes(),
                        "template"))
                .toList();
    }

    /** Pins every wanted exercise to its current published version, in one call to the catalog. */
    private List<ProgramItem> pin(List<Wanted> wanted) {
        CatalogExercises.Resolution resolution = callCatalog(() -> catalog.resolve(
                wanted.stream().map(Wanted::exercise).toList()));
        Map<String, CatalogExercises.Exercise> bySlug = new java.util.HashMap<>();
        resolution.resolved().forEach(r -> bySlug.put(r.ref(), r.exercise()));
        Map<String, CatalogExercises.Unresolved> refused = new java.util.HashMap<>();
        resolution.unresolved().forEach(u -> refused.put(u.ref(), u));
        List<Problem.FieldError> errors = new ArrayList<>();
        List<ProgramItem> items = new ArrayList<>();
        for (Wanted w : wanted) {
            CatalogExercises.Exercise exercise = bySlug.get(w.exercise());
            if (exercise == null) {
                CatalogExercises.Unresolved why = refused.get(w.exercise());
                errors.add(new Problem.FieldError(w.field(), "'" + w.exercise() + "' cannot be assigned: "
                        + (why == null ? "the catalog did not answer for it" : reason(why))));
                continue;
            }
            Dose dose = w.dose() != null ? w.dose() : exercise.defaultDose();
            items.add(new ProgramItem(exercise.slug(), exercise.version(), exercise.name(), dose, w.notes()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return items;
    }

    private static String reason(CatalogExercises.Unresolved why) {
        return switch (why.reason()) {
            case "NOT_FOUND" -> "no such exercise in the catalog";
            case "RETIRED" -> "the exercise is retired";
            case "NOT_PUBLISHED" -> "the exercise is not published yet";
            default -> why.detail() == null ? why.reason() : why.detail();
        };
    }

    private static <T> T callCatalog(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new Unavailable("The exercise catalog cannot be reached; nothing was assigned. Try again shortly.",
                    CATALOG_RETRY_AFTER_SECONDS, e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

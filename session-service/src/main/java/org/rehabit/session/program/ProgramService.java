package org.rehabit.session.program;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.rehabit.session.catalog.CatalogClient;
import org.rehabit.session.catalog.CatalogExercises;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.patient.Patient;
import org.rehabit.session.patient.PatientService;
import org.rehabit.session.patient.PatientStatus;
import org.rehabit.support.Conflict;
import org.rehabit.support.IfMatch;
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
import java.util.Optional;
import java.util.UUID;

/**
 * Assigning programs and moving them through their life. Assignment pins each exercise to the version
 * the catalog publishes now, so later catalog edits never change what a patient was given.
 */
@ApplicationScoped
public class ProgramService {

    private static final int CATALOG_RETRY_AFTER_SECONDS = 10;

    private final ProgramRepository programs;
    private final ProgramChangeRepository changes;
    private final PatientService patients;
    private final CatalogClient catalog;
    private final Clock clock;

    public ProgramService(ProgramRepository programs, ProgramChangeRepository changes, PatientService patients,
                          CatalogClient catalog, Clock clock) {
        this.changes = changes;
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
            if (p.status() == PatientStatus.DISCHARGED) {
                throw new Conflict("Patient " + patientId + " is discharged; reactivate them before assigning a "
                        + "program.");
            }
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

    /** A program as read, with its ETag. */
    public record Tagged(ProgramView program, String etag) {
    }

    @Transactional
    public Tagged read(Caller caller, UUID patientId, UUID programId) {
        Program program = require(caller, patientId, programId);
        return new Tagged(ProgramView.of(program), program.etag());
    }

    /** The program's history, oldest first: its assignment, then each adjustment and re-pin. */
    @Transactional
    public ProgramHistoryView history(Caller caller, UUID patientId, UUID programId) {
        Program program = require(caller, patientId, programId);
        List<ProgramChange> recorded = changes.ofProgram(program.id);
        List<ProgramHistoryView.Entry> entries = new ArrayList<>();
        entries.add(new ProgramHistoryView.Entry("ASSIGNED", 0, program.createdAt, program.assignedBy,
                List.of("Assigned" + (program.templateSlug == null ? "" : " from template " + program.templateSlug)
                        + " with " + count(itemsAtAssignment(program, recorded), "exercise") + ", "
                        + firstRate(program) + " sessions per week, from " + program.startDate),
                false));
        for (ProgramChange c : recorded) {
            entries.add(new ProgramHistoryView.Entry(c.kind.name(), c.revision, c.changedAt, c.changedBy, c.changes,
                    c.safetyReconfirm));
        }
        return new ProgramHistoryView(entries);
    }

    /** The items the program had when assigned: before its first change ({@code recorded}, oldest first), if any. */
    private static int itemsAtAssignment(Program program, List<ProgramChange> recorded) {
        return recorded.stream().findFirst().map(c -> c.itemsBefore.size()).orElse(program.items.size());
    }

    private static int firstRate(Program program) {
        return program.earlierFrequencies.isEmpty() ? program.sessionsPerWeek
                : program.earlierFrequencies.get(0).sessionsPerWeek;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Adjusts an open program: schedule, end date, notes, and (when given) its complete new item list. New
     * exercises are pinned through the catalog before any transaction opens, as at assignment. The change is
     * recorded with who made it and a readable line per difference; adding an exercise the program did not have
     * asks the patient to confirm the safety check again. Nothing changed: nothing recorded.
     */
    public Tagged adjust(Caller caller, UUID patientId, UUID programId, String ifMatch, AdjustProgramRequest request) {
        List<Wanted> wanted = QuarkusTransaction.requiringNew().call(() -> {
            Program program = requireOpenMatching(caller, patientId, programId, ifMatch, "adjust");
            return checkAdjustment(program, request);
        });
        Map<Wanted, ProgramItem> pinned = new java.util.IdentityHashMap<>();
        if (!wanted.isEmpty()) {
            List<ProgramItem> items = pin(wanted);
            for (int i = 0; i < wanted.size(); i++) {
                pinned.put(wanted.get(i), items.get(i));
            }
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Program program = requireOpenMatching(caller, patientId, programId, ifMatch, "adjust");
            List<Wanted> again = checkAdjustment(program, request);
            Patient patient = patients.require(caller, patientId);
            List<ProgramChange.ItemSnapshot> before = snapshot(program);
            List<String> lines = new ArrayList<>();
            boolean reconfirm = false;
            if (request.sessionsPerWeek() != null && request.sessionsPerWeek() != program.sessionsPerWeek) {
                LocalDate today = LocalDate.now(clock.withZone(patient.zone()));
                boolean sameDay = program.earlierFrequencies.stream().anyMatch(f -> f.untilDate.equals(today));
                if (today.isAfter(program.startDate) && !sameDay) {
                    program.earlierFrequencies.add(new FrequencyPeriod(today, program.sessionsPerWeek));
                }
                lines.add("Sessions per week: " + program.sessionsPerWeek + " → " + request.sessionsPerWeek()
                        + " (counts from " + (today.isAfter(program.startDate) ? today : program.startDate) + ")");
                program.sessionsPerWeek = request.sessionsPerWeek().shortValue();
            }
            LocalDate end = Boolean.TRUE.equals(request.clearEndDate()) ? null
                    : request.endDate() != null ? request.endDate() : program.endDate;
            if (!java.util.Objects.equals(end, program.endDate)) {
                lines.add("End date: " + text(program.endDate) + " → " + text(end));
                program.endDate = end;
            }
            if (request.notes() != null && !java.util.Objects.equals(blankToNull(request.notes()), program.notes)) {
                lines.add("Notes: " + quoted(program.notes) + " → " + quoted(blankToNull(request.notes())));
                program.notes = blankToNull(request.notes());
            }
            List<String> added = new ArrayList<>();
            if (request.items() != null) {
                if (again.size() != wanted.size()) {
                    throw new Conflict("Program " + programId + " changed while it was adjusted; try again.");
                }
                reconfirm = adjustItems(program, request.items(), pinned, wanted, lines, added);
            }
            if (lines.isEmpty()) {
                return new Tagged(ProgramView.of(program), program.etag());
            }
            return record(caller, program, ProgramChange.Kind.ADJUSTED, lines, before, reconfirm,
                    "new exercise " + String.join(", ", added));
        });
    }

    /** Checks an adjustment against the program; answers the new exercises it adds, to be pinned. */
    private static List<Wanted> checkAdjustment(Program program, AdjustProgramRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.endDate() != null && Boolean.TRUE.equals(request.clearEndDate())) {
            errors.add(new Problem.FieldError("clearEndDate", "give either endDate or clearEndDate, not both"));
        }
        if (request.endDate() != null && request.endDate().isBefore(program.startDate)) {
            errors.add(new Problem.FieldError("endDate", "must not be before startDate (" + program.startDate + ")"));
        }
        List<Wanted> wanted = new ArrayList<>();
        if (request.items() != null) {
            java.util.Set<UUID> seen = new java.util.HashSet<>();
            for (int i = 0; i < request.items().size(); i++) {
                AdjustProgramRequest.Item item = request.items().get(i);
                String field = "items[" + i + "]";
                if ((item.id() == null) == (item.exercise() == null)) {
                    errors.add(new Problem.FieldError(field, "give either the id of an item of the program or the "
                            + "slug of a new exercise, not both"));
                } else if (item.id() != null && program.item(item.id()).isEmpty()) {
                    errors.add(new Problem.FieldError(field + ".id", "is not an item of program " + program.id));
                } else if (item.id() != null && !seen.add(item.id())) {
                    errors.add(new Problem.FieldError(field + ".id", "is listed twice"));
                } else if (item.exercise() != null) {
                    wanted.add(new Wanted(item.exercise(), item.dose(), blankToNull(item.notes()),
                            field + ".exercise"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return wanted;
    }

    /** Replaces the program's items by the new list; answers whether the patient must confirm safety again. */
    private static boolean adjustItems(Program program, List<AdjustProgramRequest.Item> requested,
                                       Map<Wanted, ProgramItem> pinned, List<Wanted> wanted, List<String> lines,
                                       List<String> added) {
        List<ProgramItem> old = new ArrayList<>(program.items);
        java.util.Set<String> hadSlugs = new java.util.HashSet<>();
        old.forEach(i -> hadSlugs.add(i.exerciseSlug));
        List<ProgramItem> next = new ArrayList<>();
        int w = 0;
        boolean reconfirm = false;
        for (AdjustProgramRequest.Item r : requested) {
            if (r.id() != null) {
                ProgramItem item = program.item(r.id()).orElseThrow();
                if (r.dose() != null && !r.dose().equals(item.dose)) {
                    lines.add("Dose of " + label(item) + ": " + ProgramDiff.dose(item.dose, r.dose()));
                    item.dose = r.dose();
                }
                if (r.notes() != null && !java.util.Objects.equals(blankToNull(r.notes()), item.notes)) {
                    lines.add("Notes of " + label(item) + ": " + quoted(item.notes) + " → "
                            + quoted(blankToNull(r.notes())));
                    item.notes = blankToNull(r.notes());
                }
                next.add(item);
            } else {
                ProgramItem item = pinned.get(wanted.get(w++));
                next.add(item);
                lines.add("Added " + label(item) + " at position " + next.size());
                if (!hadSlugs.contains(item.exerciseSlug)) {
                    reconfirm = true;
                    added.add(item.exerciseName);
                }
            }
        }
        for (ProgramItem item : old) {
            if (!next.contains(item)) {
                lines.add("Removed " + label(item));
            }
        }
        List<ProgramItem> keptBefore = old.stream().filter(next::contains).toList();
        List<ProgramItem> keptAfter = next.stream().filter(old::contains).toList();
        if (!keptBefore.equals(keptAfter)) {
            lines.add("Order: " + names(old) + " → " + names(next));
        }
        program.items.clear();
        program.items.addAll(next);
        return reconfirm;
    }

    private static String names(List<ProgramItem> items) {
        return String.join(", ", items.stream().map(i -> i.exerciseName).toList());
    }

    private static String label(ProgramItem item) {
        return item.exerciseName + " (" + item.exerciseSlug + " v" + item.exerciseVersion + ")";
    }

    private static String text(LocalDate date) {
        return date == null ? "none" : date.toString();
    }

    private static String quoted(String text) {
        return text == null ? "none" : "\"" + text + "\"";
    }

    private static List<ProgramChange.ItemSnapshot> snapshot(Program program) {
        return program.items.stream().map(i -> new ProgramChange.ItemSnapshot(i.id, i.exerciseSlug, i.dose)).toList();
    }

    /** Flushes the change (moving the program's version on) and records it with that version. */
    private Tagged record(Caller caller, Program program, ProgramChange.Kind kind, List<String> lines,
                          List<ProgramChange.ItemSnapshot> before, boolean reconfirm, String why) {
        Instant now = now();
        boolean reset = reconfirm && program.safetyConfirmedAt != null;
        if (reset) {
            lines.add("Safety check to be confirmed again by the patient (" + why + "); it was confirmed by "
                    + program.safetyConfirmedBy + " at " + program.safetyConfirmedAt);
            program.safetyConfirmedAt = null;
            program.safetyConfirmedBy = null;
        }
        program.updatedAt = now;
        programs.flush();
        changes.persist(new ProgramChange(program.id, kind, program.revision, now, caller.subject(), lines, reset,
                before));
        return new Tagged(ProgramView.of(program), program.etag());
    }

    /**
     * What a re-pin of the chosen items (all when none are named) would change, read from the catalog: for each,
     * the pinned and the newest published version and their differences, or that the exercise is retired (with
     * the catalog's suggested replacement) or no longer published. Writes nothing.
     */
    public RepinPreview previewRepin(Caller caller, UUID patientId, UUID programId, RepinRequest request) {
        Program program = QuarkusTransaction.requiringNew().call(() -> {
            Program p = require(caller, patientId, programId);
            expect(p, "re-pin", ProgramStatus.ACTIVE, ProgramStatus.PAUSED);
            chosen(p, request);
            return p;
        });
        return preview(program, chosen(program, request)).view();
    }

    /**
     * Moves the chosen items with a newer published version to it, keeping each item's id, dose and notes; items
     * of retired or unpublished exercises are left as they are (the preview flags them). A re-pin that changes an
     * item's cautions asks the patient to confirm the safety check again.
     */
    public Tagged repin(Caller caller, UUID patientId, UUID programId, String ifMatch, RepinRequest request) {
        Program read = QuarkusTransaction.requiringNew().call(() -> {
            Program p = requireOpenMatching(caller, patientId, programId, ifMatch, "re-pin");
            chosen(p, request);
            return p;
        });
        Plan plan = preview(read, chosen(read, request));
        RepinPreview preview = plan.view();
        Map<UUID, CatalogExercises.Exercise> newest = plan.newest();
        return QuarkusTransaction.requiringNew().call(() -> {
            Program program = requireOpenMatching(caller, patientId, programId, ifMatch, "re-pin");
            List<ProgramChange.ItemSnapshot> before = snapshot(program);
            List<String> lines = new ArrayList<>();
            List<String> cautioned = new ArrayList<>();
            for (RepinPreview.Item item : preview.items()) {
                ProgramItem pinned = program.item(item.itemId()).orElseThrow();
                switch (item.outcome()) {
                    case NEWER_VERSION -> {
                        CatalogExercises.Exercise to = newest.get(item.itemId());
                        lines.add("Re-pinned " + label(pinned) + " to v" + to.version()
                                + (item.changes().isEmpty() ? "" : ": " + String.join("; ", item.changes())));
                        pinned.exerciseVersion = to.version();
                        pinned.exerciseName = to.name();
                        if (item.cautionsChanged()) {
                            cautioned.add(to.name());
                        }
                    }
                    case RETIRED -> lines.add("Not re-pinned: " + label(pinned) + " is retired"
                            + (item.replacedBy() == null ? "" : "; the catalog suggests " + item.replacedBy()));
                    case UNAVAILABLE -> lines.add("Not re-pinned: " + label(pinned)
                            + " is no longer published");
                    case UP_TO_DATE -> {
                    }
                }
            }
            if (lines.stream().noneMatch(l -> l.startsWith("Re-pinned"))) {
                return new Tagged(ProgramView.of(program), program.etag());
            }
            return record(caller, program, ProgramChange.Kind.REPINNED, lines, before, !cautioned.isEmpty(),
                    "cautions changed in " + String.join(", ", cautioned));
        });
    }

    /** A re-pin's preview and the newest versions it read, by item id (so a re-pin asks the catalog once). */
    private record Plan(RepinPreview view, Map<UUID, CatalogExercises.Exercise> newest) {
    }

    private static List<ProgramItem> chosen(Program program, RepinRequest request) {
        if (request == null || request.items() == null || request.items().isEmpty()) {
            return List.copyOf(program.items);
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        List<ProgramItem> chosen = new ArrayList<>();
        for (int i = 0; i < request.items().size(); i++) {
            UUID id = request.items().get(i);
            program.item(id).ifPresentOrElse(chosen::add, () -> { });
            if (program.item(id).isEmpty()) {
                errors.add(new Problem.FieldError("items[" + i + "]", "is not an item of program " + program.id));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return chosen;
    }

    /** Asks the catalog, in one call, for each chosen item's pinned version and its exercise's newest one. */
    private Plan preview(Program program, List<ProgramItem> chosen) {
        List<String> refs = new ArrayList<>();
        for (ProgramItem item : chosen) {
            if (!refs.contains(item.exerciseSlug)) {
                refs.add(item.exerciseSlug);
            }
            String at = item.exerciseSlug + "@" + item.exerciseVersion;
            if (!refs.contains(at)) {
                refs.add(at);
            }
        }
        CatalogExercises.Resolution resolution = callCatalog(() -> catalog.resolve(refs));
        Map<String, CatalogExercises.Exercise> byRef = new java.util.HashMap<>();
        resolution.resolved().forEach(r -> byRef.put(r.ref(), r.exercise()));
        Map<String, CatalogExercises.Unresolved> refused = new java.util.HashMap<>();
        resolution.unresolved().forEach(u -> refused.put(u.ref(), u));
        List<RepinPreview.Item> items = new ArrayList<>();
        Map<UUID, CatalogExercises.Exercise> newestByItem = new java.util.HashMap<>();
        boolean reconfirm = false;
        for (ProgramItem item : chosen) {
            int position = program.items.indexOf(item) + 1;
            CatalogExercises.Exercise newest = byRef.get(item.exerciseSlug);
            CatalogExercises.Exercise pinned = byRef.get(item.exerciseSlug + "@" + item.exerciseVersion);
            CatalogExercises.Unresolved why = refused.get(item.exerciseSlug);
            if (newest == null) {
                boolean retired = why != null && "RETIRED".equals(why.reason());
                items.add(new RepinPreview.Item(item.id, position, item.exerciseSlug, item.exerciseName,
                        item.exerciseVersion, null, retired ? RepinPreview.Outcome.RETIRED
                        : RepinPreview.Outcome.UNAVAILABLE, retired ? why.replacedBy() : null, List.of(), false));
            } else if (newest.version() <= item.exerciseVersion) {
                items.add(new RepinPreview.Item(item.id, position, item.exerciseSlug, item.exerciseName,
                        item.exerciseVersion, newest.version(), RepinPreview.Outcome.UP_TO_DATE, null, List.of(),
                        false));
            } else {
                List<String> diff = pinned == null ? List.of("Version " + item.exerciseVersion
                        + " cannot be read from the catalog to compare") : ProgramDiff.versions(pinned, newest);
                boolean cautions = pinned == null || ProgramDiff.cautionsChanged(pinned, newest);
                reconfirm |= cautions;
                newestByItem.put(item.id, newest);
                items.add(new RepinPreview.Item(item.id, position, item.exerciseSlug, item.exerciseName,
                        item.exerciseVersion, newest.version(), RepinPreview.Outcome.NEWER_VERSION, null, diff,
                        cautions));
            }
        }
        return new Plan(new RepinPreview(program.id, program.revision, items, reconfirm), newestByItem);
    }

    private Program requireOpenMatching(Caller caller, UUID patientId, UUID programId, String ifMatch,
                                        String action) {
        Program program = require(caller, patientId, programId);
        expect(program, action, ProgramStatus.ACTIVE, ProgramStatus.PAUSED);
        IfMatch.check(ifMatch, program.etag(), true);
        return program;
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

    /**
     * Completes the patient's open (active or paused) program, if any, as a discharge does; the caller has checked
     * that the patient is theirs to discharge. Returns the program as completed, or empty when none was open.
     */
    @Transactional
    public Optional<ProgramView> completeOpen(UUID patientId) {
        return programs.open(patientId).map(program -> {
            Instant now = now();
            if (program.status == ProgramStatus.PAUSED) {
                closePause(program, now);
            }
            program.status = ProgramStatus.COMPLETED;
            program.endedAt = now;
            return touched(program, now);
        });
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
            throw new Unavailable("The exercise catalog cannot be reached; nothing was written. Try again shortly.",
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

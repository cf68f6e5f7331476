package org.rehabit.gateway.route;

import org.rehabit.gateway.api.Examples;
import org.rehabit.gateway.api.Roles;
import org.rehabit.gateway.route.Route.Body;
import org.rehabit.gateway.route.Route.Kind;
import org.rehabit.gateway.route.Route.QueryParam;
import org.rehabit.gateway.route.Route.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every public route the gateway passes through to one service, each declared once. Composed views (a patient's
 * current program with its exercises, me, me/today, the clinic dashboard) are not here: they are explicit code in
 * {@code api/}.
 */
public final class Routes {

    private static final Set<String> ANYONE = Set.of();
    private static final Set<String> EDITOR = Set.of(Roles.CONTENT_EDITOR);
    private static final Set<String> STAFF = Set.of(Roles.PHYSIO, Roles.CLINIC_ADMIN);
    private static final Set<String> CARE = Set.of(Roles.PHYSIO, Roles.CLINIC_ADMIN, Roles.PATIENT);
    private static final Set<String> ADMIN = Set.of(Roles.CLINIC_ADMIN);

    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private static final String LIBRARY = "Exercise library";
    private static final String INSTRUMENTS = "Outcome measures";
    private static final String PATIENTS = "Patients";
    private static final String CLINIC = "Clinic";

    private static final QueryParam PAGE = QueryParam.integer("page", 0, 100_000, "The page, from 0");
    private static final QueryParam ASSIGNED_TO = QueryParam.text("assignedTo", 255,
            "me for the caller's own patients, or the subject of a physio of the clinic (400 if unknown)");

    private static QueryParam size(int max, int byDefault) {
        return QueryParam.integer("size", 1, max, "Items per page (default " + byDefault + ")");
    }

    private static final String PROGRESS = "Prescribed sessions of a week = sessions per week x days the program was "
            + "active that week / 7; a session counts as done when at least one of its items is DONE (a session "
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
            + "patient's time zone.";

    private static final String ADJUST = "Only the fields given change; items, when given, are the complete new list "
            + "in order (existing items by id, new exercises by slug, pinned to the catalog's current version; items "
            + "left out are removed). Recorded in the program's history. Adding an exercise the program did not "
            + "have asks the patient to confirm the safety check again; doses, order, removals, schedule, end date "
            + "and notes do not. A changed sessions per week counts from the day of the change (the patient's "
            + "date); earlier days keep the earlier rate.";

    private static final String AUDIT = "Who read or changed which of the clinic's patients' data, and every refused "
            + "or denied attempt, also those the gateway refused itself before any service saw them (decidedBy: "
            + "gateway; action is then the route's template). Identifiers and codes only, never notes or "
            + "other text. Filters: patientId; from (inclusive) and to (exclusive), each an instant "
            + "(2026-11-24T08:00:00Z) or a day (to=2026-11-24 includes that day, UTC); outcome: COMMITTED, "
            + "ROLLED_BACK, OK, UNAUTHENTICATED, DENIED, NOT_FOUND, REFUSED or FAILED. size 1-200 (default 50); the "
            + "answer's next, passed as before, gives the next (older) page, and is null on the last. A probe of one "
            + "of the clinic's patients by another clinic's user is in it (DENIED, status 404). Anonymous attempts "
            + "(401) are counted per address and minute and filed under no clinic. Reading the audit trail is itself "
            + "recorded in it.";

    /** Every pass-through route, in the order the document lists them. */
    public static final List<Route> ALL = List.of(
            // the exercise library (catalog-service)
            get("/api/v1/exercises").catalog("/exercises").roles(ANYONE).tag(LIBRARY).id("search")
                    .summary("Search published exercises (ranked full text and filters, paged)")
                    .description("Answers {items, page, size, total, totalExact, next}: every match ranked, total "
                            + "exact (totalExact is always true). q takes web-search syntax (\"a phrase\", -excluded, "
                            + "or); the last word also matches as a prefix; a typo is tolerated when the words match "
                            + "nothing. Pages: pass the answer's next as after for the next page (without q, browsing "
                            + "follows the index, not an offset); page still works, not together with after.")
                    .query(QueryParam.text("q", 200, "Words to look for"),
                            QueryParam.texts("region", 40, "Body region, e.g. NECK (repeat for several)"),
                            QueryParam.texts("condition", 80, "Condition slug (repeat for several)"),
                            QueryParam.texts("position", 40, "Start position, e.g. SUPINE (repeat for several)"),
                            QueryParam.texts("equipment", 80, "Equipment name, or none (repeat for several)"),
                            QueryParam.texts("category", 40, "e.g. STRETCH (repeat for several)"),
                            QueryParam.texts("difficulty", 1, "1, 2 or 3 (repeat for several)"),
                            PAGE, QueryParam.text("after", 1000, "The next token of the previous page"),
                            size(100, 20)).build(),
            get("/api/v1/exercises/{slug}").catalog("/exercises/{slug}").roles(ANYONE).tag(LIBRARY).id("exercise")
                    .summary("Read the current published version of an exercise (ETag; 304 on If-None-Match)").build(),
            get("/api/v1/exercises/{slug}/versions").catalog("/exercises/{slug}/versions").roles(ANYONE).tag(LIBRARY)
                    .id("versions").summary("List the versions of an exercise, newest first").build(),
            get("/api/v1/exercises/{slug}/versions/{version}").catalog("/exercises/{slug}/versions/{version}")
                    .roles(ANYONE).tag(LIBRARY).id("version")
                    .summary("Read one version of an exercise; published versions never change").build(),
            get("/api/v1/exercises/{slug}/draft").catalog("/exercises/{slug}/draft").roles(EDITOR).tag(LIBRARY)
                    .id("draft").summary("Read the open draft of an exercise").build(),
            post("/api/v1/exercises").catalog("/exercises").roles(EDITOR).tag(LIBRARY).id("createExercise")
                    .summary("Create an exercise as a draft").body("an exercise", Examples.EXERCISE).created()
                    .build(),
            put("/api/v1/exercises/{slug}").catalog("/exercises/{slug}").roles(EDITOR).tag(LIBRARY)
                    .id("updateExerciseDraft").summary("Edit an exercise's draft (If-Match required)")
                    .body("an exercise", Examples.EXERCISE).ifMatch().build(),
            post("/api/v1/exercises/{slug}/publish").catalog("/exercises/{slug}/publish").roles(EDITOR).tag(LIBRARY)
                    .id("publish").summary("Publish an exercise's draft").build(),
            post("/api/v1/exercises/{slug}/retire").catalog("/exercises/{slug}/retire").roles(EDITOR).tag(LIBRARY)
                    .id("retire").summary("Retire an exercise (out of search and new programs; still readable)")
                    .query(QueryParam.text("replacedBy", 80, "Slug of the published exercise to use instead: "
                            + "programs that still pin the retired one are offered it when re-pinned"))
                    .build(),
            get("/api/v1/conditions").catalog("/conditions").roles(ANYONE).tag(LIBRARY).id("conditions")
                    .summary("List conditions").build(),
            get("/api/v1/conditions/{slug}").catalog("/conditions/{slug}").roles(ANYONE).tag(LIBRARY).id("condition")
                    .summary("Read a condition with guidance, red flags, exercises and starter routines").build(),
            get("/api/v1/routine-templates").catalog("/routine-templates").roles(ANYONE).tag(LIBRARY).id("templates")
                    .summary("List routine templates, optionally for a condition")
                    .query(QueryParam.text("condition", 80, "Only the templates for this condition slug")).build(),
            get("/api/v1/routine-templates/{slug}").catalog("/routine-templates/{slug}").roles(ANYONE).tag(LIBRARY)
                    .id("template").summary("Read a routine template with its exercises in order").build(),

            // outcome-measure instruments (catalog-service; docs/outcome-measures.md)
            get("/api/v1/instruments").catalog("/instruments").roles(ANYONE).tag(INSTRUMENTS).id("instruments")
                    .summary("List the outcome-measure instruments, each at its current version").build(),
            get("/api/v1/instruments/{slug}").catalog("/instruments/{slug}").roles(ANYONE).tag(INSTRUMENTS)
                    .id("instrument").summary("Read an instrument's current version: items, answer ranges, "
                            + "scoring rule, MCID, citation, terms, and its text where shipped or imported").build(),
            get("/api/v1/instruments/{slug}/versions/{version}").catalog("/instruments/{slug}/versions/{version}")
                    .roles(ANYONE).tag(INSTRUMENTS).id("instrumentVersion")
                    .summary("Read one version of an instrument; published versions never change").build(),
            post("/api/v1/instruments/{slug}/versions").catalog("/instruments/{slug}/versions").roles(EDITOR)
                    .tag(INSTRUMENTS).id("publishInstrument")
                    .summary("Publish an instrument's next version (version 1 of a new slug); the scoring rule is "
                            + "checked against the items")
                    .body("an instrument", Examples.INSTRUMENT).created().build(),
            put("/api/v1/instruments/{slug}/versions/{version}/text")
                    .catalog("/instruments/{slug}/versions/{version}/text").roles(EDITOR).tag(INSTRUMENTS)
                    .id("importInstrumentText")
                    .summary("Import this installation's licensed text of a version shipped without it: every "
                            + "item once, no other; importing again replaces it")
                    .body("licensed text", Examples.INSTRUMENT_TEXT).build(),

            // patients (session-service)
            post("/api/v1/patients").session("/patients").roles(STAFF).tag(PATIENTS).id("register")
                    .summary("Register a patient in the caller's clinic").body("patient", Examples.PATIENT)
                    .idempotencyKey().created().build(),
            get("/api/v1/patients").session("/patients").roles(STAFF).tag(PATIENTS).id("listPatients")
                    .summary("List the clinic's patients (q searches name and reference)")
                    .query(QueryParam.text("q", 120, "Words of the name or reference"), ASSIGNED_TO,
                            QueryParam.oneOf("status", "Only patients in this status (all without it)", "ACTIVE",
                                    "DISCHARGED"), PAGE, size(100, 20))
                    .build(),
            get("/api/v1/patients/{id}").session("/patients/{id}").roles(CARE).tag(PATIENTS).id("getPatient")
                    .summary("Read a patient (patients: only themselves)").build(),
            put("/api/v1/patients/{id}").session("/patients/{id}").roles(STAFF).tag(PATIENTS).id("updatePatient")
                    .summary("Edit a patient (If-Match required)").body("patient", Examples.PATIENT).ifMatch()
                    .description("physioId left out keeps the assigned physio; changing it is a clinic-admin's "
                            + "(403 for a physio) and must name a known staff member of the clinic (400).")
                    .build(),
            put("/api/v1/patients/{id}/physio").session("/patients/{id}/physio").roles(ADMIN).tag(PATIENTS)
                    .id("reassignPatient").summary("Reassign a patient to another physio of the clinic (clinic-admin, "
                            + "If-Match required)")
                    .description("physioId must be a known physio or clinic-admin of the clinic (see the staff "
                            + "list; 400 otherwise). Clears a legacy physio note. Recorded in the audit trail.")
                    .body("another physio", Examples.REASSIGN).ifMatch().build(),
            post("/api/v1/patients/{id}/programs").session("/patients/{id}/programs").roles(STAFF).tag(PATIENTS)
                    .id("assign")
                    .summary("Assign a program from a routine template or explicit items, pinning exercise versions")
                    .body("from a template", Examples.PROGRAM_FROM_TEMPLATE).idempotencyKey().created().build(),
            get("/api/v1/patients/{id}/programs").session("/patients/{id}/programs").roles(CARE).tag(PATIENTS)
                    .id("programs").summary("List a patient's programs, newest first").build(),
            post("/api/v1/patients/{id}/programs/{programId}/{action}")
                    .session("/patients/{id}/programs/{programId}/{action}")
                    .pattern("action", "pause|resume|complete|cancel").roles(STAFF).tag(PATIENTS).id("transition")
                    .summary("Pause, resume, complete or cancel a program (409 when the transition makes no sense)")
                    .build(),
            // a program's id only: GET .../programs/current is the composed view of the current program (ProgramViews)
            get("/api/v1/patients/{id}/programs/{programId}").session("/patients/{id}/programs/{programId}")
                    .pattern("programId", UUID).roles(CARE).tag(PATIENTS).id("program")
                    .summary("Read one of a patient's programs (its ETag is the program's version)").build(),
            patch("/api/v1/patients/{id}/programs/{programId}").session("/patients/{id}/programs/{programId}")
                    .roles(STAFF).tag(PATIENTS).id("adjustProgram")
                    .summary("Adjust an open program: doses, items, sessions per week, end date, notes (If-Match "
                            + "required)")
                    .description(ADJUST).body("a dose and a frequency", Examples.ADJUST_PROGRAM).ifMatch().build(),
            get("/api/v1/patients/{id}/programs/{programId}/history")
                    .session("/patients/{id}/programs/{programId}/history").roles(STAFF).tag(PATIENTS)
                    .id("programHistory")
                    .summary("A program's history: its assignment, then every adjustment and re-pin (who, when, "
                            + "what changed)").build(),
            post("/api/v1/patients/{id}/programs/{programId}/repin/preview")
                    .session("/patients/{id}/programs/{programId}/repin/preview").roles(STAFF).tag(PATIENTS)
                    .id("previewRepin")
                    .summary("What re-pinning chosen items (all by default) to the newest published versions would "
                            + "change, item by item; writes nothing")
                    .optionalBody("all items", "{}").build(),
            post("/api/v1/patients/{id}/programs/{programId}/repin")
                    .session("/patients/{id}/programs/{programId}/repin").roles(STAFF).tag(PATIENTS)
                    .id("repinProgram")
                    .summary("Move chosen items (all by default) to the newest published versions of their exercises "
                            + "(If-Match required); retired exercises stay as they are")
                    .optionalBody("all items", "{}").ifMatch().build(),
            post("/api/v1/patients/{id}/programs/{programId}/safety-confirmation")
                    .session("/patients/{id}/programs/{programId}/safety-confirmation").roles(CARE).tag(PATIENTS)
                    .id("confirmSafety")
                    .summary("Record the pre-start safety check (\"I have checked with my doctor\")").build(),
            post("/api/v1/patients/{id}/sessions").session("/patients/{id}/sessions").roles(CARE).tag(PATIENTS)
                    .id("logSession").summary("Log a session exactly once (Idempotency-Key required)")
                    .body("a session", Examples.SESSION).idempotencyKey().created().build(),
            get("/api/v1/patients/{id}/sessions").session("/patients/{id}/sessions").roles(CARE).tag(PATIENTS)
                    .id("sessions").summary("List a patient's sessions between two local dates, newest first")
                    .query(QueryParam.date("from", "First local day, e.g. 2026-11-01"),
                            QueryParam.date("to", "Last local day, e.g. 2026-11-30"), PAGE, size(200, 50))
                    .build(),
            get("/api/v1/patients/{id}/progress").session("/patients/{id}/progress").roles(CARE).tag(PATIENTS)
                    .id("progress")
                    .summary("Adherence, dose completion, pain trend, streak and per-exercise results (formulas in "
                            + "the description)")
                    .description(PROGRESS)
                    .query(QueryParam.integer("weeks", 1, 52, "Weeks back from now (default 12)")).build(),
            put("/api/v1/patients/{id}/energy-profile").session("/patients/{id}/energy-profile").roles(CARE)
                    .tag(PATIENTS).id("putEnergyProfile")
                    .summary("Set a patient's energy profile (sex, age, height, weight, activity, goal)")
                    .body("imperial units", Examples.ENERGY_PROFILE).build(),
            get("/api/v1/patients/{id}/energy-profile").session("/patients/{id}/energy-profile").roles(CARE)
                    .tag(PATIENTS).id("energyProfile")
                    .summary("Read a patient's energy profile, in the units it was entered in").build(),
            get("/api/v1/patients/{id}/energy-target").session("/patients/{id}/energy-target").roles(CARE)
                    .tag(PATIENTS).id("energyTarget")
                    .summary("The daily calorie target (Mifflin-St Jeor x activity +/- goal, with the floor flagged)")
                    .build(),
            post("/api/v1/patients/{id}/weights").session("/patients/{id}/weights").roles(CARE).tag(PATIENTS)
                    .id("recordWeight").summary("Record a weight (kg or lb), one per day")
                    .body("in pounds", Examples.WEIGHT).idempotencyKey().created().build(),
            get("/api/v1/patients/{id}/weights").session("/patients/{id}/weights").roles(CARE).tag(PATIENTS)
                    .id("weights").summary("Weight entries and their trend toward the goal")
                    .query(QueryParam.date("from", "First day, e.g. 2026-11-01"),
                            QueryParam.date("to", "Last day, e.g. 2026-11-30")).build(),
            // patient lifecycle (session-service): void a session, discharge, reactivation, export, erasure
            post("/api/v1/patients/{id}/sessions/{sessionId}/void")
                    .session("/patients/{id}/sessions/{sessionId}/void").pattern("sessionId", UUID).roles(CARE)
                    .tag(PATIENTS).id("voidSession").summary("Void a session logged in error")
                    .description("The session stays listed, marked voided (who, when, reason), and counts in no "
                            + "figure from then on, as if it had never been logged. Staff void any session of the "
                            + "patient; a patient voids a session they logged themselves within 24 hours of "
                            + "logging it (403 after). 409 when voided already or superseded by its correction "
                            + "(void the correction).")
                    .body("a reason", Examples.VOID_SESSION).build(),
            post("/api/v1/patients/{id}/discharge").session("/patients/{id}/discharge").roles(STAFF).tag(PATIENTS)
                    .id("dischargePatient").summary("Discharge a patient (If-Match required)")
                    .description("Completes the open program, records the day, who and why, and ends the "
                            + "patient's own access after accessEndsOn (default 30 days after the discharge day): "
                            + "from the next day their token is refused with 403. Staff keep the record; the "
                            + "patient leaves the dashboard. 409 when discharged already.")
                    .body("goals met", Examples.DISCHARGE).ifMatch().build(),
            post("/api/v1/patients/{id}/reactivation").session("/patients/{id}/reactivation").roles(STAFF)
                    .tag(PATIENTS).id("reactivatePatient")
                    .summary("Reactivate a discharged patient: access and the dashboard row back (If-Match required)")
                    .ifMatch().build(),
            get("/api/v1/patients/{id}/export").session("/patients/{id}/export").roles(CARE).tag(PATIENTS)
                    .id("exportPatient")
                    .summary("Export a patient's whole record (staff of the clinic; a patient their own)")
                    .description("JSON by default; format=html answers a printable HTML page of the same (every "
                            + "value escaped, no scripts).")
                    .query(QueryParam.oneOf("format", "json (default) or html", "json", "html")).build(),
            post("/api/v1/patients/{id}/erasure").session("/patients/{id}/erasure").roles(ADMIN).tag(PATIENTS)
                    .id("erasePatient")
                    .summary("Erase a patient's data on request (clinic-admin; confirmPatientId repeats the id)")
                    .description("Deletes every row about the patient in the session database, the audit rows "
                            + "about them included; the audit trail keeps one row (the erasure, by whom, when, "
                            + "without the patient's id). Afterwards every request about the patient answers 404. "
                            + "Cannot be undone.")
                    .body("the id repeated", Examples.ERASURE).build(),

            // a patient's outcome measures (#17): instruments pinned from the catalog, answered, scored, trended
            post("/api/v1/patients/{id}/outcome-measures").session("/patients/{id}/outcome-measures").roles(STAFF)
                    .tag(PATIENTS).id("assignOutcomeMeasure")
                    .summary("Assign an instrument on a schedule (intake, every N weeks, discharge), pinning its "
                            + "version")
                    .description("The version named, or the newest published, is read from the catalog and pinned: "
                            + "its items, scoring rule and MCID score every response. An unknown instrument or "
                            + "version is 400; when the catalog cannot be reached nothing is written (503).")
                    .body("NDI at intake", Examples.ASSIGN_OUTCOME_MEASURE).idempotencyKey().created().build(),
            get("/api/v1/patients/{id}/outcome-measures").session("/patients/{id}/outcome-measures").roles(CARE)
                    .tag(PATIENTS).id("outcomeMeasures")
                    .summary("List a patient's outcome measures, oldest first, with what is due and when").build(),
            post("/api/v1/patients/{id}/outcome-measures/{assignmentId}/cancel")
                    .session("/patients/{id}/outcome-measures/{assignmentId}/cancel").roles(STAFF).tag(PATIENTS)
                    .id("cancelOutcomeMeasure")
                    .summary("Cancel an outcome measure (409 when cancelled already); its responses stay").build(),
            post("/api/v1/patients/{id}/outcome-measures/{assignmentId}/responses")
                    .session("/patients/{id}/outcome-measures/{assignmentId}/responses").roles(CARE).tag(PATIENTS)
                    .id("answerOutcomeMeasure").summary("Answer an outcome measure (patients: only their own); "
                            + "scored by its pinned rule")
                    .description("Each answer must be an item of the pinned version within its range (400 naming "
                            + "answers.<id>, nothing stored). With more items missing than the rule allows the "
                            + "response is stored with no score and the reason. A score worse than the baseline (the "
                            + "first score) by at least the MCID raises an OUTCOME_WORSE alert.")
                    .body("an NDI with one section missing", Examples.ANSWER_OUTCOME_MEASURE).idempotencyKey()
                    .created().build(),
            get("/api/v1/patients/{id}/outcome-measures/{assignmentId}/scores")
                    .session("/patients/{id}/outcome-measures/{assignmentId}/scores").roles(CARE).tag(PATIENTS)
                    .id("outcomeScores")
                    .summary("An outcome measure's scores, oldest first, with the change from the baseline and the "
                            + "previous score and whether each is clinically important (by the MCID)").build(),

            // the clinic (session-service)
            get("/api/v1/clinics/{clinicId}/alerts").session("/clinics/{clinicId}/alerts").roles(STAFF).tag(CLINIC)
                    .id("alerts").summary("List the clinic's alerts by status (OPEN, ACKNOWLEDGED) and patient")
                    .query(QueryParam.oneOf("status", "Only alerts in this status", "OPEN", "ACKNOWLEDGED"),
                            QueryParam.text("patientId", 36, "Only this patient's alerts"), PAGE,
                            size(200, 50)).build(),
            post("/api/v1/alerts/{id}/acknowledge").session("/alerts/{id}/acknowledge").roles(STAFF).tag(CLINIC)
                    .id("acknowledge").summary("Acknowledge an alert, closing its group of occurrences")
                    .description("The body is optional: {\"note\": \"...\"} (up to 500 characters) is stored and "
                            + "shown with the alert.")
                    .optionalBody("with a note", Examples.ACKNOWLEDGE).idempotencyKey().build(),
            get("/api/v1/clinics/{clinicId}/staff").session("/clinics/{clinicId}/staff").roles(STAFF).tag(CLINIC)
                    .id("staff").summary("The clinic's physios and clinic-admins, by name")
                    .description("Everyone of the clinic whose token the session-service has seen (recorded on "
                            + "their first request; name and role follow later tokens): whom a patient can be "
                            + "assigned to.").build(),
            get("/api/v1/clinics/{clinicId}/alert-settings").session("/clinics/{clinicId}/alert-settings").roles(STAFF)
                    .tag(CLINIC).id("alertSettings").summary("Read the clinic's alert thresholds").build(),
            put("/api/v1/clinics/{clinicId}/alert-settings").session("/clinics/{clinicId}/alert-settings").roles(ADMIN)
                    .tag(CLINIC).id("putAlertSettings").summary("Set the clinic's alert thresholds (clinic-admin)")
                    .body("the defaults", Examples.ALERT_SETTINGS).build(),
            get("/api/v1/clinics/{clinicId}/audit").session("/clinics/{clinicId}/audit").roles(ADMIN).tag(CLINIC)
                    .id("audit").summary("The clinic's audit trail, newest first (clinic-admin)")
                    .description(AUDIT)
                    .query(QueryParam.text("patientId", 36, "Only this patient's rows"),
                            QueryParam.text("from", 40, "From this instant or day (inclusive)"),
                            QueryParam.text("to", 40, "To this instant or day (exclusive; a day is included)"),
                            QueryParam.oneOf("outcome", "Only rows with this outcome", "COMMITTED", "ROLLED_BACK",
                                    "OK", "UNAUTHENTICATED", "DENIED", "NOT_FOUND", "REFUSED", "FAILED"),
                            QueryParam.text("before", 100, "The next token of the previous (newer) page"),
                            size(200, 50)).build());

    private Routes() {
    }

    private static Builder get(String path) {
        return new Builder("GET", path, Kind.READ);
    }

    private static Builder post(String path) {
        return new Builder("POST", path, Kind.WRITE);
    }

    private static Builder put(String path) {
        return new Builder("PUT", path, Kind.WRITE);
    }

    private static Builder patch(String path) {
        return new Builder("PATCH", path, Kind.WRITE);
    }

    /** Reads a declaration in the table as a sentence. */
    private static final class Builder {

        private final String method;
        private final String path;
        private final Kind kind;
        private Service service;
        private String downstream;
        private Set<String> roles;
        private String operationId;
        private String summary;
        private String description;
        private String tag;
        private final Map<String, String> patterns = new LinkedHashMap<>();
        private final List<QueryParam> query = new ArrayList<>();
        private boolean idempotencyKey;
        private boolean ifMatch;
        private Body body;
        private int success = 200;

        private Builder(String method, String path, Kind kind) {
            this.method = method;
            this.path = path;
            this.kind = kind;
        }

        Builder catalog(String downstream) {
            this.service = Service.CATALOG;
            this.downstream = downstream;
            return this;
        }

        Builder session(String downstream) {
            this.service = Service.SESSION;
            this.downstream = downstream;
            return this;
        }

        Builder roles(Set<String> roles) {
            this.roles = roles;
            return this;
        }

        Builder id(String operationId) {
            this.operationId = operationId;
            return this;
        }

        Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        Builder description(String description) {
            this.description = description;
            return this;
        }

        Builder tag(String tag) {
            this.tag = tag;
            return this;
        }

        Builder pattern(String parameter, String regex) {
            patterns.put(parameter, regex);
            return this;
        }

        Builder query(QueryParam... parameters) {
            query.addAll(List.of(parameters));
            return this;
        }

        Builder idempotencyKey() {
            this.idempotencyKey = true;
            return this;
        }

        Builder ifMatch() {
            this.ifMatch = true;
            return this;
        }

        Builder body(String exampleName, String example) {
            this.body = new Body(true, exampleName, example);
            return this;
        }

        Builder optionalBody(String exampleName, String example) {
            this.body = new Body(false, exampleName, example);
            return this;
        }

        Builder created() {
            this.success = 201;
            return this;
        }

        Route build() {
            if (service == null || roles == null || operationId == null || summary == null || tag == null) {
                throw new IllegalStateException("Route " + method + " " + path + " is not fully declared");
            }
            return new Route(method, path, service, downstream, roles, kind, operationId, summary, description, tag,
                    Map.copyOf(patterns), List.copyOf(query), idempotencyKey, ifMatch, body, success);
        }
    }
}

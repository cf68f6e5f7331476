package org.rehabit.catalog.exercise;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.rehabit.support.Conflict;
import org.rehabit.support.InvalidInput;
import org.rehabit.support.NotFound;
import org.rehabit.catalog.common.PageView;
import org.rehabit.support.Problem;
import org.rehabit.catalog.condition.ConditionRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of the exercise library: versioning (an edit of a published exercise starts a new draft;
 * publishing makes the draft current; published versions never change), retirement, optimistic
 * concurrency, search and batch resolution.
 */
@ApplicationScoped
public class ExerciseService {

    private final ExerciseRepository exercises;
    private final ExerciseVersionRepository versions;
    private final ConditionRepository conditions;
    private final ExerciseSearch search;
    private final Clock clock;

    public ExerciseService(ExerciseRepository exercises, ExerciseVersionRepository versions,
                           ConditionRepository conditions, ExerciseSearch search) {
        this.exercises = exercises;
        this.versions = versions;
        this.conditions = conditions;
        this.search = search;
        this.clock = Clock.systemUTC();
    }

    /** A written exercise version and the exercise's ETag after the write. */
    public record Written(ExerciseView exercise, String etag) {
    }

    @Transactional
    public Written create(ExerciseInput input) {
        if (input.slug() == null) {
            throw InvalidInput.of("slug", "is required");
        }
        checkConditions(input);
        if (exercises.findBySlug(input.slug()).isPresent()) {
            throw new Conflict("An exercise with slug '" + input.slug() + "' exists already; edit it with PUT.");
        }
        Instant now = now();
        Exercise exercise = new Exercise(input.slug(), now);
        exercises.persist(exercise);
        ExerciseVersion draft = ExerciseVersion.draft(exercise, 1, input, now);
        versions.persist(draft);
        return written(draft);
    }

    /** Writes the draft: edits the open draft in place, or starts a new one after the published version. */
    @Transactional
    public Written update(String slug, String ifMatch, ExerciseInput input) {
        if (input.slug() != null && !input.slug().equals(slug)) {
            throw InvalidInput.of("slug", "cannot be changed (it is '" + slug + "')");
        }
        Exercise exercise = require(slug);
        Revisions.check(exercise, ifMatch, true);
        checkConditions(input);
        Instant now = now();
        ExerciseVersion latest = latest(exercise);
        if (latest.isDraft()) {
            latest.write(input, now);
        } else {
            exercise.latestVersion = latest.version + 1;
            latest = ExerciseVersion.draft(exercise, exercise.latestVersion, input, now);
            versions.persist(latest);
        }
        exercise.touch(now);
        return written(latest);
    }

    @Transactional
    public Written publish(String slug, String ifMatch) {
        Exercise exercise = require(slug);
        Revisions.check(exercise, ifMatch, false);
        ExerciseVersion draft = latest(exercise);
        if (!draft.isDraft()) {
            throw new Conflict("Exercise '" + slug + "' has no draft to publish; version " + draft.version
                    + " is already published.");
        }
        Instant now = now();
        if (exercise.currentVersion != null) {
            versions.find(exercise, exercise.currentVersion).ifPresent(previous -> previous.searchable = false);
        }
        draft.publish(now);
        draft.searchable = true;
        exercise.currentVersion = draft.version;
        exercise.retiredAt = null;
        exercise.replacedBy = null;
        exercise.touch(now);
        return written(draft);
    }

    @Transactional
    public Written retire(String slug, String ifMatch, String replacedBy) {
        Exercise exercise = require(slug);
        Revisions.check(exercise, ifMatch, false);
        // nothing to retire answers 409 whatever replacedBy says
        if (exercise.isRetired()) {
            throw new Conflict("Exercise '" + slug + "' is already retired.");
        }
        if (exercise.currentVersion == null) {
            throw new Conflict("Exercise '" + slug + "' was never published; there is nothing to retire.");
        }
        if (replacedBy != null) {
            if (replacedBy.equals(slug)) {
                throw InvalidInput.of("replacedBy", "must name another exercise");
            }
            Exercise replacement = exercises.findBySlug(replacedBy).orElse(null);
            if (replacement == null || replacement.currentVersion == null || replacement.isRetired()) {
                throw InvalidInput.of("replacedBy", "must name a published exercise that is not retired");
            }
        }
        ExerciseVersion current = versions.find(exercise, exercise.currentVersion).orElseThrow();
        Instant now = now();
        exercise.retiredAt = now;
        exercise.replacedBy = replacedBy;
        current.searchable = false;
        exercise.touch(now);
        return written(current);
    }

    /**
     * The version clients get for the bare slug: the current published one (retired ones included). Reads run
     * without a transaction of their own: one read-only statement (exercise and version together), no flush and
     * no commit round trip; the not-found cases are told apart only when that statement finds nothing.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Written current(String slug) {
        Optional<ExerciseVersion> found = versions.findForReading(slug, null);
        if (found.isEmpty()) {
            require(slug);
            throw new NotFound("Exercise '" + slug + "' has no published version yet.");
        }
        return read(found.get());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Written version(String slug, int version) {
        Optional<ExerciseVersion> found = versions.findForReading(slug, version);
        if (found.isEmpty()) {
            require(slug);
            throw new NotFound("Exercise '" + slug + "' has no version " + version + ".");
        }
        return read(found.get());
    }

    /** The open draft, which editors work on; read like {@link #current}: one read-only statement. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Written draft(String slug) {
        Optional<ExerciseVersion> latest = versions.latestForReading(slug);
        if (latest.isEmpty()) {
            require(slug);
        }
        if (latest.isEmpty() || !latest.get().isDraft()) {
            throw new NotFound("Exercise '" + slug + "' has no open draft; PUT the exercise to start one.");
        }
        return read(latest.get());
    }

    /** Every version, newest first: one read-only statement (an exercise always has a version, so none = no exercise). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<VersionSummary> history(String slug) {
        List<ExerciseVersion> found = versions.historyForReading(slug);
        if (found.isEmpty()) {
            require(slug);
        }
        return found.stream().map(VersionSummary::of).toList();
    }

    /** A page of search results ({@link ExerciseSearch}: cached per library generation). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PageView<ExerciseSummary> search(SearchCriteria criteria, int page, String after, int size) {
        return search.search(criteria, page, after, size);
    }

    /**
     * Resolves many references in one query. A bare slug resolves to the current published version and is
     * refused for retired exercises (they may not be newly assigned); {@code slug@version} resolves to
     * that published version even when the exercise is retired, so pinned programs keep working. Read-only, without
     * a transaction of its own (no flush, no commit round trip, no snapshot of the JSON columns).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ResolveResult resolve(List<String> refs) {
        List<Slugs.Ref> parsed = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            int index = i;
            Slugs.parseRef(refs.get(i)).ifPresentOrElse(parsed::add, () -> errors.add(new Problem.FieldError(
                    "refs[" + index + "]", "must be slug or slug@version")));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Set<String> slugs = new LinkedHashSet<>();
        parsed.forEach(r -> slugs.add(r.slug()));
        Map<String, Map<Integer, ExerciseVersion>> bySlug = new HashMap<>();
        for (ExerciseVersion v : versions.findForRefs(slugs)) {
            bySlug.computeIfAbsent(v.exercise.slug, s -> new HashMap<>()).put(v.version, v);
        }
        List<ResolveResult.Resolved> resolved = new ArrayList<>();
        List<ResolveResult.Unresolved> unresolved = new ArrayList<>();
        for (Slugs.Ref ref : parsed) {
            Map<Integer, ExerciseVersion> known = bySlug.get(ref.slug());
            if (known == null) {
                unresolved.add(new ResolveResult.Unresolved(ref.text(), ResolveResult.Reason.NOT_FOUND,
                        "No exercise '" + ref.slug() + "'."));
                continue;
            }
            Exercise exercise = known.values().iterator().next().exercise;
            if (ref.version() == null) {
                if (exercise.currentVersion == null) {
                    unresolved.add(new ResolveResult.Unresolved(ref.text(), ResolveResult.Reason.NOT_PUBLISHED,
                            "Exercise '" + ref.slug() + "' has no published version."));
                } else if (exercise.isRetired()) {
                    unresolved.add(new ResolveResult.Unresolved(ref.text(), ResolveResult.Reason.RETIRED,
                            "Exercise '" + ref.slug() + "' is retired" + (exercise.replacedBy == null ? "."
                                    : "; it is replaced by '" + exercise.replacedBy + "'."), exercise.replacedBy));
                } else {
                    resolved.add(new ResolveResult.Resolved(ref.text(),
                            ExerciseView.of(known.get(exercise.currentVersion))));
                }
                continue;
            }
            ExerciseVersion version = known.get(ref.version());
            if (version == null) {
                unresolved.add(new ResolveResult.Unresolved(ref.text(), ResolveResult.Reason.VERSION_NOT_FOUND,
                        "Exercise '" + ref.slug() + "' has no version " + ref.version() + "."));
            } else if (version.isDraft()) {
                unresolved.add(new ResolveResult.Unresolved(ref.text(), ResolveResult.Reason.NOT_PUBLISHED,
                        "Version " + ref.version() + " of '" + ref.slug() + "' is a draft."));
            } else {
                resolved.add(new ResolveResult.Resolved(ref.text(), ExerciseView.of(version)));
            }
        }
        return new ResolveResult(resolved, unresolved);
    }

    /** A version read without changing anything: nothing to flush, the revision is the one read. */
    private static Written read(ExerciseVersion version) {
        return new Written(ExerciseView.of(version), Revisions.etag(version.exercise.revision));
    }

    private Written written(ExerciseVersion version) {
        exercises.flush();
        return new Written(ExerciseView.of(version), Revisions.etag(version.exercise.revision));
    }

    private Exercise require(String slug) {
        return exercises.findBySlug(slug).orElseThrow(() -> new NotFound("No exercise '" + slug + "'."));
    }

    private ExerciseVersion latest(Exercise exercise) {
        return versions.find(exercise, exercise.latestVersion).orElseThrow();
    }

    private void checkConditions(ExerciseInput input) {
        Set<String> known = conditions.existing(input.conditions());
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < input.conditions().size(); i++) {
            if (!known.contains(input.conditions().get(i))) {
                errors.add(new Problem.FieldError("conditions[" + i + "]",
                        "'" + input.conditions().get(i) + "' is not a known condition"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    private Instant now() {
        // PostgreSQL keeps microseconds; truncating here makes what we return equal what we read back later
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

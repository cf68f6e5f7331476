package org.rehabit.catalog.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;
import org.rehabit.catalog.condition.Condition;
import org.rehabit.catalog.condition.ConditionInput;
import org.rehabit.catalog.condition.ConditionRepository;
import org.rehabit.catalog.exercise.ExerciseInput;
import org.rehabit.catalog.exercise.ExerciseRepository;
import org.rehabit.catalog.exercise.ExerciseService;
import org.rehabit.catalog.template.RoutineTemplate;
import org.rehabit.catalog.template.RoutineTemplateInput;
import org.rehabit.catalog.template.RoutineTemplateRepository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adds the seed library's content that the database lacks, once, at start. It only ever adds: content
 * that exists (by slug) is left as editors made it, so restarts never duplicate or overwrite anything. The one
 * addition to existing content is a missing figure on a seeded version 1 that still has the seed's text
 * ({@link ExerciseService#addMissingSeedFigures}).
 * A PostgreSQL advisory lock keeps replicas starting together from racing.
 */
@ApplicationScoped
public class SeedLoader {

    private static final Logger LOG = Logger.getLogger(SeedLoader.class);
    private static final long SEED_LOCK = 0x5265_6861_6269_7401L;

    private final SeedConfig config;
    private final ObjectMapper json;
    private final Validator validator;
    private final ExerciseService exerciseService;
    private final ExerciseRepository exercises;
    private final ConditionRepository conditions;
    private final RoutineTemplateRepository templates;

    public SeedLoader(SeedConfig config, ObjectMapper json, Validator validator, ExerciseService exerciseService,
                      ExerciseRepository exercises, ConditionRepository conditions,
                      RoutineTemplateRepository templates) {
        this.config = config;
        this.json = json;
        this.validator = validator;
        this.exerciseService = exerciseService;
        this.exercises = exercises;
        this.conditions = conditions;
        this.templates = templates;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            long start = System.nanoTime();
            SeedLibrary library = read();
            int added = QuarkusTransaction.requiringNew().call(() -> load(library));
            LOG.infof("Seed library: %d items added (%d in the library) in %d ms", added, library.exercises().size()
                    + library.conditions().size() + library.routineTemplates().size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    SeedLibrary read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(config.resource())) {
            if (in == null) {
                throw new IllegalStateException("Seed library " + config.resource() + " is not on the class path");
            }
            SeedLibrary library = json.readValue(in, SeedLibrary.class);
            Set<ConstraintViolation<SeedLibrary>> violations = validator.validate(library);
            if (!violations.isEmpty()) {
                throw new IllegalStateException("Seed library is invalid: " + violations.stream()
                        .map(v -> v.getPropertyPath() + " " + v.getMessage()).collect(Collectors.joining("; ")));
            }
            return library;
        } catch (IOException e) {
            throw new UncheckedIOException("Seed library " + config.resource() + " is unreadable", e);
        }
    }

    /** Adds what the database lacks; returns how many items it added. */
    private int load(SeedLibrary library) {
        conditions.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(:key)")
                .setParameter("key", SEED_LOCK).getSingleResult();
        Instant now = Instant.now();
        Set<String> knownConditions = conditions.existing(
                library.conditions().stream().map(ConditionInput::slug).toList());
        int added = 0;
        for (ConditionInput condition : library.conditions()) {
            if (!knownConditions.contains(condition.slug())) {
                conditions.persist(new Condition(condition, now));
                added++;
            }
        }
        Set<String> newExercises = exercises.unknownSlugs(
                library.exercises().stream().map(ExerciseInput::slug).toList());
        for (ExerciseInput exercise : library.exercises()) {
            if (newExercises.contains(exercise.slug())) {
                exerciseService.create(exercise);
                exerciseService.publish(exercise.slug(), null);
                added++;
                // written: let go of it, or every later query's automatic flush would check it for changes again
                // (all in one transaction, that is quadratic in the library's size)
                exercises.flush();
                exercises.getEntityManager().clear();
            }
        }
        int figures = exerciseService.addMissingSeedFigures(library.exercises().stream()
                .filter(exercise -> !newExercises.contains(exercise.slug())).toList());
        if (figures > 0) {
            LOG.infof("Seed library: figures added to %d seeded exercises that had none", figures);
        }
        for (RoutineTemplateInput template : library.routineTemplates()) {
            if (templates.findBySlug(template.slug()).isEmpty()) {
                templates.persist(new RoutineTemplate(template, now));
                added++;
            }
        }
        return added;
    }
}

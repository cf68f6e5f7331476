package org.rehabit.catalog.condition;

import jakarta.enterprise.context.ApplicationScoped;
import org.rehabit.support.NotFound;
import org.rehabit.catalog.exercise.ExerciseSummary;
import org.rehabit.catalog.exercise.ExerciseVersionRepository;
import org.rehabit.catalog.template.RoutineTemplateRepository;
import org.rehabit.catalog.template.RoutineTemplateSummary;

import java.util.List;

/** Reads conditions together with the exercises and routines that serve them. */
@ApplicationScoped
public class ConditionService {

    private final ConditionRepository conditions;
    private final ExerciseVersionRepository exercises;
    private final RoutineTemplateRepository templates;

    public ConditionService(ConditionRepository conditions, ExerciseVersionRepository exercises,
                            RoutineTemplateRepository templates) {
        this.conditions = conditions;
        this.exercises = exercises;
        this.templates = templates;
    }

    public List<ConditionSummary> list() {
        return conditions.listByName().stream().map(ConditionSummary::of).toList();
    }

    public ConditionView get(String slug) {
        Condition c = conditions.findBySlug(slug)
                .orElseThrow(() -> new NotFound("No condition '" + slug + "'."));
        return new ConditionView(c.slug, c.name, c.description, ConditionSummary.regions(c), c.guidance,
                c.seeDoctorFirst, c.redFlags,
                exercises.searchableForCondition(c.slug).stream().map(ExerciseSummary::of).toList(),
                templates.forCondition(c.slug).stream().map(RoutineTemplateSummary::of).toList());
    }
}

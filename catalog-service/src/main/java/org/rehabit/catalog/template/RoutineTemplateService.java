package org.rehabit.catalog.template;

import jakarta.enterprise.context.ApplicationScoped;
import org.rehabit.support.NotFound;
import org.rehabit.catalog.exercise.ExerciseSummary;
import org.rehabit.catalog.exercise.ExerciseVersion;
import org.rehabit.catalog.exercise.ExerciseVersionRepository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads routine templates, resolving their exercises in one query. */
@ApplicationScoped
public class RoutineTemplateService {

    private final RoutineTemplateRepository templates;
    private final ExerciseVersionRepository exercises;

    public RoutineTemplateService(RoutineTemplateRepository templates, ExerciseVersionRepository exercises) {
        this.templates = templates;
        this.exercises = exercises;
    }

    public List<RoutineTemplateSummary> list(String condition) {
        List<RoutineTemplate> found = condition == null ? templates.listByName() : templates.forCondition(condition);
        return found.stream().map(RoutineTemplateSummary::of).toList();
    }

    public RoutineTemplateView get(String slug) {
        RoutineTemplate t = templates.findBySlug(slug)
                .orElseThrow(() -> new NotFound("No routine template '" + slug + "'."));
        Map<String, ExerciseVersion> current = exercises.currentBySlug(
                t.items.stream().map(TemplateItem::exercise).distinct().toList());
        List<RoutineTemplateView.Item> items = new ArrayList<>();
        for (int i = 0; i < t.items.size(); i++) {
            TemplateItem item = t.items.get(i);
            ExerciseVersion version = current.get(item.exercise());
            boolean available = version != null && version.isOffered();
            items.add(new RoutineTemplateView.Item(i + 1, item.exercise(),
                    available ? ExerciseSummary.of(version) : null, available, item.dose(), item.notes()));
        }
        return new RoutineTemplateView(t.slug, t.name, t.summary, t.condition, items);
    }
}

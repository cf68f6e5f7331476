package org.rehabit.catalog.instrument;

import org.rehabit.catalog.exercise.Slugs;
import org.rehabit.support.Problem.FieldError;
import org.rehabit.support.outcome.Item;
import org.rehabit.support.outcome.Scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What makes an instrument version and an imported text sound beyond their fields' own limits (the API and the seed
 * migration apply the same rules): the scoring rule fits the items ({@link Scoring#check}); text on every item or
 * none; answer labels within their item's range, once each; an import covering every item exactly once.
 */
public final class InstrumentRules {

    private InstrumentRules() {
    }

    public static List<Item> scoringItems(List<InstrumentItem> items) {
        return items.stream().map(i -> new Item(i.id(), i.min(), i.max())).toList();
    }

    public static List<FieldError> check(String slug, InstrumentInput input) {
        List<FieldError> errors = new ArrayList<>();
        if (slug == null || !slug.matches(Slugs.PATTERN)) {
            errors.add(new FieldError("slug", Slugs.MESSAGE));
        }
        errors.addAll(Scoring.check(scoringItems(input.items()), input.scoring(), input.mcid().value(), "items",
                "scoring"));
        long withText = input.items().stream().filter(i -> i.text() != null && !i.text().isBlank()).count();
        if (withText != 0 && withText != input.items().size()) {
            errors.add(new FieldError("items", "give every item its text, or none (the text is then imported)"));
        }
        if (withText == 0 && input.instructions() != null) {
            errors.add(new FieldError("instructions", "belongs to the text: leave it out when the items have none"));
        }
        for (int i = 0; i < input.items().size(); i++) {
            InstrumentItem item = input.items().get(i);
            if (withText == 0 && item.labels() != null && !item.labels().isEmpty()) {
                errors.add(new FieldError("items[" + i + "].labels", "belong to the text: leave them out when the"
                        + " items have none"));
            }
            checkLabels(item.labels(), item.min(), item.max(), "items[" + i + "].labels", errors);
        }
        return errors;
    }

    /** An import for a version with these items: each item once, no other, labels in range. */
    public static List<FieldError> check(TextImport text, List<InstrumentItem> items) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, InstrumentItem> byId = new HashMap<>();
        items.forEach(i -> byId.put(i.id(), i));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < text.items().size(); i++) {
            ItemText given = text.items().get(i);
            String field = "items[" + i + "]";
            InstrumentItem item = byId.get(given.id());
            if (item == null) {
                errors.add(new FieldError(field + ".id", "is not an item of this version"));
                continue;
            }
            if (!seen.add(given.id())) {
                errors.add(new FieldError(field + ".id", "repeats item " + given.id()));
                continue;
            }
            checkLabels(given.labels(), item.min(), item.max(), field + ".labels", errors);
        }
        Set<String> missing = new LinkedHashSet<>();
        items.stream().map(InstrumentItem::id).filter(id -> !seen.contains(id)).forEach(missing::add);
        if (!missing.isEmpty()) {
            errors.add(new FieldError("items", "lacks the text of item(s) " + String.join(", ", missing)));
        }
        return errors;
    }

    private static void checkLabels(List<AnswerLabel> labels, int min, int max, String field,
                                    List<FieldError> errors) {
        if (labels == null) {
            return;
        }
        Set<Integer> values = new HashSet<>();
        for (int j = 0; j < labels.size(); j++) {
            int value = labels.get(j).value();
            if (value < min || value > max) {
                errors.add(new FieldError(field + "[" + j + "].value", "must be an answer of the item, " + min
                        + " to " + max));
            } else if (!values.add(value)) {
                errors.add(new FieldError(field + "[" + j + "].value", "labels answer " + value + " twice"));
            }
        }
    }
}

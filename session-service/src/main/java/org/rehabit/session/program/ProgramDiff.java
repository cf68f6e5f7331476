package org.rehabit.session.program;

import org.rehabit.session.catalog.CatalogExercises;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Readable differences, one line each: doses, and two versions of an exercise (name, steps, cautions, dose). */
final class ProgramDiff {

    private ProgramDiff() {
    }

    /** "reps 10 → 12, holdSeconds none → 5", or empty when the doses are the same. */
    static String dose(Dose before, Dose after) {
        Map<String, Object> a = fields(before);
        Map<String, Object> b = fields(after);
        List<String> parts = new ArrayList<>();
        for (String field : a.keySet()) {
            if (!Objects.equals(a.get(field), b.get(field))) {
                parts.add(field + " " + text(a.get(field)) + " → " + text(b.get(field)));
            }
        }
        return String.join(", ", parts);
    }

    /** What changed from the pinned version of an exercise to the newest one. */
    static List<String> versions(CatalogExercises.Exercise pinned, CatalogExercises.Exercise newest) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(pinned.name(), newest.name())) {
            changes.add("Name: " + pinned.name() + " → " + newest.name());
        }
        List<CatalogExercises.Step> was = pinned.stepsOrEmpty();
        List<CatalogExercises.Step> now = newest.stepsOrEmpty();
        for (int i = 0; i < Math.max(was.size(), now.size()); i++) {
            String before = i < was.size() ? was.get(i).instruction() : null;
            String after = i < now.size() ? now.get(i).instruction() : null;
            if (before == null) {
                changes.add("Step " + (i + 1) + " added: \"" + after + "\"");
            } else if (after == null) {
                changes.add("Step " + (i + 1) + " removed: \"" + before + "\"");
            } else if (!before.equals(after)) {
                changes.add("Step " + (i + 1) + ": \"" + before + "\" → \"" + after + "\"");
            }
        }
        cautionsAdded(pinned, newest).forEach(c -> changes.add("Caution added: \"" + c + "\""));
        pinned.cautionsOrEmpty().stream().filter(c -> !newest.cautionsOrEmpty().contains(c))
                .forEach(c -> changes.add("Caution removed: \"" + c + "\""));
        String dose = dose(pinned.defaultDose(), newest.defaultDose());
        if (!dose.isEmpty()) {
            changes.add("Catalog's default dose: " + dose + " (the program keeps its own dose)");
        }
        return changes;
    }

    /** Whether the newest version's cautions differ from the pinned one's (added or removed). */
    static boolean cautionsChanged(CatalogExercises.Exercise pinned, CatalogExercises.Exercise newest) {
        return !new java.util.HashSet<>(pinned.cautionsOrEmpty()).equals(new java.util.HashSet<>(
                newest.cautionsOrEmpty()));
    }

    private static List<String> cautionsAdded(CatalogExercises.Exercise pinned, CatalogExercises.Exercise newest) {
        return newest.cautionsOrEmpty().stream().filter(c -> !pinned.cautionsOrEmpty().contains(c)).toList();
    }

    private static Map<String, Object> fields(Dose d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sets", d == null ? null : d.sets());
        m.put("reps", d == null ? null : d.reps());
        m.put("holdSeconds", d == null ? null : d.holdSeconds());
        m.put("durationSeconds", d == null ? null : d.durationSeconds());
        m.put("restSeconds", d == null ? null : d.restSeconds());
        m.put("side", d == null ? null : d.side());
        m.put("timesPerDay", d == null ? null : d.timesPerDay());
        m.put("daysPerWeek", d == null ? null : d.daysPerWeek());
        return m;
    }

    private static String text(Object value) {
        return value == null ? "none" : value.toString();
    }
}

package org.rehabit.support.outcome;

import org.rehabit.support.InvalidInput;
import org.rehabit.support.Problem.FieldError;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The interpreter of scoring rules: checks a rule against its items (the catalog, before it stores one) and scores a
 * set of answers by it (whoever collects answers). Pure Java, no state.
 */
public final class Scoring {

    /** Item ids are short and safe in a URL, a JSON key and a field path. */
    public static final Pattern ITEM_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    public static final int MAX_ITEMS = 100;
    /** Answers are small whole numbers (0-10, 1-5, ...); this bounds what a rule may declare. */
    public static final int MAX_ANSWER = 1000;

    private Scoring() {
    }

    /**
     * What is wrong with a rule for these items, field by field under {@code prefix} (empty when it is sound): ids,
     * ranges, a missing-item allowance below the item count, the declared score range equal to what the method gives,
     * a positive MCID no wider than that range.
     */
    public static List<FieldError> check(List<Item> items, ScoringRule rule, Double mcid, String itemsField,
                                         String ruleField) {
        List<FieldError> errors = new ArrayList<>();
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            errors.add(new FieldError(itemsField, "must hold 1 to " + MAX_ITEMS + " items"));
            return errors;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String field = itemsField + "[" + i + "]";
            if (item == null || item.id() == null || !ITEM_ID.matcher(item.id()).matches()) {
                errors.add(new FieldError(field + ".id", "must be 1 to 32 of a-z, 0-9, - and _, starting with a letter"
                        + " or digit"));
                continue;
            }
            if (!ids.add(item.id())) {
                errors.add(new FieldError(field + ".id", "repeats item " + item.id()));
            }
            if (item.min() < 0 || item.max() > MAX_ANSWER || item.min() >= item.max()) {
                errors.add(new FieldError(field + ".max", "answers must run from min to a larger max, within 0 to "
                        + MAX_ANSWER));
            }
        }
        if (rule == null) {
            errors.add(new FieldError(ruleField, "is required"));
            return errors;
        }
        if (rule.method() == null) {
            errors.add(new FieldError(ruleField + ".method", "must be SUM, MEAN or PERCENT"));
        }
        if (rule.direction() == null) {
            errors.add(new FieldError(ruleField + ".direction", "must be HIGHER_IS_WORSE or LOWER_IS_WORSE"));
        }
        if (rule.maxMissing() < 0 || rule.maxMissing() >= items.size()) {
            errors.add(new FieldError(ruleField + ".maxMissing", "must be 0 to " + (items.size() - 1)
                    + " (at least one item must be answered)"));
        }
        if (rule.decimals() < 0 || rule.decimals() > 2) {
            errors.add(new FieldError(ruleField + ".decimals", "must be 0, 1 or 2"));
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        double[] range = range(items, rule.method());
        if (range == null) {
            errors.add(new FieldError(ruleField + ".method", "MEAN needs every item to have the same answer range"));
            return errors;
        }
        if (rule.min() != range[0] || rule.max() != range[1]) {
            errors.add(new FieldError(ruleField + ".max", "the score runs from " + plain(range[0]) + " to "
                    + plain(range[1]) + " for these items and method, not " + plain(rule.min()) + " to "
                    + plain(rule.max())));
        }
        if (mcid != null && !(mcid > 0 && mcid <= range[1] - range[0])) {
            errors.add(new FieldError("mcid.value", "must be above 0 and at most the score's range ("
                    + plain(range[1] - range[0]) + ")"));
        }
        return errors;
    }

    /**
     * Scores answers (item id to answer; an absent or null answer is a missing item). Answers naming an item the
     * questionnaire lacks, or outside an item's range, are refused ({@link InvalidInput}, fields {@code answers.<id>}):
     * a score is never computed from answers the questionnaire could not have produced. The rule is taken as checked.
     */
    public static Score score(List<Item> items, ScoringRule rule, Map<String, Integer> answers) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Item item : items) {
            ids.add(item.id());
        }
        for (String id : answers.keySet()) {
            if (!ids.contains(id)) {
                errors.add(new FieldError("answers." + id, "is not an item of this questionnaire"));
            }
        }
        int answered = 0;
        double sum = 0;
        for (Item item : items) {
            Integer answer = answers.get(item.id());
            if (answer == null) {
                continue;
            }
            if (answer < item.min() || answer > item.max()) {
                errors.add(new FieldError("answers." + item.id(), "must be " + item.min() + " to " + item.max()));
                continue;
            }
            answered++;
            sum += answer;
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        int missing = items.size() - answered;
        if (missing > rule.maxMissing()) {
            return new Score(null, answered, missing, missing + " of " + items.size() + " items unanswered; at most "
                    + rule.maxMissing() + " may be missing for a score");
        }
        double value = switch (rule.method()) {
            case SUM -> sum * items.size() / answered;
            case MEAN -> sum / answered;
            case PERCENT -> {
                // every item's answer as a fraction of its own range, averaged: for equal ranges the published formula
                double fraction = 0;
                for (Item item : items) {
                    Integer answer = answers.get(item.id());
                    if (answer != null) {
                        fraction += (double) (answer - item.min()) / (item.max() - item.min());
                    }
                }
                yield fraction / answered * 100;
            }
        };
        return new Score(round(value, rule.decimals()), answered, missing, null);
    }

    /** The lowest and highest score a method gives for these items; null when MEAN meets unequal ranges. */
    static double[] range(List<Item> items, Method method) {
        return switch (method) {
            case SUM -> new double[] {items.stream().mapToInt(Item::min).sum(), items.stream().mapToInt(Item::max).sum()};
            case PERCENT -> new double[] {0, 100};
            case MEAN -> items.stream().allMatch(i -> i.min() == items.get(0).min() && i.max() == items.get(0).max())
                    ? new double[] {items.get(0).min(), items.get(0).max()} : null;
        };
    }

    private static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}

package org.rehabit.catalog.exercise;

import org.rehabit.support.InvalidInput;
import org.rehabit.support.Problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a client asked the exercise search for. Several values of one filter mean "any of them"; different
 * filters must all hold. {@code equipment=none} finds exercises that need no equipment.
 */
public record SearchCriteria(String text, List<BodyRegion> regions, List<String> conditions,
                             List<StartPosition> positions, List<String> equipment, List<Category> categories,
                             List<Integer> difficulties) {

    public static final String NO_EQUIPMENT = "none";
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** The most values one filter takes (repeated or comma-separated, before duplicates are folded). */
    public static final int MAX_VALUES = 20;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern EQUIPMENT = Pattern.compile("[a-z][a-z0-9-]{1,39}");
    private static final Pattern AFTER_OR = Pattern.compile("(?:^|\\s)or\\s+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern LAST_WORD = Pattern.compile("(?:^|\\s)([\\p{L}\\p{N}]+)$");

    /** Parses raw query parameters; every bad value is reported with the parameter's name. */
    public static SearchCriteria parse(String q, List<String> region, List<String> condition, List<String> position,
                                       List<String> equipment, List<String> category, List<String> difficulty) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (q != null && q.length() > 200) {
            errors.add(new Problem.FieldError("q", "must be at most 200 characters"));
        }
        SearchCriteria criteria = new SearchCriteria(
                q == null || q.isBlank() ? null : q.strip(),
                enums("region", region, BodyRegion.class, errors),
                strings("condition", condition, Pattern.compile(Slugs.PATTERN), Slugs.MESSAGE, errors),
                enums("position", position, StartPosition.class, errors),
                strings("equipment", equipment, EQUIPMENT, "must be an equipment name or none", errors),
                enums("category", category, Category.class, errors),
                values("difficulty", difficulty, d -> switch (d) {
                    case "1" -> 1;
                    case "2" -> 2;
                    case "3" -> 3;
                    default -> null;
                }, "must be 1, 2 or 3", errors));
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return criteria;
    }

    /**
     * The same question written one way: spaces in the text collapsed, each filter's values in order, so that
     * {@code region=NECK,ARM} and {@code region=ARM&region=NECK} share a cache entry.
     */
    SearchCriteria normalized() {
        return new SearchCriteria(text == null ? null : SPACES.matcher(text).replaceAll(" "),
                regions.stream().sorted().toList(), conditions.stream().sorted().toList(),
                positions.stream().sorted().toList(), equipment.stream().sorted().toList(),
                categories.stream().sorted().toList(), difficulties.stream().sorted().toList());
    }

    /**
     * The text for {@code websearch_to_tsquery} ("quoted phrases", -exclusion, or): the words typed, without the last
     * one when that one is matched as a prefix ({@link #prefixWord()}); null without any word.
     */
    String websearchText() {
        if (!hasWords()) {
            return null;
        }
        String prefix = prefixWord();
        return prefix == null ? text : text.substring(0, text.length() - prefix.length());
    }

    /**
     * The last word, matched as a prefix (typing "shoul" finds shoulder) when it is a plain word being typed: not
     * inside a quoted phrase, not excluded, not "or" nor after one (an alternative stays a whole word). Null otherwise. Only letters and digits, so it is safe in a
     * tsquery.
     */
    String prefixWord() {
        if (text == null) {
            return null;
        }
        var last = LAST_WORD.matcher(text);
        if (!last.find()) {
            return null;
        }
        String word = last.group(1);
        long quotes = text.chars().filter(c -> c == '"').count();
        boolean afterOr = AFTER_OR.matcher(text.substring(0, last.start(1))).find();
        return quotes % 2 == 0 && !word.equalsIgnoreCase("or") && !afterOr ? word.toLowerCase(Locale.ROOT) : null;
    }

    /** The words alone, lower-cased and space-separated, for typo-tolerant matching; null without any word. */
    String fuzzyText() {
        if (text == null) {
            return null;
        }
        String words = WORD.matcher(text.toLowerCase(Locale.ROOT)).results().map(m -> m.group())
                .collect(Collectors.joining(" "));
        return words.isEmpty() ? null : words;
    }

    /** Whether there is any word to search for (without one, the query browses). */
    boolean hasWords() {
        return text != null && WORD.matcher(text).find();
    }

    List<String> regionNames() {
        return regions.stream().map(Enum::name).toList();
    }

    List<String> categoryNames() {
        return categories.stream().map(Enum::name).toList();
    }

    List<String> positionNames() {
        return positions.stream().map(Enum::name).toList();
    }

    private static <E extends Enum<E>> List<E> enums(String name, List<String> raw, Class<E> type,
                                                     List<Problem.FieldError> errors) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        return values(name, raw, v -> {
            try {
                return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }, "must be one of " + allowed, errors);
    }

    private static List<String> strings(String name, List<String> raw, Pattern pattern, String message,
                                        List<Problem.FieldError> errors) {
        return values(name, raw, v -> pattern.matcher(v).matches() ? v : null, message, errors);
    }

    /** Accepts repeated parameters and comma-separated lists alike: {@code region=NECK,SHOULDER}. */
    private static <T> List<T> values(String name, List<String> raw, Function<String, T> parse, String message,
                                      List<Problem.FieldError> errors) {
        if (raw == null) {
            return List.of();
        }
        List<String> values = raw.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip)
                .filter(v -> !v.isEmpty()).toList();
        if (values.size() > MAX_VALUES) {
            errors.add(new Problem.FieldError(name, "takes at most " + MAX_VALUES + " values"));
            return List.of();
        }
        List<T> parsed = new ArrayList<>();
        values.stream().distinct()
                .forEach(v -> {
                    T value = parse.apply(v);
                    if (value == null) {
                        errors.add(new Problem.FieldError(name, "'" + v + "' " + message));
                    } else {
                        parsed.add(value);
                    }
                });
        return parsed;
    }
}

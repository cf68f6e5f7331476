package org.rehabit.support.outcome;

import org.junit.jupiter.api.Test;
import org.rehabit.support.InvalidInput;
import org.rehabit.support.Problem.FieldError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped instrument's rule (as catalog-service's seed/instruments.json states it) scored on worked examples
 * done by hand here: all items answered, the missing items the rule allows (prorated), and one more (no score).
 */
class ScoringTest {

    // The rules as shipped (catalog-service/src/main/resources/seed/instruments.json).
    static final List<Item> NDI_ITEMS = items("s", 10, 0, 5);
    static final ScoringRule NDI = new ScoringRule(Method.SUM, 1, 0, 50, Direction.HIGHER_IS_WORSE, 1);
    static final List<Item> ODI_ITEMS = items("s", 10, 0, 5);
    static final ScoringRule ODI = new ScoringRule(Method.PERCENT, 1, 0, 100, Direction.HIGHER_IS_WORSE, 1);
    static final List<Item> QUICKDASH_ITEMS = items("q", 11, 1, 5);
    static final ScoringRule QUICKDASH = new ScoringRule(Method.PERCENT, 1, 0, 100, Direction.HIGHER_IS_WORSE, 1);
    static final List<Item> PSFS_ITEMS = items("activity", 5, 0, 10);
    static final ScoringRule PSFS = new ScoringRule(Method.MEAN, 4, 0, 10, Direction.LOWER_IS_WORSE, 1);
    static final List<Item> NPRS_ITEMS = List.of(new Item("pain", 0, 10));
    static final ScoringRule NPRS = new ScoringRule(Method.SUM, 0, 0, 10, Direction.HIGHER_IS_WORSE, 0);

    @Test
    void shippedRulesAreSound() {
        assertEquals(List.of(), Scoring.check(NDI_ITEMS, NDI, 5.0, "items", "scoring"));
        assertEquals(List.of(), Scoring.check(ODI_ITEMS, ODI, 10.0, "items", "scoring"));
        assertEquals(List.of(), Scoring.check(QUICKDASH_ITEMS, QUICKDASH, 15.91, "items", "scoring"));
        assertEquals(List.of(), Scoring.check(PSFS_ITEMS, PSFS, 2.0, "items", "scoring"));
        assertEquals(List.of(), Scoring.check(NPRS_ITEMS, NPRS, 2.0, "items", "scoring"));
    }

    @Test
    void neckDisabilityIndex() {
        // 2+1+3+0+2+1+2+1+2+2 = 16 of 50
        assertScore(16.0, 10, Scoring.score(NDI_ITEMS, NDI, answers("s", 2, 1, 3, 0, 2, 1, 2, 1, 2, 2)));
        // driving (s8) left out: 14 over 9 items, prorated to 10: 14 * 10 / 9 = 15.56 -> 15.6
        assertScore(15.6, 9, Scoring.score(NDI_ITEMS, NDI, answers("s", 2, 1, 3, 0, 2, 1, 2, 1, null, 2)));
        // two left out: one more than allowed
        assertNoScore("2 of 10 items unanswered; at most 1 may be missing for a score",
                Scoring.score(NDI_ITEMS, NDI, answers("s", 2, 1, 3, 0, 2, 1, 2, null, null, 2)));
    }

    @Test
    void oswestryDisabilityIndex() {
        // 3+2+1+2+3+2+1+2+2+2 = 20; 20 / (5 * 10) * 100 = 40
        assertScore(40.0, 10, Scoring.score(ODI_ITEMS, ODI, answers("s", 3, 2, 1, 2, 3, 2, 1, 2, 2, 2)));
        // sex life (s8) left out: 17 / (5 * 9) * 100 = 37.78 -> 37.8
        assertScore(37.8, 9, Scoring.score(ODI_ITEMS, ODI, answers("s", 3, 2, 1, 2, 3, 2, 1, 2, null, 1)));
        assertNoScore("2 of 10 items unanswered; at most 1 may be missing for a score",
                Scoring.score(ODI_ITEMS, ODI, answers("s", null, 2, 1, 2, 3, 2, 1, 2, null, 1)));
        // the whole range: all 0 is 0 %, all 5 is 100 %
        assertScore(0.0, 10, Scoring.score(ODI_ITEMS, ODI, answers("s", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        assertScore(100.0, 10, Scoring.score(ODI_ITEMS, ODI, answers("s", 5, 5, 5, 5, 5, 5, 5, 5, 5, 5)));
    }

    @Test
    void quickDash() {
        // 2+3+2+1+1+3+2+2+3+2+2 = 23; (23 / 11 - 1) * 25 = 27.27 -> 27.3
        assertScore(27.3, 11, Scoring.score(QUICKDASH_ITEMS, QUICKDASH, answers("q", 2, 3, 2, 1, 1, 3, 2, 2, 3, 2, 2)));
        // the last item left out: (21 / 10 - 1) * 25 = 27.5
        assertScore(27.5, 10, Scoring.score(QUICKDASH_ITEMS, QUICKDASH,
                answers("q", 2, 3, 2, 1, 1, 3, 2, 2, 3, 2, null)));
        // QuickDASH's own rule: no score when more than one item is unanswered
        assertNoScore("2 of 11 items unanswered; at most 1 may be missing for a score",
                Scoring.score(QUICKDASH_ITEMS, QUICKDASH, answers("q", 2, 3, null, 1, 1, 3, 2, 2, 3, 2, null)));
        // all "no difficulty" (1) is 0; all "unable" (5) is 100
        assertScore(0.0, 11, Scoring.score(QUICKDASH_ITEMS, QUICKDASH, answers("q", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        assertScore(100.0, 11, Scoring.score(QUICKDASH_ITEMS, QUICKDASH, answers("q", 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5)));
    }

    @Test
    void patientSpecificFunctionalScale() {
        // three activities named and rated 4, 6, 5 (the other two slots unused): (4 + 6 + 5) / 3 = 5
        assertScore(5.0, 3, Scoring.score(PSFS_ITEMS, PSFS, answers("activity", 4, 6, 5, null, null)));
        // two activities, 3 and 4: 3.5
        assertScore(3.5, 2, Scoring.score(PSFS_ITEMS, PSFS, answers("activity", 3, 4, null, null, null)));
        // five activities 2, 3, 3, 4, 8: 20 / 5 = 4
        assertScore(4.0, 5, Scoring.score(PSFS_ITEMS, PSFS, answers("activity", 2, 3, 3, 4, 8)));
        // one rated (7): its own value
        assertScore(7.0, 1, Scoring.score(PSFS_ITEMS, PSFS, answers("activity", null, null, 7, null, null)));
        // none rated: nothing to score
        assertNoScore("5 of 5 items unanswered; at most 4 may be missing for a score",
                Scoring.score(PSFS_ITEMS, PSFS, Map.of()));
    }

    @Test
    void numericPainRatingScale() {
        assertScore(7.0, 1, Scoring.score(NPRS_ITEMS, NPRS, Map.of("pain", 7)));
        assertScore(0.0, 1, Scoring.score(NPRS_ITEMS, NPRS, Map.of("pain", 0)));
        assertNoScore("1 of 1 items unanswered; at most 0 may be missing for a score",
                Scoring.score(NPRS_ITEMS, NPRS, Map.of()));
    }

    @Test
    void answersTheQuestionnaireCouldNotHaveProducedAreRefused() {
        InvalidInput outOfRange = assertThrows(InvalidInput.class,
                () -> Scoring.score(QUICKDASH_ITEMS, QUICKDASH, answers("q", 0, 3, 2, 1, 1, 3, 2, 2, 3, 2, 6)));
        assertEquals(List.of(new FieldError("answers.q1", "must be 1 to 5"), new FieldError("answers.q11",
                "must be 1 to 5")), outOfRange.errors());
        InvalidInput unknown = assertThrows(InvalidInput.class,
                () -> Scoring.score(NPRS_ITEMS, NPRS, Map.of("pain", 3, "mood", 2)));
        assertEquals(List.of(new FieldError("answers.mood", "is not an item of this questionnaire")),
                unknown.errors());
    }

    @Test
    void unsoundRulesAreNamedFieldByField() {
        // nothing left to score from
        assertEquals(List.of(new FieldError("scoring.maxMissing", "must be 0 to 9 (at least one item must be answered)")),
                Scoring.check(NDI_ITEMS, new ScoringRule(Method.SUM, 10, 0, 50, Direction.HIGHER_IS_WORSE, 1), 5.0,
                        "items", "scoring"));
        // a declared range the method cannot give
        assertEquals(List.of(new FieldError("scoring.max", "the score runs from 0 to 50 for these items and method,"
                        + " not 0 to 100")),
                Scoring.check(NDI_ITEMS, new ScoringRule(Method.SUM, 1, 0, 100, Direction.HIGHER_IS_WORSE, 1), 5.0,
                        "items", "scoring"));
        // a mean over items that do not share a range
        List<Item> mixed = List.of(new Item("a", 0, 10), new Item("b", 1, 5));
        assertEquals(List.of(new FieldError("scoring.method", "MEAN needs every item to have the same answer range")),
                Scoring.check(mixed, new ScoringRule(Method.MEAN, 0, 0, 10, Direction.LOWER_IS_WORSE, 1), 2.0,
                        "items", "scoring"));
        // an MCID wider than the scale, repeated and malformed ids, an empty range, no method or direction
        assertEquals(List.of(new FieldError("mcid.value", "must be above 0 and at most the score's range (10)")),
                Scoring.check(NPRS_ITEMS, NPRS, 11.0, "items", "scoring"));
        List<FieldError> errors = Scoring.check(List.of(new Item("a", 0, 5), new Item("a", 3, 3),
                new Item("Bad id", 0, 1)), new ScoringRule(null, 0, 0, 5, null, 3), null, "items", "scoring");
        assertEquals(List.of("items[1].id", "items[1].max", "items[2].id", "scoring.method", "scoring.direction",
                "scoring.decimals"), errors.stream().map(FieldError::field).toList());
        assertFalse(Scoring.check(List.of(), NPRS, 2.0, "items", "scoring").isEmpty());
    }

    @Test
    void changeIsJudgedByTheMcidInTheInstrumentsDirection() {
        // NDI (higher is worse, MCID 5): 20 -> 25 is worse by exactly the MCID; 20 -> 24 is not important
        assertEquals(Change.WORSENED, Change.between(20, 25, Direction.HIGHER_IS_WORSE, 5));
        assertEquals(Change.NO_IMPORTANT_CHANGE, Change.between(20, 24, Direction.HIGHER_IS_WORSE, 5));
        assertEquals(Change.IMPROVED, Change.between(20, 12.5, Direction.HIGHER_IS_WORSE, 5));
        // PSFS (lower is worse, MCID 2): 3 -> 5 is better, 5 -> 3 worse
        assertEquals(Change.IMPROVED, Change.between(3, 5, Direction.LOWER_IS_WORSE, 2));
        assertEquals(Change.WORSENED, Change.between(5, 3, Direction.LOWER_IS_WORSE, 2));
        // QuickDASH's MCID 15.91: 27.3 -> 43.2 is 15.9, just short
        assertEquals(Change.NO_IMPORTANT_CHANGE, Change.between(27.3, 43.2, Direction.HIGHER_IS_WORSE, 15.91));
        assertTrue(Change.between(27.3, 43.3, Direction.HIGHER_IS_WORSE, 15.91) == Change.WORSENED);
    }

    private static void assertScore(double expected, int answered, Score score) {
        assertEquals(expected, score.value(), 1e-9);
        assertEquals(answered, score.answered());
        assertNull(score.reason());
    }

    private static void assertNoScore(String reason, Score score) {
        assertFalse(score.scored());
        assertEquals(reason, score.reason());
    }

    private static List<Item> items(String prefix, int count, int min, int max) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new Item(prefix + i, min, max)).toList();
    }

    /** Answers to items prefix1, prefix2, ...; a null is an unanswered item (left out of the map). */
    private static Map<String, Integer> answers(String prefix, Integer... values) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                answers.put(prefix + (i + 1), values[i]);
            }
        }
        return answers;
    }
}

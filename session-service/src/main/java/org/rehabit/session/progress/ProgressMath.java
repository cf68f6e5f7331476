package org.rehabit.session.progress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of progress, kept pure so that it can be checked by hand.
 *
 * <ul>
 *   <li>Done sessions are those with work done: at least one item DONE (an all-skipped session is not one).</li>
 *   <li>Prescribed sessions of a week = sessions per week × (days of that week the program was active) ÷ 7:
 *       days before the start, after the end, while paused and after today do not count.</li>
 *   <li>Adherence of a week = min(done, prescribed) ÷ prescribed (none when nothing was prescribed).</li>
 *   <li>Adherence over the window = Σ min(done, prescribed) ÷ Σ prescribed: extra sessions one week do not
 *       make up for missed ones another.</li>
 *   <li>Adherence over the complete weeks = the same over every week of the window but the current one: what
 *       the at-risk rule reads.</li>
 *   <li>Pain trend = least-squares slope of the weekly average pain after sessions, in points per week, over
 *       the weeks that have sessions (none with fewer than two such weeks). Positive means getting worse.</li>
 *   <li>Streak = the number of consecutive weeks, back from the current one, in which the patient did at
 *       least the (rounded-up) prescribed sessions; the current week counts only once it is met, and
 *       does not break the streak while it is still under way; weeks with nothing prescribed (a paused
 *       program) are passed over, neither counting nor breaking it. It reads the weeks it is given: the
 *       progress endpoint gives it every week since the patient's first program started, not only the
 *       window.</li>
 *   <li>Dose completion: see {@link DoseMath}.</li>
 * </ul>
 */
public final class ProgressMath {

    private ProgressMath() {
    }

    /** One week as counted from the database. */
    public record WeekCount(LocalDate weekStart, double prescribed, int done, Double painAfter, Double painBefore) {
    }

    public static Double adherence(double prescribed, int done) {
        return prescribed <= 0 ? null : Math.min(done, prescribed) / prescribed;
    }

    public static Double overallAdherence(List<WeekCount> weeks) {
        double prescribed = 0;
        double counted = 0;
        for (WeekCount w : weeks) {
            prescribed += w.prescribed();
            counted += Math.min(w.done(), w.prescribed());
        }
        return prescribed <= 0 ? null : counted / prescribed;
    }

    /**
     * Adherence over the complete weeks only: every week but the last of {@code weeks} (the current one, still
     * under way); null when nothing was prescribed in them. What the at-risk rule reads, so that a week not yet
     * over (a patient assigned today, none done by Tuesday) makes no one at risk.
     */
    public static Double completeWeeksAdherence(List<WeekCount> weeks) {
        return weeks.isEmpty() ? null : overallAdherence(weeks.subList(0, weeks.size() - 1));
    }

    /** Least-squares slope of y over x; null with fewer than two points. */
    public static Double slope(List<double[]> points) {
        if (points.size() < 2) {
            return null;
        }
        double n = points.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            sxy += p[0] * p[1];
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? null : (n * sxy - sx * sy) / denominator;
    }

    /** Pain trend in points per week over the weeks (in order) that have a pain-after average. */
    public static Double painTrend(List<WeekCount> weeks) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            if (weeks.get(i).painAfter() != null) {
                points.add(new double[] {i, weeks.get(i).painAfter()});
            }
        }
        return slope(points);
    }

    /** Consecutive weeks meeting the prescription, counting back from the last week of {@code weeks}. */
    public static int streak(List<WeekCount> weeks) {
        int streak = 0;
        for (int i = weeks.size() - 1; i >= 0; i--) {
            WeekCount w = weeks.get(i);
            if (w.prescribed() <= 0) {
                continue; // a week with nothing prescribed (e.g. paused by the physio) neither counts nor breaks
            }
            boolean met = w.done() >= Math.ceil(w.prescribed() - 1e-9);
            if (met) {
                streak++;
            } else if (i == weeks.size() - 1) {
                continue; // the current week is still under way: not met yet is not a break
            } else {
                break;
            }
        }
        return streak;
    }

    /** Rounds for display: two decimals. */
    public static Double round(Double value) {
        return value == null ? null : Math.round(value * 100.0) / 100.0;
    }
}

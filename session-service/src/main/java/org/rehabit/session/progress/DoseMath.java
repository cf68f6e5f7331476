package org.rehabit.session.progress;

import org.rehabit.session.log.ItemStatus;
import org.rehabit.session.program.Side;

import java.util.List;

/**
 * Dose completion: how much of what a program item prescribes was done in a session, 0-1, from what the routine
 * player logs (sets finished, repetitions done in total, the average seconds actually held; per side for EACH_SIDE
 * and ALTERNATING items).
 * <ul>
 *   <li>One side (or the whole item, logged without a side): SKIPPED counts 0. DONE counts volume × hold, where
 *       volume = min(1, reps done ÷ (sets × reps prescribed)) when the dose prescribes repetitions and reps were
 *       reported, else min(1, sets done ÷ sets prescribed) when sets were reported; and hold = min(1, average
 *       hold ÷ prescribed hold) when the dose prescribes a hold and one was reported. A measure not reported is
 *       not held against the patient (counts 1); a DONE entry with neither volume nor hold reported is
 *       <em>unmeasured</em>: it says the item was done, not how much.</li>
 *   <li>An item: its entry, or for a two-sided item logged per side the mean of LEFT and RIGHT (a side not logged
 *       counts 0); an item the session left out counts 0; an item with an unmeasured DONE entry is unmeasured and
 *       is left out of the figure (and counted apart), never guessed as full or as nothing.</li>
 *   <li>Dose completion over many items and sessions = the mean of their measured item values.</li>
 * </ul>
 */
public final class DoseMath {

    private DoseMath() {
    }

    /** What a program item prescribes per session (per side for a two-sided item). */
    public record Prescribed(Side side, Integer sets, Integer reps, Integer holdSeconds) {

        boolean twoSided() {
            return side == Side.EACH_SIDE || side == Side.ALTERNATING;
        }
    }

    /** One logged entry of an item: the whole item (side null) or one side. */
    public record Entry(ItemStatus status, Side side, Integer setsDone, Integer repsDone, Integer holdSeconds) {
    }

    /** One entry's completion, 0-1; null when it is DONE with nothing measured. */
    public static Double entry(Prescribed p, Entry e) {
        if (e.status() != ItemStatus.DONE) {
            return 0.0;
        }
        Double volume = null;
        int sets = p.sets() == null || p.sets() < 1 ? 1 : p.sets();
        if (p.reps() != null && p.reps() > 0 && e.repsDone() != null) {
            volume = Math.min(1.0, e.repsDone() / (double) (sets * p.reps()));
        } else if (e.setsDone() != null) {
            volume = Math.min(1.0, e.setsDone() / (double) sets);
        }
        Double hold = p.holdSeconds() != null && p.holdSeconds() > 0 && e.holdSeconds() != null
                ? Math.min(1.0, e.holdSeconds() / (double) p.holdSeconds()) : null;
        if (volume == null && hold == null) {
            return null;
        }
        return (volume == null ? 1.0 : volume) * (hold == null ? 1.0 : hold);
    }

    /** A prescribed item's completion in one session from its entries (none: left out, 0); null if unmeasured. */
    public static Double item(Prescribed p, List<Entry> entries) {
        if (entries.isEmpty()) {
            return 0.0;
        }
        boolean perSide = p.twoSided() && entries.stream().anyMatch(e -> e.side() != null);
        if (!perSide) {
            return entry(p, entries.get(0));
        }
        double sum = 0;
        for (Side side : new Side[] {Side.LEFT, Side.RIGHT}) {
            Entry e = entries.stream().filter(x -> x.side() == side).findFirst().orElse(null);
            if (e == null) {
                continue; // a side not logged counts 0
            }
            Double value = entry(p, e);
            if (value == null) {
                return null;
            }
            sum += value;
        }
        return sum / 2;
    }
}

package org.rehabit.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a fixed-rate run of session logging counts as sustaining the rate it was offered. */
class ReportTest {

    private static Load.Result run(long calls, long errors, double throughput) {
        return new Load.Result("logging", "open, fixed rate", 1000, calls, errors, throughput, 10, 40, 45, 48, 0.05);
    }

    @Test
    void aServerThatKeptPaceReadsALittleUnderTheRateAndSustainsIt() {
        Load.Result run = run(6000, 0, 6000 / 6.012); // the last answer 12 ms after the schedule's 6 s
        assertEquals(12, Report.lateMs(run), 0.01);
        assertTrue(Report.keptPace(run));
    }

    @Test
    void aServerThatFellBehindDoesNot() {
        assertFalse(Report.keptPace(run(6000, 0, 800)), "every log answered, the last 1.5 s late");
        assertFalse(Report.keptPace(run(6000, 0, 6000 / 6.051)), "the last 51 ms late");
    }

    @Test
    void aRunWithErrorsDoesNot() {
        assertFalse(Report.keptPace(run(6000, 1, 5999 / 6.001)));
        assertFalse(Report.keptPace(run(6000, 6000, 0)));
    }
}

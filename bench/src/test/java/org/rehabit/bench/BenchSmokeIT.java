package org.rehabit.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's smoke run, so that the harness cannot rot: tiny data, about a second per scenario, the
 * packaged services on an embedded PostgreSQL. Checks what the harness promises (data loaded, every scenario
 * measured, every acknowledged session log stored exactly once, the report written), never a timing.
 */
class BenchSmokeIT {

    @Test
    void smokeRunWritesTheReportAndLosesNoSessionLog() throws Exception {
        Path out = Bench.root().resolve("bench/target/smoke-report");
        Bench.Outcome outcome = Bench.run(new Bench.Options(List.of(20), Bench.Profile.SMOKE, out, 7));

        assertTrue(outcome.acknowledged() > 0, "some session logs were acknowledged");
        assertEquals(0, outcome.lost(), "acknowledged session logs missing from the database");
        assertEquals(0, outcome.duplicated(), "session logs stored more than once");
        // open-model and serial runs wait for every call; a closed loop on a cold service may finish none in 2 s
        for (Load.Result result : outcome.results().stream().filter(r -> !r.model().startsWith("closed")).toList()) {
            assertTrue(result.calls() > 0, result.name() + " made calls");
            assertTrue(result.calls() > result.errors(), result.name() + " had successful calls: " + result);
        }
        String report = Files.readString(outcome.report());
        // scenario 2 runs on wrk as its own process when it is installed (./rehabit test installs it)
        boolean wrk = Wrk.find(out).isPresent();
        List<Load.Result> passThrough = outcome.results().stream()
                .filter(r -> r.name().startsWith("GET exercise")).toList();
        assertEquals(4, passThrough.size(), "pass-through: saturation and fixed rate, direct and gateway");
        for (Load.Result result : passThrough) {
            assertEquals(wrk, result.model().endsWith("(wrk)"), "driven by wrk when installed: " + result);
            if (result.model().startsWith("paced")) {
                assertTrue(result.calls() > result.errors(), result.name() + " had successful calls: " + result);
            }
        }
        // so does scenario 4: each log built in wrk's Lua script, every answered one checked against the database
        List<Load.Result> logging = outcome.results().stream()
                .filter(r -> r.name().startsWith("session logging")).toList();
        assertEquals(5, logging.size(), "session logging: the service alone, then three rates and the target");
        for (Load.Result result : logging) {
            assertEquals(wrk, result.model().endsWith("(wrk)"), "driven by wrk when installed: " + result);
        }
        assertTrue(logging.get(4).calls() > logging.get(4).errors(), "logs at the target rate answered: " + logging);
        if (wrk) {
            // wrk's runs end by waiting for the answers in flight: nothing is cut off, so every stored log was answered
            assertEquals(0, outcome.storedUnacknowledged(), "every stored log was answered");
        }
        assertTrue(report.contains(wrk ? "| wrk " : "wrk was not installed"), "the report names the load generator");
        if (wrk) {
            // what each wrk run cost: the load generator's CPU beside the services' and PostgreSQL's (its backends)
            List<String> costs = report.lines()
                    .filter(l -> l.startsWith("| session logging") && l.contains("| wrk ")).toList();
            assertEquals(5, costs.size(), "a cost row for each logging run:\n" + report);
            assertTrue(costs.stream().allMatch(l -> l.matches(".*session-service [0-9.]+ s, PostgreSQL [0-9.]+ s \\|$")),
                    "every logging run's cost names the service's and PostgreSQL's CPU:\n" + costs);
            // the group commit's logs a commit, read from the session-service's metric, for the four rates
            assertTrue(report.lines().anyMatch(l -> l.matches("Logs stored a commit .*: (\\d+/s \\d+\\.\\d\\d, ){3}"
                    + "\\d+/s \\d+\\.\\d\\d\\.")), "the report gives the logs a commit of each rate:\n" + report);
            // the WAL a stored log, from PostgreSQL's pg_stat_wal, for the four rates: some records every time
            String wal = "\\d+/s [1-9]\\d*\\.\\d\\d / \\d+\\.\\d\\d / [1-9]\\d*\\.\\d\\d";
            assertTrue(report.lines().anyMatch(l -> l.matches("WAL a stored log .*: (" + wal + ", ){3}" + wal + "\\.")),
                    "the report gives the WAL a stored log of each rate:\n" + report);
        }
        for (String section : List.of("## Targets", "### 1. Startup", "### 2. Gateway pass-through",
                "### 3. Clinic dashboard", "### 4. Session logging", "### 5. Catalog search", "### 6. Scaling")) {
            assertTrue(report.contains(section), "report has " + section);
        }
        assertTrue(Files.size(out.resolve("scaling.svg")) > 0);
        assertTrue(Files.size(out.resolve("latency.svg")) > 0);
    }
}

package org.rehabit.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Collects what the scenarios measured and writes {@code report.md}, {@code scaling.svg} and {@code latency.svg}. */
final class Report {

    private record Startup(double fresh, List<Double> prepared, Double quarkusSeconds) {
        double median() {
            List<Double> sorted = prepared.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }

        String range() {
            return f2(prepared.stream().mapToDouble(Double::doubleValue).min().orElseThrow()) + "–"
                    + f2(prepared.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        }

    }

    private record Scale(int patients, long logs, double figuresSeconds, Load.Result dashboard,
                         Load.Result dashboardSql, Load.Result perRequest, Load.Result progress,
                         Load.Result progressSql) {
    }

    /** Seconds the stored figures of each clinic took to compute after loading, by clinic size. */
    private final Map<Integer, Double> figuresSeconds = new java.util.HashMap<>();

    private record Target(String what, String target, String measured, boolean met) {
    }

    private final List<Load.Result> results = new ArrayList<>();
    private final Map<String, Startup> startups = new LinkedHashMap<>();
    private final Map<String, Double> rssIdle = new LinkedHashMap<>();
    private final Map<String, Double> rssAfter = new LinkedHashMap<>();
    private final List<String> dataLines = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final List<Scale> scales = new ArrayList<>();
    private final List<String> unexpectedLines = new ArrayList<>();
    private String header;
    private int dashboardPatients;
    private String loadAtStart;
    long acknowledged;
    long lost;
    long duplicated;
    long storedUnacknowledged;

    void add(Load.Result result) {
        results.add(result);
    }

    List<Load.Result> results() {
        return List.copyOf(results);
    }

    void machine(String profile, List<Integer> sizes) {
        loadAtStart = loadAverage();
        header = "Profile " + profile + ", clinic sizes " + sizes + ", started "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ".\n\nMachine: " + cpu() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, " + memory() + "; Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "). "
                + "The load generator, PostgreSQL and the three services share these cores.";
    }

    void database(String version, String synchronousCommit, String fsync) {
        header += "\n\nPostgreSQL " + version + " (embedded), with production's durability: synchronous_commit="
                + synchronousCommit + ", fsync=" + fsync + ".";
    }

    void startup(String module, double fresh, List<Double> prepared, Double quarkusSeconds) {
        Startup startup = new Startup(fresh, List.copyOf(prepared), quarkusSeconds);
        startups.put(module, startup);
        targets.add(new Target(module + ": process start to ready, prepared database", "≤ 1.5 s",
                f2(startup.median()) + " s, median of " + prepared.size() + " (" + startup.range()
                        + " s; fresh database: " + f2(fresh) + " s)", startup.median() <= 1.5));
    }

    void rssIdle(String module, Double mb) {
        rssIdle.put(module, mb);
        targets.add(new Target(module + ": idle RSS", "≤ 200 MB", mb == null ? "n/a" : f0(mb) + " MB",
                mb != null && mb <= 200));
    }

    void rssAfterLoad(String module, Double mb) {
        rssAfter.put(module, mb);
    }

    void exercisesLoaded(int count, double seconds) {
        dataLines.add(0, "- " + count + " exercises added to the catalog's seeded ones in " + f2(seconds)
                + " s (COPY; search vectors by the catalog's own trigger)");
    }

    void settled(double seconds) {
        dataLines.add("- then both databases vacuumed and analyzed and a checkpoint taken (" + f2(seconds)
                + " s), so that no measurement runs through the bulk load's checkpoint or its autovacuum");
    }

    void clinicLoaded(DataGenerator.Clinic clinic, double seconds, int refreshed, double refreshSeconds) {
        figuresSeconds.put(clinic.size(), refreshSeconds);
        dataLines.add("- clinic of " + clinic.size() + " patients: " + clinic.sessionLogs() + " session logs ("
                + 3 * clinic.sessionLogs() + " session items) over 365 days, loaded in " + f2(seconds) + " s ("
                + f0(clinic.sessionLogs() / seconds) + " logs/s, COPY, the rollup's trigger included); the "
                + "dashboard's stored figures of " + refreshed + " of its patients computed in " + f2(refreshSeconds)
                + " s (" + f2(refreshSeconds * 1000 / Math.max(1, refreshed)) + " ms a patient, the service's "
                + "refresh statement" + (refreshed < clinic.size()
                        ? "; the service's own scheduled refresh, which runs every minute, took the others meanwhile"
                        : "") + ")");
    }

    /**
     * Scenario 2: {@code directSat} and {@code gatewaySat} are the saturation pair with the median ratio of
     * {@code pairRatios} (the ratio of every pair, in the order they ran; empty when there was one pair).
     */
    void passThrough(Load.Result directSat, Load.Result gatewaySat, Load.Result directFixed,
                     Load.Result gatewayFixed, List<Wrk.Run> wrkRuns, List<Double> pairRatios) {
        double ratio = gatewaySat.throughput() / directSat.throughput();
        double added = gatewayFixed.p99Ms() - directFixed.p99Ms();
        StringBuilder driver = new StringBuilder();
        if (wrkRuns.isEmpty()) {
            driver.append("Load generator: the Java driver in the benchmark's JVM (wrk was not installed); it shares "
                    + "the cores with the services, so the ratio is flattened.\n");
        } else {
            driver.append("Load generator: `wrk` (one thread) as its own process; the fixed-rate runs pace requests "
                    + "in its Lua script, and their latency counts from when each request was written. Errors and "
                    + "what each run cost in CPU (wrk's own time beside the services' and PostgreSQL's, its backends included, over the same run):\n\n"
                    + "| measurement | model | HTTP ≥ 400 (wrk: \"non-2xx or 3xx\") | socket errors | CPU |\n|---|---|---:|---|---|\n");
            driver.append(costRows(wrkRuns));
        }
        String pairs = pairRatios.size() < 2 ? "" : " (the median of " + pairRatios.size() + " pairs run in turn, "
                + "direct then through the gateway: " + pairRatios.stream().map(Report::pct)
                .collect(java.util.stream.Collectors.joining(", ")) + " in the order they ran; the table shows the "
                + "median pair)";
        sections.add("### 2. Gateway pass-through (GET an exercise)\n\n" + table(directSat, gatewaySat, directFixed,
                gatewayFixed) + "\n" + driver + "\nRatio gateway / direct throughput at saturation: **" + pct(ratio)
                + "**" + pairs + ". Added latency at " + f0(directFixed.targetRate()) + " req/s: p50 "
                + f2(gatewayFixed.p50Ms() - directFixed.p50Ms()) + " ms, p99 **" + f2(added) + " ms**.\n");
        targets.add(new Target("gateway throughput vs direct at saturation", "≥ 70 %", pct(ratio), ratio >= 0.70));
        // a difference of latencies means something only when both runs kept up with the rate without errors
        boolean comparable = sustained(directFixed) && sustained(gatewayFixed);
        targets.add(new Target("gateway added p99 at " + f0(directFixed.targetRate()) + " req/s", "≤ 3 ms",
                f2(added) + " ms" + (comparable ? "" : " (rate not sustained: direct " + f0(directFixed.throughput())
                        + "/s, " + directFixed.errors() + " errors; gateway " + f0(gatewayFixed.throughput())
                        + "/s, " + gatewayFixed.errors() + " errors)"), comparable && added <= 3.0));
    }

    void dashboard(int patients, Load.Result gateway, Load.Result service, Load.Result sql) {
        dashboardPatients = patients;
        double ratio = service.p50Ms() / sql.p50Ms();
        sections.add("### 3. Clinic dashboard, " + patients + " patients (page of 50, sort -painTrend, "
                + Bench.WEEKS + " weeks)\n\n" + table(gateway, service, sql) + "\nRatio service / raw SQL (p50): **"
                + f2(ratio) + "×**; gateway / raw SQL (p50): " + f2(gateway.p50Ms() / sql.p50Ms()) + "×.\n");
        targets.add(new Target("dashboard (" + patients + " patients) p50 at the service", "≤ 25 ms",
                f2(service.p50Ms()) + " ms", service.p50Ms() <= 25 && service.errors() == 0));
        targets.add(new Target("dashboard (" + patients + " patients) p99 at the service", "≤ 60 ms",
                f2(service.p99Ms()) + " ms, " + errors(service), service.p99Ms() <= 60 && service.errors() == 0));
        targets.add(new Target("dashboard service / raw SQL (p50) (the project's aim, not PRODUCT.md)", "≤ 2×", f2(ratio) + "×",
                ratio <= 2 && service.errors() == 0 && sql.errors() == 0));
        targets.add(new Target("dashboard through the gateway, errors", "0", gateway.errors() + " of "
                + gateway.calls(), gateway.errors() == 0));
    }

    void logging(Load.Result result, List<Load.Result> steps, Load.Result service, long sent, long acked, long stored,
                 long lost, long duplicated, long storedUnacked, List<Wrk.Run> wrkRuns,
                 Map<String, Double> logsPerCommit, Map<String, double[]> walPerLog) {
        this.acknowledged = acked;
        this.lost = lost;
        this.duplicated = duplicated;
        this.storedUnacknowledged = storedUnacked;
        double sustained = result.throughput();
        sections.add("### 4. Session logging through the gateway (open model, " + f0(result.targetRate())
                + " logs/s offered, and lower rates first)\n\n" + table(rows(service, steps, result))
                + "\nHighest offered rate answered in full with p99 ≤ 50 ms: **" + capacity(steps, result)
                + "**.\n\n" + loggingDriver(wrkRuns) + logsPerCommit(logsPerCommit) + walPerLog(walPerLog) + "Ratio gateway (sustained, open model) / "
                + "session-service alone (saturation): **" + pct(sustained / service.throughput()) + "**.\n\n"
                + "Both runs, warm-ups included: sent " + sent + ", acknowledged "
                + acked + ", stored " + stored + ": **lost " + lost + ", duplicated " + duplicated
                + "**, stored but not acknowledged (the client would retry with the same key) " + storedUnacked
                + ".\n");
        targets.add(new Target("session logging sustained (offered " + f0(result.targetRate()) + "/s)",
                "≥ 1,000 logs/s", f0(sustained) + " logs/s, " + (result.errors() == 0 ? "every log answered"
                        : errors(result)) + ", the last " + f0(lateMs(result)) + " ms after the schedule ended",
                result.targetRate() >= 1000 && keptPace(result)));
        targets.add(new Target("session logging p99 (successful answers)", "≤ 50 ms", f2(result.p99Ms()) + " ms, "
                + errors(result), result.p99Ms() <= 50 && result.errors() == 0));
        targets.add(new Target("session logs lost or duplicated", "0", lost + " lost, " + duplicated
                + " duplicated", lost == 0 && duplicated == 0));
    }

    /** The group commit's logs a commit in each measured run through the gateway, when the service reported them. */
    private static String logsPerCommit(Map<String, Double> logsPerCommit) {
        if (logsPerCommit.isEmpty()) {
            return "";
        }
        StringBuilder line = new StringBuilder("Logs stored a commit by the session-service's group commit "
                + "(`rehabit.sessions.logs.per.commit`, mean over the run): ");
        logsPerCommit.forEach((rate, mean) -> line.append(rate).append(' ').append(f2(mean)).append(", "));
        line.setLength(line.length() - 2);
        return line.append(".\n\n").toString();
    }

    /** The WAL PostgreSQL wrote a stored log in each measured run through the gateway. */
    private static String walPerLog(Map<String, double[]> walPerLog) {
        if (walPerLog.isEmpty()) {
            return "";
        }
        StringBuilder line = new StringBuilder("WAL a stored log (`pg_stat_wal` over the run, the whole server: "
                + "records, full-page images, kB): ");
        walPerLog.forEach((rate, wal) -> line.append(rate).append(' ').append(f2(wal[0])).append(" / ")
                .append(f2(wal[1])).append(" / ").append(f2(wal[2] / 1024)).append(", "));
        line.setLength(line.length() - 2);
        return line.append(".\n\n").toString();
    }

    private static String loggingDriver(List<Wrk.Run> wrkRuns) {
        if (wrkRuns.isEmpty()) {
            return "Load generator: the Java driver in the benchmark's JVM (wrk was not installed); it shares the "
                    + "cores with the services.\n\n";
        }
        StringBuilder driver = new StringBuilder("Load generator: `wrk` as its own process (" + Bench.LOG_THREADS
                + " threads, " + Bench.LOG_CONNECTIONS + " connections at the fixed rates); its Lua script builds "
                + "each log (a new Idempotency-Key each) and holds request i until its slot on one schedule, sends it "
                + "on a free connection and measures its latency from that slot, so a request that waited for a "
                + "connection counts its wait; the answer's X-Request-Id names its request. Percentiles count "
                + "successful answers (200/201); anything else, and a request unanswered " + Wrk.TAIL.toSeconds()
                + " s after the schedule ended, "
                + "is an error. What each run cost in CPU (PostgreSQL's backends included):\n\n"
                + "| measurement | model | errors (HTTP ≥ 400 or no answer) | socket errors | CPU |\n"
                + "|---|---|---:|---|---|\n");
        driver.append(costRows(wrkRuns)).append('\n');
        Wrk.Run target = wrkRuns.get(wrkRuns.size() - 1);
        long answered = target.result().calls() - target.result().errors();
        if (answered > 0 && target.result().targetRate() > 0) {
            // what the whole path spends on one log, against what the machine's cores have for one at that rate
            double all = target.wrkCpuSeconds();
            StringBuilder each = new StringBuilder();
            for (Map.Entry<String, Double> e : target.serviceCpuSeconds().entrySet()) {
                if (e.getValue() != null) {
                    all += e.getValue();
                    each.append(e.getKey()).append(' ').append(f2(1000 * e.getValue() / answered)).append(", ");
                }
            }
            int cores = Runtime.getRuntime().availableProcessors();
            driver.append("CPU a successful log at ").append(f0(target.result().targetRate())).append("/s: ")
                    .append(each).append("wrk ").append(f2(1000 * target.wrkCpuSeconds() / answered))
                    .append(": **").append(f2(1000 * all / answered)).append(" ms** in all; the machine's ")
                    .append(cores).append(" cores have ").append(f2(1000.0 * cores / target.result().targetRate()))
                    .append(" ms a log at that rate.\n\n");
        }
        return driver.toString();
    }

    /** One row a wrk run: its errors and what it and the services cost in CPU. */
    private static String costRows(List<Wrk.Run> wrkRuns) {
        StringBuilder rows = new StringBuilder();
        for (Wrk.Run run : wrkRuns) {
            rows.append("| ").append(run.result().name()).append(" | ").append(run.result().model())
                    .append(" | ").append(run.httpErrors())
                    .append(run.errorDetail().isEmpty() ? "" : " (" + run.errorDetail() + ")").append(" | ").append(run.socketErrors()).append(" (")
                    .append(run.socketDetail()).append(") | ").append(run.cost()).append(" |\n");
        }
        return rows.toString();
    }

    private static Load.Result[] rows(Load.Result first, List<Load.Result> middle, Load.Result last) {
        List<Load.Result> all = new ArrayList<>();
        all.add(first);
        all.addAll(middle);
        all.add(last);
        return all.toArray(new Load.Result[0]);
    }

    private static String capacity(List<Load.Result> steps, Load.Result target) {
        List<Load.Result> all = new ArrayList<>(steps);
        all.add(target);
        return all.stream().filter(r -> r.errors() == 0 && r.p99Ms() <= 50)
                .mapToDouble(Load.Result::targetRate).max().stream()
                .mapToObj(rate -> f0(rate) + " logs/s").findFirst()
                .orElse("none of " + all.stream().map(r -> f0(r.targetRate())).toList() + " logs/s");
    }

    void search(int exercises, Load.Result sql, Load.Result direct, Load.Result gateway) {
        sections.add("### 5. Catalog search over " + exercises + " generated exercises (+ the seeded ones)\n\n"
                + table(sql, direct, gateway) + "\nRatio catalog / raw SQL (p50): **" + f2(direct.p50Ms() / sql.p50Ms())
                + "×**; gateway / catalog (p50): " + f2(gateway.p50Ms() / direct.p50Ms()) + "×.\n");
        targets.add(new Target("catalog search p99 (" + exercises + " exercises), 16 questions asked again and again",
                "≤ 20 ms",
                f2(direct.p99Ms()) + " ms, " + errors(direct), direct.p99Ms() <= 20 && direct.errors() == 0));
    }

    void searchUnseen(Load.Result direct, Load.Result gateway, long asked) {
        sections.add("### 5b. Catalog search, questions never asked before (result-cache misses)\n\n"
                + "The 16 terms of scenario 5 as a user types them (3 letters and more), at page sizes 10 to 41 but "
                + "not 20, then with a body-region filter: " + asked + " different questions, each asked once, so the catalog "
                + "runs its statement for every one (PostgreSQL's own buffers are warm).\n\n"
                + table(direct, gateway));
        targets.add(new Target("catalog search p99, questions never asked before", "≤ 20 ms",
                f2(direct.p99Ms()) + " ms, " + errors(direct), direct.p99Ms() <= 20 && direct.errors() == 0));
    }

    void scaling(DataGenerator.Clinic clinic, Load.Result dashboard, Load.Result dashboardSql,
                 Load.Result perRequest, Load.Result progress, Load.Result progressSql) {
        scales.add(new Scale(clinic.size(), clinic.sessionLogs(), figuresSeconds.getOrDefault(clinic.size(), 0.0),
                dashboard, dashboardSql, perRequest, progress, progressSql));
        if (scales.size() > 1) {
            // flat: the largest clinic's page costs about what the smallest's does (one call at a time)
            Scale small = scales.stream().min(java.util.Comparator.comparingInt(Scale::patients)).orElseThrow();
            Scale large = scales.stream().max(java.util.Comparator.comparingInt(Scale::patients)).orElseThrow();
            double ratio = large.dashboard().p50Ms() / small.dashboard().p50Ms();
            targets.removeIf(t -> t.what().startsWith("dashboard flat with clinic size"));
            targets.add(new Target("dashboard flat with clinic size (p50 at " + large.patients() + " / at "
                    + small.patients() + " patients, one call at a time)", "≤ 1.5×",
                    f2(ratio) + "× (" + f2(large.dashboard().p50Ms()) + " / " + f2(small.dashboard().p50Ms())
                            + " ms)", ratio <= 1.5 && large.dashboard().errors() == 0));
        }
        if (clinic.size() == dashboardPatients) {
            // the same ratio without queueing: service time against SQL time, one call at a time
            double ratio = dashboard.p50Ms() / dashboardSql.p50Ms();
            targets.add(new Target("dashboard service / raw SQL (p50), one call at a time (the project's aim)", "≤ 2×",
                    f2(ratio) + "× (" + f2(dashboard.p50Ms()) + " / " + f2(dashboardSql.p50Ms()) + " ms)",
                    ratio <= 2 && dashboard.errors() == 0));
        }
    }

    void unexpected(Map<String, AtomicLong> answers) {
        answers.forEach((k, v) -> unexpectedLines.add("- " + v.get() + " × " + k));
    }

    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder("# Rehabit benchmark report\n\n").append(header).append("\n\n")
                .append("Load average at start: ").append(loadAtStart).append("; at end: ").append(loadAverage())
                .append(" (other work on the machine shows here).\n\n");
        md.append("## Targets (PRODUCT.md)\n\n| what | target | measured | |\n|---|---|---|---|\n");
        for (Target t : targets) {
            md.append("| ").append(t.what()).append(" | ").append(t.target()).append(" | ").append(t.measured())
                    .append(" | ").append(t.met() ? "met" : "**not met**").append(" |\n");
        }
        md.append("\n## Data set\n\n").append(String.join("\n", dataLines)).append("\n\n");
        md.append("## Scenarios\n\nLatency of fixed-rate (open model) runs is measured from each request's intended "
                + "start, so queueing counts. Closed-loop runs are for peak throughput only. The Java driver's "
                + "percentiles count successful answers only, errors (any unexpected status, a fast 503 included) "
                + "are counted beside them; wrk's percentiles include its non-2xx answers, so a wrk run with errors "
                + "does not count as meeting a target. \"Load generator CPU\" is the benchmark JVM's CPU (its "
                + "HTTP and JDBC clients), or wrk's, over the measured window.\n\n");
        md.append("### 1. Startup and memory\n\n| service | to ready, fresh database | to ready, prepared database "
                + "(median) | range | Quarkus \"started in\" (prepared, last) | RSS idle | RSS after load |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        startups.forEach((m, s) -> md.append("| ").append(m).append(" | ").append(f2(s.fresh())).append(" s | ")
                .append(f2(s.median())).append(" s | ").append(s.range()).append(" s | ")
                .append(s.quarkusSeconds() == null ? "n/a" : f2(s.quarkusSeconds()) + " s").append(" | ")
                .append(mb(rssIdle.get(m))).append(" | ").append(mb(rssAfter.get(m))).append(" |\n"));
        md.append("\nEach service was started alone (the others idle), with its database created beforehand: first on "
                + "the empty database (its migrations run), then again on the database it prepared (the table gives "
                + "those starts' median and range), on Java " + System.getProperty("java.version") + " (the "
                + "benchmark's JVM, which the services run on) with `jvm.options` and the build's class data (on Java "
                + "25+ its AOT cache, else AppCDS). Measured from "
                + "just before the process starts to the first 200 of `/q/health/ready` on its management port, "
                + "polled every " + Bench.READY_POLL.toMillis() + " ms (late by at most that).\n\n");
        sections.forEach(s -> md.append(s).append('\n'));
        md.append("### 6. Scaling: dashboard and progress as the clinic grows\n\nService time (one call at a time), "
                + "ms. Dashboard = page of 50 of the whole clinic (`weeks=4&sort=-painTrend`), read from the stored "
                + "figures; progress = one patient, 12 weeks.\n\n"
                + "| patients | session logs | figures computed | dashboard p50 | dashboard p99 | dashboard SQL p50 "
                + "| computed per request SQL p50 | progress p50 | progress p99 | progress SQL p50 |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Scale s : scales) {
            md.append("| ").append(s.patients()).append(" | ").append(s.logs()).append(" | ")
                    .append(f2(s.figuresSeconds())).append(" s | ")
                    .append(f2(s.dashboard().p50Ms())).append(" | ").append(f2(s.dashboard().p99Ms())).append(" | ")
                    .append(f2(s.dashboardSql().p50Ms())).append(" | ").append(f2(s.perRequest().p50Ms()))
                    .append(" | ").append(f2(s.progress().p50Ms()))
                    .append(" | ").append(f2(s.progress().p99Ms())).append(" | ")
                    .append(f2(s.progressSql().p50Ms())).append(" |\n");
        }
        md.append("\n\"Dashboard SQL\": the service's page and count statements over the stored figures; \"computed "
                + "per request\": the same page computed from the raw logs (what the service does for a window it "
                + "does not store, and did for every window before), on the same data in the same run. \"Figures "
                + "computed\": the service's refresh statement over the whole clinic after loading.\n");
        md.append("\n![scaling](scaling.svg)\n\n![latency](latency.svg)\n\n## Every measurement\n\n")
                .append(table(results.toArray(Load.Result[]::new)));
        md.append("\n## Unexpected answers\n\n").append(unexpectedLines.isEmpty() ? "None." :
                String.join("\n", unexpectedLines)).append('\n');
        Files.writeString(dir.resolve("scaling.svg"), Svg.lines("Service time as the clinic grows (p50, ms)",
                "patients per clinic", scales.stream().map(s -> Integer.toString(s.patients())).toList(),
                Map.of("dashboard (service)", scales.stream().map(s -> s.dashboard().p50Ms()).toList(),
                        "dashboard (raw SQL)", scales.stream().map(s -> s.dashboardSql().p50Ms()).toList(),
                        "progress (service)", scales.stream().map(s -> s.progress().p50Ms()).toList(),
                        "dashboard computed per request (raw SQL)",
                        scales.stream().map(s -> s.perRequest().p50Ms()).toList(),
                        "progress (raw SQL)", scales.stream().map(s -> s.progressSql().p50Ms()).toList())));
        List<Load.Result> fixed = results.stream().filter(r -> r.model().startsWith("open")).toList();
        Files.writeString(dir.resolve("latency.svg"), Svg.bars("Open-model latency, ms (p50 / p99)",
                fixed.stream().map(Load.Result::name).toList(),
                fixed.stream().map(Load.Result::p50Ms).toList(), fixed.stream().map(Load.Result::p99Ms).toList()));
        Path file = dir.resolve("report.md");
        Files.writeString(file, md);
        return file;
    }

    /**
     * How long after a fixed-rate run's schedule ended its last answer came: its rate runs from the first request's
     * slot to the last answer, so this is what a server that keeps pace still loses against the rate offered.
     */
    static double lateMs(Load.Result r) {
        return 1000 * ((r.calls() - r.errors()) / r.throughput() - r.calls() / r.targetRate());
    }

    /** A fixed-rate run that answered everything offered, the last answer within the p99 target (50 ms) of the end. */
    static boolean keptPace(Load.Result r) {
        return r.errors() == 0 && r.throughput() > 0 && lateMs(r) <= 50;
    }

    /** "3 errors of 1000 calls": beside a percentile that counts the successful answers only. */
    private static String errors(Load.Result r) {
        return r.errors() + " errors of " + r.calls() + " calls";
    }

    /** A fixed-rate run that answered everything and kept up with (95 % of) the rate it was offered. */
    private static boolean sustained(Load.Result r) {
        return r.errors() == 0 && r.throughput() >= 0.95 * r.targetRate();
    }

    private static String table(Load.Result... rows) {
        StringBuilder t = new StringBuilder("| measurement | model | rate | calls | errors | throughput/s | p50 ms "
                + "| p99 ms | p99.9 ms | max ms | load generator CPU |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Load.Result r : rows) {
            t.append("| ").append(r.name()).append(" | ").append(r.model()).append(" | ")
                    .append(r.targetRate() > 0 ? f0(r.targetRate()) + "/s" : "—").append(" | ").append(r.calls())
                    .append(" | ").append(r.errors()).append(" | ").append(f0(r.throughput())).append(" | ")
                    .append(f2(r.p50Ms())).append(" | ").append(f2(r.p99Ms())).append(" | ").append(f2(r.p999Ms()))
                    .append(" | ").append(f2(r.maxMs())).append(" | ")
                    .append(Double.isNaN(r.generatorCpu()) ? "n/a" : pct(r.generatorCpu()) + " of a core")
                    .append(" |\n");
        }
        return t.toString();
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memory() {
        try {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return f0(os.getTotalMemorySize() / 1024.0 / 1024 / 1024) + " GiB RAM";
        } catch (RuntimeException | LinkageError e) {
            return "unknown RAM";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip().split(" ", 4)[0] + " "
                    + Files.readString(Path.of("/proc/loadavg")).strip().split(" ")[1];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static String mb(Double v) {
        return v == null ? "n/a" : f0(v) + " MB";
    }

    static String f0(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.0f", v);
    }

    static String f2(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f %%", v * 100);
    }
}

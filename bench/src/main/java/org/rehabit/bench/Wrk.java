package org.rehabit.bench;

import org.HdrHistogram.ConcurrentHistogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Debian's {@code wrk} as the load generator, started as its own process: a light native client next to what it
 * measures, where the Java driver in this JVM shares the cores with the services and flattens both sides of a
 * ratio. A Lua script builds the requests; its {@code done} hook prints wrk's own figures in one line this class
 * parses.
 * <p>
 * Three modes. For GETs that may repeat, on one thread (at most one core), {@link #saturate} (N connections back
 * to back, peak throughput) and {@link #paced} (a fixed rate:
 * the script's {@code delay} hook holds each request until its slot on one schedule of {@code rate} per second,
 * shared by all connections). wrk measures latency from when a request is written, not from its slot, so a
 * stall longer than the free connections can absorb is under-counted (coordinated omission); the run reports
 * the rate it achieved and the report calls a run that fell behind "not sustained". For requests that each
 * differ (session logs), {@link #open}: an open model whose latency counts from each request's slot, every answer
 * matched to its request by X-Request-Id.
 * <p>
 * Its cost is measured, not assumed: wrk's CPU time (user + system, from the shell's {@code times}) and the
 * services' CPU time over the same run ({@code /proc}, through {@link ProcessHandle}) go into {@link Run#cost}.
 */
final class Wrk {

    /** What one wrk run measured, and what it and the services cost in CPU during it. */
    record Run(Load.Result result, long httpErrors, String errorDetail, long socketErrors, String socketDetail,
               double seconds, double wrkCpuSeconds, Map<String, Double> serviceCpuSeconds) {

        /** e.g. "wrk 0.41 s CPU in 10.0 s (4 % of one core); gateway 9.8 s, catalog-service 6.1 s". */
        String cost() {
            return "wrk " + Report.f2(wrkCpuSeconds) + " s CPU in " + String.format(Locale.ROOT, "%.1f", seconds)
                    + " s (" + Report.f0(100 * wrkCpuSeconds / seconds) + " % of one core)"
                    + serviceCpuSeconds.entrySet().stream().map(e -> e.getKey() + " "
                    + (e.getValue() == null ? "n/a" : Report.f2(e.getValue()) + " s"))
                    .collect(Collectors.joining(", ", "; ", ""));
        }
    }

    private static final Pattern SUMMARY = Pattern.compile("REHABIT requests=(\\d+) duration_us=(\\d+) "
            + "connect=(\\d+) read=(\\d+) write=(\\d+) status=(\\d+) timeout=(\\d+) p50_us=(\\d+) p99_us=(\\d+) "
            + "p999_us=(\\d+) max_us=(\\d+)");
    private static final Pattern CHILD_TIMES = Pattern.compile("(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s\\s*$");

    private final String executable;
    private final Path workDir;

    private Wrk(String executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    /** wrk on the PATH, or empty: then the benchmark falls back to its Java driver and says so. */
    static Optional<Wrk> find(Path workDir) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "wrk");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new Wrk(candidate.toString(), workDir));
            }
        }
        return Optional.empty();
    }

    /** {@code connections} connections back to back for {@code duration}, nothing recorded. */
    void warm(int connections, Duration duration, String base, List<String> paths, String token)
            throws IOException, InterruptedException {
        Path script = script(paths, token, 0);
        try {
            run(script, connections, duration, base, Map.of());
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** {@code connections} connections back to back: first {@code warmup} unrecorded, then {@code measure}. */
    Run saturate(String name, int connections, Duration warmup, Duration measure, String base, List<String> paths,
                 String token, Map<String, ProcessHandle> services) throws IOException, InterruptedException {
        Path script = script(paths, token, 0);
        try {
            if (!warmup.isZero()) {
                run(script, connections, warmup, base, Map.of());
            }
            return run(script, connections, measure, base, services).named(name, "closed, " + connections
                    + " connections (wrk)", 0);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** {@code rate} requests per second on one schedule over {@code connections} connections. */
    Run paced(String name, double rate, int connections, Duration warmup, Duration measure, String base,
              List<String> paths, String token, Map<String, ProcessHandle> services)
            throws IOException, InterruptedException {
        Path script = script(paths, token, rate);
        try {
            if (!warmup.isZero()) {
                run(script, connections, warmup, base, Map.of());
            }
            return run(script, connections, measure, base, services).named(name, "paced, " + connections
                    + " connections (wrk)", rate);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** An {@link #open} run: wrk's figures, the slots answered as {@code success} says, and the requests sent. */
    record Open(Run run, List<Long> succeeded, long sent) {
    }

    /** How long an open run waits after its schedule ends for the last answers; later ones count as errors. */
    static final Duration TAIL = Duration.ofSeconds(3);

    /**
     * An open model for requests that each differ (a new Idempotency-Key each), on {@code threads} wrk threads with
     * {@code connections} connections among them. Request i of the run is due at {@code start + i / rate}; a free
     * connection of its thread reserves it and sends it when due, and its latency counts from when it was due, so a
     * request that waited for a free connection counts its wait (the correction wrk2 makes). The answer names its
     * request by the {@code X-Request-Id} it carried (both services echo a sane one), so a slow answer holds up only
     * its own connection. With {@code rate} 0, a closed loop (every connection back to back, latency from the write)
     * that sends for {@code duration}, then waits for the answers in flight. {@code build} is Lua defining a global
     * {@code build(i)} that returns request i as {@code method, path, headers, body}. A request unanswered
     * {@link #TAIL} after the schedule ends, or answered without its id, is an error. The script's {@code done} hook
     * writes every answer's request, status and latency to a file, so the percentiles here count successful answers
     * only, like the Java driver's.
     */
    Open open(String name, double rate, int threads, int connections, Duration duration, String base, String build,
              Set<Integer> success, Map<String, ProcessHandle> services) throws IOException, InterruptedException {
        long total = rate > 0 ? Math.max(1, Math.round(rate * duration.toNanos() / 1e9)) : Long.MAX_VALUE;
        Path results = Files.createTempFile(workDir, "wrk-open-", ".txt");
        Path script = Files.createTempFile(workDir, "wrk-open-", ".lua");
        Files.writeString(script, OPEN_SCRIPT
                .replace("@THREADS@", Integer.toString(threads))
                .replace("@INTERVAL_US@", rate > 0 ? String.format(Locale.ROOT, "%.3f", 1e6 / rate) : "0")
                .replace("@TOTAL@", rate > 0 ? Long.toString(total) : "math.huge")
                .replace("@DURATION_US@", Long.toString(duration.toNanos() / 1000))
                .replace("@RESULTS@", lua(results.toString()))
                .replace("@BUILD@", build));
        Duration length = duration.plus(TAIL).plusSeconds(1);
        Raw raw;
        try {
            raw = run(script, threads, connections, Duration.ofSeconds((length.toMillis() + 999) / 1000), base,
                    services);
        } finally {
            Files.deleteIfExists(script);
        }
        long sent = 0;
        long matched = 0;
        long firstDueUs = Long.MAX_VALUE;
        long lastAnswerUs = Long.MIN_VALUE;
        List<Long> succeeded = new ArrayList<>();
        Map<String, Long> failures = new TreeMap<>();
        long idless = 0;
        ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(120), 3);
        for (String line : Files.readAllLines(results)) {
            String[] f = line.split(" ");
            if (f[0].equals("sent")) {
                sent += Long.parseLong(f[1]);
                continue;
            }
            long slot = Long.parseLong(f[0]);
            if (slot < 0) {
                // an answer without its request's X-Request-Id: an error (its request counts as unanswered)
                failures.merge("status " + f[1] + " without its id", 1L, Long::sum);
                idless++;
                continue;
            }
            matched++;
            long us = Long.parseLong(f[2]);
            long due = Long.parseLong(f[3]);
            firstDueUs = Math.min(firstDueUs, due);
            lastAnswerUs = Math.max(lastAnswerUs, due + us);
            if (success.contains(Integer.parseInt(f[1]))) {
                succeeded.add(slot);
                latency.recordValue(Math.min(latency.getHighestTrackableValue(), TimeUnit.MICROSECONDS.toNanos(us)));
            } else {
                failures.merge("status " + f[1], 1L, Long::sum);
            }
        }
        if (sent > matched + idless) {
            failures.put("no answer", sent - matched - idless);
        }
        Files.deleteIfExists(results);
        double seconds = matched > 0 ? Math.max(1, lastAnswerUs - firstDueUs) / 1e6 : raw.seconds();
        long errors = sent - succeeded.size();
        Load.Result result = Load.Result.of(name, (rate > 0 ? "open, fixed rate" : "closed") + ", " + connections
                + " connections (wrk)", rate, sent, errors, succeeded.size() / seconds, latency,
                raw.wrkCpu() / raw.seconds());
        Run run = new Run(result, errors - (raw.connect() + raw.read() + raw.write() + raw.timeout()),
                failures.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining(", ")),
                raw.connect() + raw.read() + raw.write() + raw.timeout(), "connect " + raw.connect() + ", read "
                + raw.read() + ", write " + raw.write() + ", timeout " + raw.timeout(), raw.seconds(), raw.wrkCpu(),
                raw.cpu());
        return new Open(run, succeeded, sent);
    }

    /** Lua: wrk's own figures in the one line {@link #SUMMARY} parses. */
    private static final String SUMMARY_LUA = """
            function print_summary(summary, latency)
              local e = summary.errors
              io.write(string.format("REHABIT requests=%d duration_us=%d connect=%d read=%d write=%d "
                .. "status=%d timeout=%d p50_us=%d p99_us=%d p999_us=%d max_us=%d\\n",
                summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
                latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
            end
            """;

    /** The Lua of {@link #open}; {@code @...@} are filled in. */
    private static final String OPEN_SCRIPT = """
            local ffi = require("ffi")
            ffi.cdef[[
            typedef struct { long tv_sec; long tv_nsec; } rehabit_timespec;
            int clock_gettime(int clk, rehabit_timespec *ts);
            ]]
            local ts = ffi.new("rehabit_timespec")
            local function now_us()
              ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
              return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
            end
            local threads = @THREADS@
            local interval_us = @INTERVAL_US@ -- 0: a closed loop
            local duration_us = @DURATION_US@
            local total = @TOTAL@

            -- in wrk's main Lua state: the threads, to collect their results at the end
            local started = {}
            setup = function(thread)
              thread:set("id", #started)
              table.insert(started, thread)
            end

            -- in each thread's state: slots id, id + threads, id + 2 threads, ... of one schedule, which each thread
            -- counts from its own start (threads start within a few ms of each other). A free connection reserves the
            -- thread's next slot (delay) and sends it when due (request); the answer names its slot by the
            -- X-Request-Id the request carried, so a slow answer holds up one connection, not the slots after it.
            local start_us = nil
            local next_k = 0            -- the thread's next slot to reserve: id + next_k * threads
            local reserved, head, tail = {}, 1, 0 -- slots reserved by free connections, earliest first
            local due = {}              -- slot -> when it was due (µs), while its answer is awaited
            sent = 0
            results = {}

            @BUILD@

            delay = function()
              if start_us == nil then start_us = now_us() end
              if interval_us == 0 then -- closed loop: back to back until the run's time is up
                if now_us() - start_us >= duration_us then return 3600000 end
                tail = tail + 1
                reserved[tail] = id + next_k * threads
                next_k = next_k + 1
                return 0
              end
              local i = id + next_k * threads
              if i >= total then return 3600000 end
              next_k = next_k + 1
              tail = tail + 1
              reserved[tail] = i
              local wait = start_us + i * interval_us - now_us()
              if wait <= 0 then return 0 end
              return math.ceil(wait / 1000)
            end

            request = function()
              local slot = reserved[head]
              -- wrk calls request() once more, unsent, to check the script: that call takes no slot
              if slot == nil then return wrk.format(build(-1)) end
              reserved[head] = nil
              head = head + 1
              sent = sent + 1
              due[slot] = interval_us > 0 and start_us + slot * interval_us or now_us()
              local method, path, headers, body = build(slot)
              headers["X-Request-Id"] = "slot-" .. slot
              return wrk.format(method, path, headers, body)
            end

            response = function(status, headers, body)
              local now = now_us()
              local rid = headers["X-Request-Id"] or headers["x-request-id"] or ""
              local slot = tonumber(string.match(rid, "^slot%-(%d+)$"))
              local when = slot and due[slot]
              if when == nil then
                results[#results + 1] = "-1 " .. status .. " 0 0" -- an answer that names no slot of this thread's
              else
                due[slot] = nil
                results[#results + 1] = slot .. " " .. status .. " " .. math.floor(now - when) .. " " .. math.floor(when)
              end
            end

            done = function(summary, latency, requests)
              local out = io.open(@RESULTS@, "w")
              for _, thread in ipairs(started) do
                out:write("sent ", thread:get("sent"), "\\n")
                for _, line in ipairs(thread:get("results")) do out:write(line, "\\n") end
              end
              out:close()
              print_summary(summary, latency)
            end
            """ + SUMMARY_LUA;


    private record Raw(long requests, double seconds, long connect, long read, long write, long status, long timeout,
                       double p50, double p99, double p999, double max, double wrkCpu, Map<String, Double> cpu) {

        Run named(String name, String model, double rate) {
            long socket = connect + read + write + timeout;
            long errors = status + socket;
            Load.Result result = new Load.Result(name, model, rate, requests + connect + timeout, errors,
                    Math.max(0, requests - status) / seconds, p50, p99, p999, max, wrkCpu / seconds);
            return new Run(result, status, "", socket, "connect " + connect + ", read " + read + ", write " + write
                    + ", timeout " + timeout, seconds, wrkCpu, cpu);
        }
    }

    private Raw run(Path script, int connections, Duration duration, String base, Map<String, ProcessHandle> services)
            throws IOException, InterruptedException {
        return run(script, 1, connections, duration, base, services);
    }

    private Raw run(Path script, int threads, int connections, Duration duration, String base,
                    Map<String, ProcessHandle> services) throws IOException, InterruptedException {
        // bash's `times` prints the CPU time of its finished children (wrk) on its second line
        List<String> command = List.of("bash", "-c", "\"$0\" \"$@\"; rc=$?; times; exit $rc", executable,
                "-t" + threads, "-c" + connections, "-d" + Math.max(1, duration.toSeconds()) + "s", "--timeout", "10s",
                "-s", script.toString(), base);
        Map<String, Double> before = cpu(services);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk did not finish: " + output);
        }
        Map<String, Double> after = cpu(services);
        Matcher m = SUMMARY.matcher(output);
        if (process.exitValue() != 0 || !m.find()) {
            throw new IllegalStateException("wrk failed (exit " + process.exitValue() + "): " + output);
        }
        Map<String, Double> used = new LinkedHashMap<>();
        before.forEach((k, v) -> used.put(k, v == null || after.get(k) == null ? null : after.get(k) - v));
        String[] lines = output.strip().split("\n");
        Matcher t = CHILD_TIMES.matcher(lines[lines.length - 1]);
        double wrkCpu = t.find() ? 60 * Double.parseDouble(t.group(1)) + Double.parseDouble(t.group(2))
                + 60 * Double.parseDouble(t.group(3)) + Double.parseDouble(t.group(4)) : Double.NaN;
        return new Raw(l(m, 1), l(m, 2) / 1e6, l(m, 3), l(m, 4), l(m, 5), l(m, 6), l(m, 7), l(m, 8) / 1e3,
                l(m, 9) / 1e3, l(m, 10) / 1e3, l(m, 11) / 1e3, wrkCpu, used);
    }

    private static long l(Matcher m, int group) {
        return Long.parseLong(m.group(group));
    }

    private static Map<String, Double> cpu(Map<String, ProcessHandle> services) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        services.forEach((name, p) -> cpu.put(name, treeCpu(p)));
        return cpu;
    }

    /**
     * CPU seconds of {@code process} and of its children, the living ones and those it has waited for (the
     * postmaster's backends; a service's JVM has none), or null when the process is gone.
     */
    static Double treeCpu(ProcessHandle process) {
        Optional<Duration> own = process.info().totalCpuDuration();
        if (own.isEmpty()) {
            return null;
        }
        double seconds = own.get().toNanos() / 1e9 + process.descendants().mapToDouble(d -> d.info()
                .totalCpuDuration().map(t -> t.toNanos() / 1e9).orElse(0.0)).sum();
        try {
            // /proc/PID/stat: fields 16 and 17 are cutime and cstime, in clock ticks (USER_HZ, 100 on Linux)
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            seconds += (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            // not Linux, or gone meanwhile: the living processes' time only
        }
        return seconds;
    }

    /**
     * The Lua script: rotates {@code paths}, sends the bearer token, and with {@code rate > 0} holds each request
     * until its slot (LuaJIT's FFI reads the monotonic clock; wrk's delay has millisecond resolution).
     */
    private Path script(List<String> paths, String token, double rate) throws IOException {
        List<String> quoted = new ArrayList<>();
        for (String path : paths) {
            quoted.add(lua(path));
        }
        String pacing = rate <= 0 ? "" : """
                local ffi = require("ffi")
                ffi.cdef[[
                typedef struct { long tv_sec; long tv_nsec; } rehabit_timespec;
                int clock_gettime(int clk, rehabit_timespec *ts);
                ]]
                local ts = ffi.new("rehabit_timespec")
                local interval = %s
                local due = nil
                delay = function()
                  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
                  local now = tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
                  if due == nil then due = now - interval end -- the first request goes at once
                  due = due + interval
                  if due <= now then return 0 end
                  return math.floor(due - now)
                end
                """.formatted(String.format(Locale.ROOT, "%.6f", 1000.0 / rate));
        String lua = """
                local paths = {%s}
                local headers = {["Authorization"] = %s, ["Accept"] = "application/json"}
                local i = 0
                request = function()
                  i = i + 1
                  return wrk.format("GET", paths[(i %% #paths) + 1], headers)
                end
                %s
                done = function(summary, latency, requests)
                  print_summary(summary, latency)
                end
                """.formatted(String.join(", ", quoted), lua("Bearer " + token), pacing) + SUMMARY_LUA;
        Path file = Files.createTempFile(workDir, "wrk-", ".lua");
        Files.writeString(file, lua);
        return file;
    }

    private static String lua(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

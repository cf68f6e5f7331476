package org.rehabit.bench;

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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Debian's {@code wrk} as the load generator, started as its own process (one thread, so at most one core): a
 * light native client next to what it measures, where the Java driver in this JVM shares the cores with the
 * services and flattens both sides of a ratio. A Lua script rotates the request paths and sets the
 * Authorization header; its {@code done} hook prints wrk's own figures in one line this class parses.
 * <p>
 * Two modes: {@link #saturate} (N connections back to back, peak throughput) and {@link #paced} (a fixed rate:
 * the script's {@code delay} hook holds each request until its slot on one schedule of {@code rate} per second,
 * shared by all connections). wrk measures latency from when a request is written, not from its slot, so a
 * stall longer than the free connections can absorb is under-counted (coordinated omission); the run reports
 * the rate it achieved and the report calls a run that fell behind "not sustained".
 * <p>
 * Its cost is measured, not assumed: wrk's CPU time (user + system, from the shell's {@code times}) and the
 * services' CPU time over the same run ({@code /proc}, through {@link ProcessHandle}) go into {@link Run#cost}.
 */
final class Wrk {

    /** What one wrk run measured, and what it and the services cost in CPU during it. */
    record Run(Load.Result result, long httpErrors, long socketErrors, String socketDetail, double seconds,
               double wrkCpuSeconds, Map<String, Double> serviceCpuSeconds) {

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
        run(script(paths, token, 0), connections, duration, base, Map.of());
    }

    /** {@code connections} connections back to back: first {@code warmup} unrecorded, then {@code measure}. */
    Run saturate(String name, int connections, Duration warmup, Duration measure, String base, List<String> paths,
                 String token, Map<String, ProcessHandle> services) throws IOException, InterruptedException {
        Path script = script(paths, token, 0);
        if (!warmup.isZero()) {
            run(script, connections, warmup, base, Map.of());
        }
        return run(script, connections, measure, base, services).named(name, "closed, " + connections
                + " connections (wrk)", 0);
    }

    /** {@code rate} requests per second on one schedule over {@code connections} connections. */
    Run paced(String name, double rate, int connections, Duration warmup, Duration measure, String base,
              List<String> paths, String token, Map<String, ProcessHandle> services)
            throws IOException, InterruptedException {
        Path script = script(paths, token, rate);
        if (!warmup.isZero()) {
            run(script, connections, warmup, base, Map.of());
        }
        return run(script, connections, measure, base, services).named(name, "paced, " + connections
                + " connections (wrk)", rate);
    }

    private record Raw(long requests, double seconds, long connect, long read, long write, long status, long timeout,
                       double p50, double p99, double p999, double max, double wrkCpu, Map<String, Double> cpu) {

        Run named(String name, String model, double rate) {
            long socket = connect + read + write + timeout;
            long errors = status + socket;
            Load.Result result = new Load.Result(name, model, rate, requests + connect + timeout, errors,
                    Math.max(0, requests - status) / seconds, p50, p99, p999, max, wrkCpu / seconds);
            return new Run(result, status, socket, "connect " + connect + ", read " + read + ", write " + write
                    + ", timeout " + timeout, seconds, wrkCpu, cpu);
        }
    }

    private Raw run(Path script, int connections, Duration duration, String base, Map<String, ProcessHandle> services)
            throws IOException, InterruptedException {
        // bash's `times` prints the CPU time of its finished children (wrk) on its second line
        List<String> command = List.of("bash", "-c", "\"$0\" \"$@\"; rc=$?; times; exit $rc", executable,
                "-t1", "-c" + connections, "-d" + Math.max(1, duration.toSeconds()) + "s", "--timeout", "10s",
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
        services.forEach((name, p) -> cpu.put(name, p.info().totalCpuDuration()
                .map(d -> d.toNanos() / 1e9).orElse(null)));
        return cpu;
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
                  local e = summary.errors
                  io.write(string.format("REHABIT requests=%%d duration_us=%%d connect=%%d read=%%d write=%%d "
                    .. "status=%%d timeout=%%d p50_us=%%d p99_us=%%d p999_us=%%d max_us=%%d\\n",
                    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
                    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
                end
                """.formatted(String.join(", ", quoted), lua("Bearer " + token), pacing);
        Path file = Files.createTempFile(workDir, "wrk-", ".lua");
        Files.writeString(file, lua);
        return file;
    }

    private static String lua(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

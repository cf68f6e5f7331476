package org.rehabit.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The load drivers. {@link #fixedRate} is an open model: request i is due at {@code start + i / rate} whatever
 * happened to the requests before it, and its latency is measured from that intended start, so a stall shows
 * up in the latency of every request it delayed (no coordinated omission). {@link #saturate} is a closed loop
 * (N callers, each sending its next request when the last one answered), used for peak throughput only.
 */
final class Load {

    /** One call: completes true when the answer was the expected one. */
    interface Call extends Supplier<CompletableFuture<Boolean>> {
    }

    /**
     * What one measurement saw: latencies in milliseconds of the successful calls only (a fast error is not an
     * answer: it would pull a percentile down), the errors counted beside them (NaN latencies when none succeeded);
     * throughput counts successful calls per second; {@code generatorCpu} is what the load generator used over the
     * measured window, as a share of one core (NaN when unknown). The Java drivers fill it from an HdrHistogram
     * ({@link #of}); {@link Wrk} from wrk's own summary.
     */
    record Result(String name, String model, double targetRate, long calls, long errors, double throughput,
                  double p50Ms, double p99Ms, double p999Ms, double maxMs, double generatorCpu) {

        static Result of(String name, String model, double targetRate, long calls, long errors, double throughput,
                         Histogram latency, double generatorCpu) {
            return new Result(name, model, targetRate, calls, errors, throughput,
                    ms(latency, latency.getValueAtPercentile(50)), ms(latency, latency.getValueAtPercentile(99)),
                    ms(latency, latency.getValueAtPercentile(99.9)), ms(latency, latency.getMaxValue()),
                    generatorCpu);
        }

        private static double ms(Histogram latency, long nanos) {
            return latency.getTotalCount() == 0 ? Double.NaN : nanos / 1_000_000.0;
        }
    }

    /**
     * The CPU time this JVM (the Java load generator, with its HTTP and JDBC clients) has used so far, in
     * nanoseconds, or -1 when the platform does not say.
     */
    static long processCpuNanos() {
        try {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    /** CPU used since {@code cpuBefore} over {@code wallNanos}, as a share of one core. */
    private static double share(long cpuBefore, long wallNanos) {
        long cpuAfter = processCpuNanos();
        return cpuBefore < 0 || cpuAfter < 0 ? Double.NaN : (cpuAfter - cpuBefore) / (double) Math.max(1, wallNanos);
    }

    private static final long MAX_LATENCY = TimeUnit.SECONDS.toNanos(120);

    private Load() {
    }

    /** Runs {@code call} at {@code rate} per second: first unmeasured for {@code warmup}, then measured. */
    static Result fixedRate(String name, double rate, Duration warmup, Duration measure, Call call) {
        if (!warmup.isZero()) {
            run(rate, warmup, call, null);
        }
        ConcurrentHistogram histogram = new ConcurrentHistogram(MAX_LATENCY, 3);
        long cpu = processCpuNanos();
        long[] counts = run(rate, measure, call, histogram);
        double seconds = counts[2] / 1e9;
        return Result.of(name, "open, fixed rate", rate, counts[0], counts[1], (counts[0] - counts[1]) / seconds,
                histogram, share(cpu, counts[2]));
    }

    /** {calls, errors, elapsed nanos from the first intended start to the last answer} */
    private static long[] run(double rate, Duration duration, Call call, Histogram histogram) {
        long total = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        double interval = 1e9 / rate;
        CountDownLatch done = new CountDownLatch((int) total);
        AtomicLong errors = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long intended = start + (long) (i * interval);
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            CompletableFuture<Boolean> answer;
            try {
                answer = call.get();
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((ok, failure) -> {
                long now = System.nanoTime();
                if (failure != null || !Boolean.TRUE.equals(ok)) {
                    errors.incrementAndGet();
                } else if (histogram != null) {
                    histogram.recordValue(Math.min(MAX_LATENCY, now - intended));
                }
                lastAnswer.accumulateAndGet(now, Math::max);
                done.countDown();
            });
        }
        await(done);
        return new long[] {total, errors.get(), Math.max(1, lastAnswer.get() - start)};
    }

    /**
     * {@code concurrency} callers back to back for {@code warmup} (unmeasured), then {@code measure}: every answer
     * that arrives within the measured window counts, its latency from when it was sent.
     */
    static Result saturate(String name, int concurrency, Duration warmup, Duration measure, Call call) {
        ConcurrentHistogram histogram = new ConcurrentHistogram(MAX_LATENCY, 3);
        AtomicLong calls = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        AtomicLong cpu = new AtomicLong(-1);
        // the generator's CPU over the measured window only
        CompletableFuture.runAsync(() -> cpu.set(processCpuNanos()), CompletableFuture.delayedExecutor(
                Math.max(0, measureFrom - System.nanoTime()), TimeUnit.NANOSECONDS));
        for (int i = 0; i < concurrency; i++) {
            loop(call, measureFrom, end, histogram, calls, errors, done);
        }
        await(done);
        double generator = share(cpu.get(), measure.toNanos());
        return Result.of(name, "closed, " + concurrency + " callers", 0, calls.get(), errors.get(),
                (calls.get() - errors.get()) / (measure.toNanos() / 1e9), histogram, generator);
    }

    private static void loop(Call call, long measureFrom, long end, Histogram histogram, AtomicLong calls,
                             AtomicLong errors, CountDownLatch done) {
        long sent = System.nanoTime();
        if (sent >= end) {
            done.countDown();
            return;
        }
        CompletableFuture<Boolean> answer;
        try {
            answer = call.get();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((ok, failure) -> {
            long now = System.nanoTime();
            if (now >= measureFrom && now <= end) {
                calls.incrementAndGet();
                if (failure != null || !Boolean.TRUE.equals(ok)) {
                    errors.incrementAndGet();
                } else {
                    histogram.recordValue(Math.min(MAX_LATENCY, now - sent));
                }
            }
            loop(call, measureFrom, end, histogram, calls, errors, done);
        });
    }

    /** One call at a time, {@code count} times after {@code warmup} unmeasured ones: the service time alone. */
    static Result serial(String name, int warmup, int count, Call call) {
        for (int i = 0; i < warmup; i++) {
            call.get().join();
        }
        Histogram histogram = new Histogram(MAX_LATENCY, 3);
        long errors = 0;
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long sent = System.nanoTime();
            boolean ok;
            try {
                ok = Boolean.TRUE.equals(call.get().join());
            } catch (RuntimeException e) {
                ok = false;
            }
            if (ok) {
                histogram.recordValue(Math.min(MAX_LATENCY, System.nanoTime() - sent));
            } else {
                errors++;
            }
        }
        long wall = System.nanoTime() - start;
        return Result.of(name, "serial, 1 caller", 0, count, errors, (count - errors) / (wall / 1e9), histogram,
                share(cpu, wall));
    }

    private static void await(CountDownLatch done) {
        try {
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("Calls still unanswered after 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

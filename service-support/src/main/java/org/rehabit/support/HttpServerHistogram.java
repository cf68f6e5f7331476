package org.rehabit.support;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * Exports the HTTP server's request times as a histogram with a few fixed buckets
 * ({@code http_server_requests_seconds_bucket}), so that Prometheus can compute percentiles over all replicas: the
 * p99 alert and the dashboard's latency panel use them (deploy/kubernetes/monitoring). Without it Micrometer exports
 * only a count, a sum and a maximum. Fixed buckets rather than Micrometer's percentile histogram: about ten series
 * per route and status instead of seventy.
 */
@Singleton
public class HttpServerHistogram {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";
    static final double[] BUCKETS = Stream.of(10, 25, 50, 100, 250, 500, 1000, 2500, 5000)
            .mapToDouble(ms -> Duration.ofMillis(ms).toNanos()).toArray();

    @Produces
    @Singleton
    MeterFilter httpServerRequestBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(HTTP_SERVER_REQUESTS)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS).build().merge(config);
            }
        };
    }
}

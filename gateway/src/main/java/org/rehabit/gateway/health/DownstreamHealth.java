package org.rehabit.gateway.health;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Whether the services behind the gateway are ready: {@code /q/health/group/downstream} on the management port, for
 * dashboards and operators; it asks each service's management interface ({@code REHABIT_*_MANAGEMENT_URL}). Deliberately not part of the gateway's own readiness, so that a down service never makes the
 * orchestrator restart or unroute the gateway (which still serves cached content and fast 503s).
 */
@HealthGroup("downstream")
@ApplicationScoped
public class DownstreamHealth implements HealthCheck {

    private final Map<String, String> services;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public DownstreamHealth(@ConfigProperty(name = "rehabit.downstream-health.catalog-url") String catalog,
                            @ConfigProperty(name = "rehabit.downstream-health.session-url") String session) {
        this.services = Map.of("catalog-service", catalog, "session-service", session);
    }

    @Override
    public HealthCheckResponse call() {
        var answer = HealthCheckResponse.named("downstream services").up();
        boolean allUp = true;
        for (var service : services.entrySet()) {
            boolean up = ready(service.getValue());
            answer.withData(service.getKey(), up ? "UP" : "DOWN");
            allUp &= up;
        }
        return allUp ? answer.build() : answer.down().build();
    }

    private boolean ready(String baseUrl) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

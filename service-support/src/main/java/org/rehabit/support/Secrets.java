package org.rehabit.support;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses to start a service (in production, i.e. the packaged jar) whose database password or audit ingest key is a
 * placeholder ({@code change-me...}) or shorter than {@value #MIN_LENGTH} characters, with one line naming the
 * environment variable — as the value is first read, before any connection is made. An empty database password is
 * allowed (a server that authenticates otherwise, e.g. the local installation's); an empty ingest key is too (the
 * gateway's denials are then counted as dropped, and the service says so). The ingest key may list several keys,
 * comma-separated (a rotation): each is checked.
 */
// outside the expression interceptor (3300): the value checked is the one a ${VARIABLE} expands to
@Priority(Priorities.LIBRARY + 200)
public class Secrets implements ConfigSourceInterceptor {

    /** The shortest secret accepted; also the shortest audit ingest key the session service takes. */
    public static final int MIN_LENGTH = 16;

    /** The secrets checked, by property, with the environment variable that sets each. */
    static final Map<String, String> CHECKED = Map.of(
            "quarkus.datasource.password", "QUARKUS_DATASOURCE_PASSWORD",
            "rehabit.audit.ingest-key", "REHABIT_AUDIT_INGEST_KEY");

    /** The secrets (by variable) that list several values, comma-separated: each is a secret of its own. */
    static final Set<String> LISTS = Set.of("REHABIT_AUDIT_INGEST_KEY");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null && CHECKED.containsKey(name) && LaunchMode.current() == LaunchMode.NORMAL) {
            problem(CHECKED.get(name), value.getValue()).ifPresent(problem -> {
                throw new IllegalStateException(problem);
            });
        }
        return value;
    }

    /** What is wrong with {@code value} as the secret {@code variable}, if anything. */
    public static Optional<String> problem(String variable, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (LISTS.contains(variable)) {
            // empty entries are no keys (as the service reads the list), not short ones
            return Arrays.stream(value.split(",")).filter(k -> !k.isBlank()).map(k -> one(variable, k))
                    .flatMap(Optional::stream).findFirst();
        }
        return one(variable, value);
    }

    private static Optional<String> one(String variable, String value) {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (lower.contains("change-me") || lower.contains("changeme") || lower.contains("change_me")) {
            return Optional.of(variable + " is a placeholder (change-me...): set a real secret (docs/operations.md, "
                    + "\"Secrets\")");
        }
        if (value.strip().length() < MIN_LENGTH) {
            return Optional.of(variable + " is too short: at least " + MIN_LENGTH + " characters (docs/operations.md, "
                    + "\"Secrets\")");
        }
        return Optional.empty();
    }
}

package org.rehabit.gateway.edge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many requests the gateway takes from one client before answering 429 ({@code rehabit.rate-limit.*}). */
@ConfigMapping(prefix = "rehabit.rate-limit")
public interface RateLimitConfig {

    /** Sustained requests per minute per bearer token (REHABIT_RATE_LIMIT_PER_TOKEN); 0 turns this limit off. */
    @WithDefault("3000")
    int perToken();

    /** Sustained requests per minute per client address (REHABIT_RATE_LIMIT_PER_ADDRESS); 0 turns it off. */
    @WithDefault("12000")
    int perAddress();

    /** How many seconds' worth of the sustained rate a client may send at once (the bucket's size). */
    @WithDefault("10")
    int burstSeconds();

    /**
     * Most clients tracked at once per limit (REHABIT_RATE_LIMIT_MAX_CLIENTS), the least used forgotten first: the
     * limiter's memory bound, a few hundred bytes a client (a token is kept as 16 bytes of its hash).
     */
    @WithDefault("20000")
    int maxClients();
}

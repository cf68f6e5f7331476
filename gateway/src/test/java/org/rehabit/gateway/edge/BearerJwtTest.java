package org.rehabit.gateway.edge;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which Authorization headers carry a bearer JWT, whose bucket the per-token rate limit keeps. */
class BearerJwtTest {

    @Test
    void aBearerJwtInAnyCaseOfTheSchemeWithOneOrMoreSpaces() {
        assertEquals("aGVhZA.cGF5bG9hZA.c2ln", RateLimiter.TokenKey.bearerJwt("Bearer aGVhZA.cGF5bG9hZA.c2ln"));
        assertEquals("a-b_c.D0.", RateLimiter.TokenKey.bearerJwt("bEaReR   a-b_c.D0."));
    }

    @Test
    void anythingElseIsNoBearerJwt() {
        for (String header : new String[] {"Bearer", "Bearer ", "Basic YWRhOmRlbW8=", "Bearerx a.b.c",
                "Bearer a.b", "Bearer a.b.c.d", "Bearer .b.c", "Bearer a..c", "Bearer a.b.c d", "Bearer a.b.c=",
                "Bearer a.b.c+/", "Bearer\ta.b.c", "Bearer ä.b.c"}) {
            assertNull(RateLimiter.TokenKey.bearerJwt(header), header);
        }
    }

    @Test
    void twoTokensHaveTwoKeysAndTheSameTokenOne() {
        assertEquals(RateLimiter.TokenKey.of("Bearer a.b.c"), RateLimiter.TokenKey.of("bearer  a.b.c"));
        assertNull(RateLimiter.TokenKey.of("Basic x"));
        org.junit.jupiter.api.Assertions.assertNotEquals(RateLimiter.TokenKey.of("Bearer a.b.c"),
                RateLimiter.TokenKey.of("Bearer a.b.d"));
    }
}

package org.rehabit.support;

import io.vertx.core.http.HttpClosedException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request whose connection closed while its body was read (how Quarkus REST reports it: an IOException around
 * Vert.x's HttpClosedException) is the client's hang-up, a 400 nobody reads, not an internal error with an incident.
 */
class ClientClosedTest {

    @Test
    void aBodyCutOffByAClosedConnectionIsTheClientsHangUp() {
        assertTrue(ProblemMapper.clientClosed(new IOException(new IOException(new HttpClosedException(
                "Connection was closed")))));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(ProblemMapper.clientClosed(new IOException("disk full")));
        assertFalse(ProblemMapper.clientClosed(new IllegalStateException(new RuntimeException("bug"))));
    }
}

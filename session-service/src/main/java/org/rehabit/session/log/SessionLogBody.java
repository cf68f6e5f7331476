package org.rehabit.session.log;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Reads a session log's body whole on the event loop, as its bytes arrive, before the resource method is handed to a
 * worker thread. Quarkus REST then deserializes it from memory (it uses a body already read: {@code
 * RoutingContext#getBody}); without this the worker reads the body from the event loop through a monitor both threads
 * take for every chunk and for its end, and on two busy cores their contention took about a fifth of the service's
 * CPU samples under load (JFR, {@code VertxBlockingInput}). Only bodies with a Content-Length up to {@link #LARGEST}
 * bytes (a log with 50 items and 2,000 characters of notes is far smaller) and no {@code Expect} header; any other
 * request is read as before. A client that hangs up before its body has arrived is passed on with an empty body: the
 * log is refused (400, audited as before) and nothing is stored.
 */
@Singleton
public class SessionLogBody {

    private static final Logger LOG = Logger.getLogger(SessionLogBody.class);
    static final int LARGEST = 64 * 1024;

    void route(@Observes Router router) {
        router.post("/patients/:patientId/sessions").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(SessionLogBody::read);
    }

    static void read(RoutingContext context) {
        HttpServerRequest request = context.request();
        long length = contentLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (length < 0 || length > LARGEST || request.isEnded() || context.getBody() != null
                || request.getHeader(HttpHeaders.EXPECT) != null) {
            context.next();
            return;
        }
        Buffer body = Buffer.buffer((int) length);
        boolean[] passedOn = new boolean[1];
        request.handler(body::appendBuffer);
        request.exceptionHandler(failure -> {
            if (!passedOn[0]) {
                passedOn[0] = true;
                LOG.infof("%s: the client closed the connection before its request was read whole", request.path());
                context.setBody(Buffer.buffer());
                context.next();
            }
        });
        request.endHandler(end -> {
            if (!passedOn[0]) {
                passedOn[0] = true;
                context.setBody(body);
                context.next();
            }
        });
        request.resume();
    }

    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

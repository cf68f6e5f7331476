package org.rehabit.gateway.downstream;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.rehabit.support.Problem;

import java.util.List;

/** The problem+json answers for what only the gateway meets: a service's internal error, a write whose outcome is unknown. */
public class DownstreamProblems {

    private static final Logger LOG = Logger.getLogger(DownstreamProblems.class);

    @ServerExceptionMapper
    public Response internal(DownstreamError e, UriInfo uri) {
        LOG.errorf(e.getCause(), "%s on %s (incident %s)", e.getMessage(), uri.getPath(), e.incident());
        return problem(500, "internal", "Internal error", "The request could not be completed; the failure was "
                + "logged as incident " + e.incident() + ".", uri);
    }

    @ServerExceptionMapper
    public Response outcomeUnknown(OutcomeUnknown e, UriInfo uri) {
        LOG.warnf("%s: %s", uri.getPath(), e.getCause() == null ? e.getMessage() : e.getCause().toString());
        return problem(e.status(), "outcome-unknown", "Outcome unknown", e.getMessage(), uri);
    }

    private static Response problem(int status, String type, String title, String detail, UriInfo uri) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("urn:rehabit:problem:" + type, title, status, detail, uri.getPath(), List.of()))
                .build();
    }
}

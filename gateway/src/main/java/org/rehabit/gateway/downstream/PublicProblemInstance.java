package org.rehabit.gateway.downstream;

import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.rehabit.gateway.edge.HttpProblems;
import org.rehabit.support.Problem;

/**
 * A service's problem answer that a composed view passes on as it came (a {@link Downstream} body) names the path
 * the client asked for in its {@code instance}, not the service's own path, as the route table's answers do
 * ({@code route.Forwarder}).
 */
public class PublicProblemInstance {

    private static final MediaType PROBLEM = MediaType.valueOf(Problem.MEDIA_TYPE);

    @ServerResponseFilter
    public void publicInstance(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 400 && response.getEntity() instanceof byte[] body
                && response.getMediaType() != null && PROBLEM.isCompatible(response.getMediaType())) {
            response.setEntity(HttpProblems.withPublicInstance(Buffer.buffer(body),
                    request.getUriInfo().getRequestUri().getRawPath()).getBytes());
        }
    }
}

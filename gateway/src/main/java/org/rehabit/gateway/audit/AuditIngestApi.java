package org.rehabit.gateway.audit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.Map;

/**
 * The session-service's internal ingest of the gateway's denials (same address as the session client). No caller's
 * headers are propagated: deliveries run on their own thread, authenticated by the ingest key alone.
 */
@RegisterRestClient(configKey = "session")
@Path("/audit/gateway-denials")
interface AuditIngestApi {

    String KEY_HEADER = "X-Rehabit-Audit-Key";

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response deliver(@HeaderParam(KEY_HEADER) String key, Map<String, Object> batch);
}

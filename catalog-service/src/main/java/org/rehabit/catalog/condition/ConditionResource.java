package org.rehabit.catalog.condition;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Conditions: what they are, how to look after them, when to stop and seek care. */
@Authenticated
@Path("/conditions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Conditions")
public class ConditionResource {

    private final ConditionService service;

    public ConditionResource(ConditionService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "List all conditions, by name")
    public List<ConditionSummary> list() {
        return service.list();
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "Read a condition with its guidance, red flags, recommended exercises and starter routines")
    public ConditionView get(@PathParam("slug") String slug) {
        return service.get(slug);
    }
}

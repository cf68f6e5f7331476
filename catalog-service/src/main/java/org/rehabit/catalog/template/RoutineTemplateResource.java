package org.rehabit.catalog.template;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.catalog.exercise.Slugs;

import java.util.List;

/** Routine templates: ready-made, ordered routines for a condition. */
@Authenticated
@Path("/routine-templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routine templates")
public class RoutineTemplateResource {

    private final RoutineTemplateService service;

    public RoutineTemplateResource(RoutineTemplateService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "List routine templates, optionally for one condition")
    public List<RoutineTemplateSummary> list(
            @QueryParam("condition") @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String condition) {
        return service.list(condition);
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "Read a routine template with its exercises in order and their doses")
    public RoutineTemplateView get(@PathParam("slug") String slug) {
        return service.get(slug);
    }
}

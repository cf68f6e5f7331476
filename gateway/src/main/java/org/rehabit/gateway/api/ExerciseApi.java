package org.rehabit.gateway.api;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.gateway.catalog.CatalogClient;
import org.rehabit.gateway.catalog.CatalogReads;

import java.util.List;

/**
 * The exercise library, conditions and routine templates: read by everyone, written by content editors. While the
 * catalog is down, reads answer from the last copy the gateway kept, marked stale ({@link CatalogReads}).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Exercise library")
public class ExerciseApi {

    private final CatalogClient catalog;
    private final CatalogReads reads;

    public ExerciseApi(CatalogClient catalog, CatalogReads reads) {
        this.catalog = catalog;
        this.reads = reads;
    }

    @GET
    @Path("exercises")
    @Authenticated
    @Operation(summary = "Search published exercises (ranked full text and filters, paged)",
            description = "Answers {items, page, size, total, totalExact, next}: every match ranked, total exact "
                    + "(totalExact is always true); next is the token to pass as after= for the following page "
                    + "(null on the last; without q, pages follow the name order by keyset, so exercises published "
                    + "meanwhile neither repeat nor push others out). q takes web-search syntax (\"a phrase\", "
                    + "-excluded, or); the last word also matches as a prefix; a typo is tolerated when the words "
                    + "match nothing.")
    public Response search(@QueryParam("q") String q, @QueryParam("region") List<String> region,
                           @QueryParam("condition") List<String> condition,
                           @QueryParam("position") List<String> position,
                           @QueryParam("equipment") List<String> equipment,
                           @QueryParam("category") List<String> category,
                           @QueryParam("difficulty") List<String> difficulty, @QueryParam("page") String page,
                           @QueryParam("after") @Parameter(description = "the next token of the previous page",
                                   schema = @Schema(type = SchemaType.STRING, maxLength = 1000,
                                           pattern = "^[A-Za-z0-9_-]*$")) String after,
                           @QueryParam("size") String size) {
        return reads.read(api -> api.search(q, region, condition, position, equipment, category, difficulty, page,
                after, size));
    }

    @GET
    @Path("exercises/{slug}")
    @Authenticated
    @Operation(summary = "Read the current published version of an exercise (ETag; 304 on If-None-Match)")
    public Response exercise(@PathParam("slug") String slug) {
        return reads.read(api -> api.exercise(slug));
    }

    @GET
    @Path("exercises/{slug}/versions")
    @Authenticated
    @Operation(summary = "List the versions of an exercise, newest first")
    public Response versions(@PathParam("slug") String slug) {
        return reads.read(api -> api.versions(slug));
    }

    @GET
    @Path("exercises/{slug}/versions/{version}")
    @Authenticated
    @Operation(summary = "Read one version of an exercise; published versions never change")
    public Response version(@PathParam("slug") String slug, @PathParam("version") String version) {
        return reads.read(api -> api.version(slug, version));
    }

    @GET
    @Path("exercises/{slug}/draft")
    @RolesAllowed(Roles.CONTENT_EDITOR)
    @Operation(summary = "Read the open draft of an exercise")
    public Response draft(@PathParam("slug") String slug) {
        return catalog.read(api -> api.draft(slug)).toResponse();
    }

    @POST
    @Path("exercises")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CONTENT_EDITOR)
    @Operation(summary = "Create an exercise as a draft")
    public Response createExercise(
            @RequestBody(content = @Content(examples = @ExampleObject(name = "an exercise", value = Examples.EXERCISE)))
            String body) {
        return catalog.write(api -> api.create(body)).toResponse();
    }

    @PUT
    @Path("exercises/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CONTENT_EDITOR)
    @Operation(summary = "Edit an exercise's draft (If-Match required)")
    public Response updateExerciseDraft(@PathParam("slug") String slug,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "an exercise", value = Examples.EXERCISE)))
            String body) {
        return catalog.write(api -> api.update(slug, body)).toResponse();
    }

    @POST
    @Path("exercises/{slug}/publish")
    @RolesAllowed(Roles.CONTENT_EDITOR)
    @Operation(summary = "Publish an exercise's draft")
    public Response publish(@PathParam("slug") String slug) {
        return catalog.write(api -> api.publish(slug)).toResponse();
    }

    @POST
    @Path("exercises/{slug}/retire")
    @RolesAllowed(Roles.CONTENT_EDITOR)
    @Operation(summary = "Retire an exercise (out of search and new programs; still readable)")
    public Response retire(@PathParam("slug") String slug) {
        return catalog.write(api -> api.retire(slug)).toResponse();
    }

    @GET
    @Path("conditions")
    @Authenticated
    @Operation(summary = "List conditions")
    public Response conditions() {
        return reads.read(api -> api.conditions());
    }

    @GET
    @Path("conditions/{slug}")
    @Authenticated
    @Operation(summary = "Read a condition with guidance, red flags, exercises and starter routines")
    public Response condition(@PathParam("slug") String slug) {
        return reads.read(api -> api.condition(slug));
    }

    @GET
    @Path("routine-templates")
    @Authenticated
    @Operation(summary = "List routine templates, optionally for a condition")
    public Response templates(@QueryParam("condition") String condition) {
        return reads.read(api -> api.templates(condition));
    }

    @GET
    @Path("routine-templates/{slug}")
    @Authenticated
    @Operation(summary = "Read a routine template with its exercises in order")
    public Response template(@PathParam("slug") String slug) {
        return reads.read(api -> api.template(slug));
    }
}

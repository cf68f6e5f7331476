package org.rehabit.catalog.exercise;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Writing the exercise library, for content editors only. Every write operation lives in this class so that
 * one class-level rule guards them all.
 */
@RolesAllowed("content-editor")
@Path("/exercises")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Exercise authoring")
public class ExerciseAuthoringResource {

    private final ExerciseService service;

    public ExerciseAuthoringResource(ExerciseService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Create an exercise as a draft (version 1)")
    public Response create(@NotNull @Valid ExerciseInput body) {
        // parameters holding the request body are named "body": a missing body is reported as the field "body"
        ExerciseService.Written written = service.create(body);
        return Response.created(UriBuilder.fromResource(ExerciseResource.class).path(written.exercise().slug())
                        .path("draft").build())
                .tag(EntityTag.valueOf(written.etag()))
                .entity(written.exercise())
                .build();
    }

    @PUT
    @Path("/{slug}")
    @Operation(summary = "Edit an exercise's draft",
            description = "Edits the open draft in place, or, when the newest version is published, starts a new "
                    + "draft version from this content; published versions never change. Requires If-Match with "
                    + "the exercise's ETag: 428 without it, 412 when the exercise changed since it was read.")
    public Response update(@PathParam("slug") String slug, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @NotNull @Valid ExerciseInput body) {
        return written(service.update(slug, ifMatch, body));
    }

    @POST
    @Path("/{slug}/publish")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Publish the open draft, making it the current version",
            description = "Publishing a retired exercise's new draft brings it back. Optional If-Match (412 on "
                    + "mismatch); 409 when there is no draft.")
    public Response publish(@PathParam("slug") String slug, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return written(service.publish(slug, ifMatch));
    }

    @POST
    @Path("/{slug}/retire")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Retire an exercise",
            description = "It disappears from search and can no longer be newly assigned; every published version "
                    + "stays readable, so existing programs are unaffected. Optional If-Match (412 on mismatch); "
                    + "409 when already retired or never published. replacedBy optionally names the published "
                    + "exercise to use instead: resolving the retired slug then names it, so programs that still "
                    + "pin this exercise are offered it (400 when it is not a published, unretired exercise).")
    public Response retire(@PathParam("slug") String slug, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @QueryParam("replacedBy") String replacedBy) {
        return written(service.retire(slug, ifMatch, replacedBy == null || replacedBy.isBlank() ? null
                : replacedBy.strip()));
    }

    private static Response written(ExerciseService.Written written) {
        return Response.ok(written.exercise()).tag(EntityTag.valueOf(written.etag())).build();
    }
}

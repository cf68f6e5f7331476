package org.rehabit.catalog.instrument;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Writing instruments, for content editors only: publishing a version, importing a version's licensed text. */
@RolesAllowed("content-editor")
@Path("/instruments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Instrument authoring")
public class InstrumentAuthoringResource {

    private final InstrumentService service;
    private final SecurityIdentity identity;

    public InstrumentAuthoringResource(InstrumentService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Path("/{slug}/versions")
    @Operation(summary = "Publish an instrument's next version (version 1 of a new slug)",
            description = "Published versions never change. 400 when the scoring rule does not fit the items "
                    + "(score range, missing-item allowance, MCID), or when some items have text and others not.")
    public Response publish(@PathParam("slug") String slug, @NotNull @Valid InstrumentInput body) {
        InstrumentView view = service.publish(slug, body);
        return Response.created(UriBuilder.fromResource(InstrumentResource.class).path(slug).path("versions")
                .path(String.valueOf(view.version())).build()).entity(view).build();
    }

    @PUT
    @Path("/{slug}/versions/{version}/text")
    @Operation(summary = "Import this installation's licensed text of one instrument version",
            description = "For versions shipped without their text: every item of the version exactly once, no "
                    + "other (400 naming the unknown or missing items); importing again replaces it; other versions "
                    + "are untouched. 409 when the version ships its own text.")
    public InstrumentView importText(@PathParam("slug") String slug, @PathParam("version") int version,
                                     @NotNull @Valid TextImport body) {
        return service.importText(slug, version, body, identity.getPrincipal().getName());
    }
}

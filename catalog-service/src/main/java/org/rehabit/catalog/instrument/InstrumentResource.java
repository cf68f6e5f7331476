package org.rehabit.catalog.instrument;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Reading outcome-measure instruments (validated questionnaires): any signed-in caller. */
@Authenticated
@Path("/instruments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Instruments")
public class InstrumentResource {

    private final InstrumentService service;

    public InstrumentResource(InstrumentService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "List the instruments, each at its current version",
            description = "text says whether a version's wording is SHIPPED with Rehabit, IMPORTED by this "
                    + "installation under its licence, or NONE (ids and answer ranges only).")
    public List<InstrumentSummary> list() {
        return service.list();
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "Read an instrument's current version")
    public InstrumentView current(@PathParam("slug") String slug) {
        return service.current(slug);
    }

    @GET
    @Path("/{slug}/versions/{version}")
    @Operation(summary = "Read one published version of an instrument, forever")
    public InstrumentView version(@PathParam("slug") String slug, @PathParam("version") int version) {
        return service.version(slug, version);
    }
}

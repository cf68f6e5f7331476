package org.rehabit.catalog.exercise;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rehabit.catalog.common.PageView;

import java.util.List;

/** Reading the exercise library: search, exercises, their versions, and batch resolution for other services. */
@Authenticated
@Path("/exercises")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Exercises")
public class ExerciseResource {

    private final ExerciseService service;

    public ExerciseResource(ExerciseService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Search published exercises",
            description = "Full-text search over name, aliases and summary in web-search syntax (\"a phrase\", "
                    + "-excluded, or; every other word must match, the last one also as the start of a word), every "
                    + "match ranked by relevance (name and aliases weighing more than the summary), then by name and "
                    + "slug; when the words match no exercise at all (whatever the filters), names that look like "
                    + "them (a typo) are found instead. Filters: "
                    + "several values of one filter (repeated or comma-separated) mean any of them; different "
                    + "filters must all hold. equipment=none finds exercises needing no equipment. Without q, "
                    + "results are ordered by name and paged by keyset: pass a page's next token as after= for the "
                    + "following page (exercises published meanwhile neither repeat nor push others out; page= "
                    + "still works, by offset). Retired exercises and drafts are never listed. total is exact "
                    + "(totalExact is always true). Results are cached until the library changes: a search that "
                    + "starts after a publish or retire committed shows it.")
    public PageView<ExerciseSummary> search(
            @QueryParam("q") @Parameter(description = "words to look for") String q,
            @QueryParam("region") @Parameter(description = "body region, e.g. NECK") List<String> region,
            @QueryParam("condition") @Parameter(description = "condition slug") List<String> condition,
            @QueryParam("position") @Parameter(description = "start position, e.g. SUPINE") List<String> position,
            @QueryParam("equipment") @Parameter(description = "equipment name, or none") List<String> equipment,
            @QueryParam("category") @Parameter(description = "e.g. STRETCH") List<String> category,
            @QueryParam("difficulty") @Parameter(description = "1, 2 or 3") List<String> difficulty,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("after") @Parameter(description = "the next token of the previous page") String after,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        SearchCriteria criteria = SearchCriteria.parse(q, region, condition, position, equipment, category,
                difficulty);
        return service.search(criteria, page, after, size);
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "Read the current published version of an exercise",
            description = "Retired exercises stay readable (status RETIRED). Answers 304 to a matching If-None-Match.")
    public Response current(@PathParam("slug") String slug, @jakarta.ws.rs.core.Context Request request) {
        return read(service.current(slug), request);
    }

    @GET
    @Path("/{slug}/versions")
    @Operation(summary = "List every version of an exercise, newest first")
    public List<VersionSummary> history(@PathParam("slug") String slug) {
        return service.history(slug);
    }

    @GET
    @Path("/{slug}/versions/{version}")
    @Operation(summary = "Read one version of an exercise",
            description = "Published versions never change and are never deleted, so a version pinned in a "
                    + "program always reads the same.")
    public Response version(@PathParam("slug") String slug, @PathParam("version") @Min(1) int version,
                            @jakarta.ws.rs.core.Context Request request) {
        return read(service.version(slug, version), request);
    }

    @GET
    @Path("/{slug}/draft")
    @Operation(summary = "Read the open draft of an exercise (for content editors)")
    public Response draft(@PathParam("slug") String slug, @jakarta.ws.rs.core.Context Request request) {
        return read(service.draft(slug), request);
    }

    @POST
    @Path("/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve many exercise references in one call",
            description = "For other services (e.g. pinning a program's exercises). A bare slug resolves to the "
                    + "current published version and is refused for retired exercises; slug@version resolves to "
                    + "that published version even if the exercise was retired since. Every reference is "
                    + "answered, in the order sent, either in resolved or in unresolved with a reason.")
    public ResolveResult resolve(@NotNull @Valid ResolveRequest body) {
        return service.resolve(body.refs());
    }

    private static Response read(ExerciseService.Written found, Request request) {
        EntityTag tag = EntityTag.valueOf(found.etag());
        CacheControl revalidate = new CacheControl();
        revalidate.setNoCache(true);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.cacheControl(revalidate).tag(tag).build();
        }
        return Response.ok(found.exercise()).tag(tag).cacheControl(revalidate).build();
    }
}

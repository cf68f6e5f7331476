package org.rehabit.gateway.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.rehabit.gateway.contract.Bodies;
import org.rehabit.gateway.contract.Nullability;
import org.rehabit.gateway.contract.Parameters;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every public operation of the gateway has in common, written into its OpenAPI document once (the lint in deploy/api-lint checks the result): the bearer JWT scheme, the server, the problem+json error answers, and the rate-limit headers the {@code edge.RateLimiter} sends;
 * and each /api/v1 operation's typed bodies, success status and own error answers ({@code contract.Bodies}, by
 * operationId; the records of {@code org.rehabit.gateway.contract} are in the components) and its parameters'
 * limits ({@code contract.Parameters}). It runs
 * at build time, so the document stored for the lint (gateway/target/openapi) is the one /openapi serves.
 * OperationIds are the resource methods' names ({@code mp.openapi.extensions.smallrye.operationIdStrategy=METHOD});
 * this filter fails the build when two are the same. Every answer declared here is one the gateway gives
 * ({@code OpenApiContractTest} checks a sample against real answers).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class PublicContract implements OASFilter {

    static final String BEARER = "bearerJwt";
    static final String PROBLEM = "Problem";

    /** The errors every /api/v1 operation can answer, and when. */
    private static final Map<String, String> ALWAYS = Map.of(
            "401", "No valid bearer token (missing, expired, wrong issuer or audience)",
            "403", "The token's roles or its clinic/patient do not allow this",
            "429", "Over the rate limit of this token or client address; retry after Retry-After seconds",
            "500", "An internal error; the detail names an incident id that the logs carry",
            "503", "A service behind the gateway is unavailable or its circuit breaker is open; retry later");

    private static final Map<String, String> TAGS = Map.of(
            "Clinic", "A clinic's dashboard, alerts, alert settings and audit trail (physios and clinic admins)",
            "Demo login", "Tokens for the demo users of a local installation (off everywhere else)",
            "Exercise library", "Exercises (versioned), conditions and routine templates; editing for content editors",
            "Me", "Who the token's user is, and a patient's routine of the day",
            "Outcome measures", "Validated questionnaires (versioned): items, scoring rules, MCID, terms; publishing "
                    + "and licensed-text import for content editors",
            "Patients", "Patients, their programs, sessions, progress, energy profile and weights",
            "Web app", "What the web app served by the gateway needs to start");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        org.rehabit.gateway.route.RouteDocument.document(openAPI);
        openAPI.servers(List.of(OASFactory.createServer()
                .url("https://{host}")
                .description("An installation's gateway (production or staging) behind its TLS-terminating reverse "
                        + "proxy (docs/operations.md, \"Behind a reverse proxy\"); a local installation (./rehabit run) "
                        + "answers on http://localhost:8080 itself")
                .variables(Map.of("host", OASFactory.createServerVariable().defaultValue("rehabit.example.org")
                        .description("The installation's public host name (and port, if not 443)")))
                .addExtension("x-internal", false)));
        components(openAPI);
        // the contract records replace what the resources' signatures (String, Response, ObjectNode) implied
        if (openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().removeSchema("ObjectNode");
            openAPI.getComponents().removeSchema("JsonNode");
            openAPI.getComponents().removeSchema("JsonNodeType");
            openAPI.getComponents().getSchemas().values().forEach(PublicContract::bounded);
            Nullability.declare(openAPI.getComponents().getSchemas());
        }
        if (openAPI.getTags() != null) {
            openAPI.getTags().stream().filter(tag -> tag.getDescription() == null && TAGS.containsKey(tag.getName()))
                    .forEach(tag -> tag.setDescription(TAGS.get(tag.getName())));
        }
        Set<String> operationIds = new HashSet<>();
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (operation.getOperationId() != null && !operationIds.add(operation.getOperationId())) {
                throw new IllegalStateException("Two operations have the operationId " + operation.getOperationId()
                        + ": rename one resource method");
            }
            if (path.startsWith("/api/")) {
                api(method, operation);
            } else {
                // the demo login and the web app's configuration are public: no token
                operation.setSecurity(List.of());
                operation.getResponses().addAPIResponse("500", problem(ALWAYS.get("500")));
                if (path.startsWith("/auth/")) {
                    rateLimited(operation);
                }
            }
            cors(operation);
        }));
    }

    private static void components(OpenAPI openAPI) {
        var components = openAPI.getComponents();
        components.setSecuritySchemes(Map.of(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An OpenID Connect provider's JWT access token, checked as RFC8725 (JWT best current practices) recommends: "
                        + "signature against the provider's keys (RS256/ES256), issuer, audience, expiry, typ Bearer. "
                        + "The roles an operation accepts are named in its description and its x-roles.")));
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(2000);
        components.addSchema("FieldError", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One offending input")
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(200)
                        .description("The field's path as the client sent it, e.g. defaultDose.side"))
                .addProperty("message", string.description("Why it is refused")));
        components.addSchema(PROBLEM, OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document: every error of the API")
                .required(List.of("type", "title", "status"))
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(200)
                        .description("urn:rehabit:problem:<kind>, e.g. urn:rehabit:problem:validation"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(200))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .format("int32").minimum(java.math.BigDecimal.valueOf(400))
                        .maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(2000))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .maxLength(2000).description("The request's path"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).maxItems(100)
                        .items(OASFactory.createSchema().ref("FieldError"))
                        .description("Validation errors, one per field (400)")));
        components.addHeader("X-RateLimit-Limit", OASFactory.createHeader()
                .description("Requests per minute this client may send (the tighter of its token's and its "
                        + "address's limit); sent while rate limiting is on")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32").minimum(
                        java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(1_000_000))));
        components.addHeader("X-RateLimit-Remaining", OASFactory.createHeader()
                .description("Requests this client may still send at once before it is refused (429)")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32").minimum(
                        java.math.BigDecimal.ZERO).maximum(java.math.BigDecimal.valueOf(1_000_000))));
        components.addHeader("Access-Control-Allow-Origin", OASFactory.createHeader()
                .description("The calling page's origin, only to cross-origin requests from an origin that "
                        + "REHABIT_CORS_ORIGINS lists (none by default: the web app is served from the same origin)")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(2000)));
        components.addHeader("Location", OASFactory.createHeader()
                .description("The public path of what was created, e.g. /api/v1/patients/{id}")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference")
                        .maxLength(2000)));
        components.addHeader("ETag", OASFactory.createHeader()
                .description("The version of what the answer carries: send it back in If-Match to change it, or in "
                        + "If-None-Match to read it only if it changed")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(200)));
        components.addHeader("Idempotent-Replayed", OASFactory.createHeader()
                .description("true when this is the first answer to the same Idempotency-Key and body, answered "
                        + "again (nothing new was created); sent when the request had an Idempotency-Key")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).addEnumeration("true")
                        .addEnumeration("false")));
        components.addHeader("Retry-After", OASFactory.createHeader()
                .description("Whole seconds to wait before the next request")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32").minimum(
                        java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(86_400))));
    }

    private static void api(PathItem.HttpMethod method, Operation operation) {
        // the roles (@RolesAllowed) move from the requirement (scopes are OAuth's) into the description and x-roles
        List<SecurityRequirement> security = operation.getSecurity();
        List<String> roles = security == null || security.isEmpty() ? List.of()
                : security.get(0).getSchemes().values().stream().flatMap(List::stream).toList();
        operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER)));
        String who = roles.isEmpty() ? "Any signed-in user (a valid bearer token)."
                : "Roles: " + String.join(", ", roles) + ".";
        operation.setDescription(operation.getDescription() == null ? who : operation.getDescription() + "\n\n" + who);
        operation.addExtension("x-roles", roles);
        if (operation.getParameters() != null) {
            operation.getParameters().stream().filter(p -> "Idempotency-Key".equalsIgnoreCase(p.getName()))
                    .filter(p -> p.getSchema() == null && p.getContent() == null)
                    .forEach(p -> p.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                            .minLength(1).maxLength(128).pattern("^[\\x21-\\x7E]+$")));
        }

        Parameters.apply(operation);
        typed(operation);
        APIResponses responses = operation.getResponses();
        ALWAYS.forEach((status, description) -> responses.addAPIResponse(status, problem(description)));
        boolean input = operation.getRequestBody() != null || parameters(operation, Parameter.In.QUERY);
        if (input) {
            responses.addAPIResponse("400", problem("The request is invalid: the errors name each field"));
        }
        if (parameters(operation, Parameter.In.PATH)) {
            responses.addAPIResponse("404", problem("No such resource, or none this token may see"));
        }
        if (operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "Idempotency-Key".equalsIgnoreCase(p.getName()))) {
            if (!responses.hasAPIResponse("422")) {
                responses.addAPIResponse("422", problem("This Idempotency-Key was used with another body"));
            }
            responses.getAPIResponses().entrySet().stream().filter(e -> e.getKey().startsWith("2"))
                    .forEach(e -> e.getValue().addHeader("Idempotent-Replayed", header("Idempotent-Replayed")));
        }
        responses.getAPIResponse("503").addHeader("Retry-After", header("Retry-After"));
        rateLimited(operation);
    }


    /**
     * The operation's request body, success answer (status, schema, Location, ETag) and its own error answers, from
     * {@link Bodies}: the records of org.rehabit.gateway.contract are in the components (class-level @Schema).
     */
    private static void typed(Operation operation) {
        Bodies.Body body = Bodies.of(operation.getOperationId()).orElseThrow(() -> new IllegalStateException(
                "No bodies declared for the /api/v1 operation " + operation.getOperationId()
                        + ": add it to contract.Bodies"));
        if (body.request() != null) {
            MediaType media = OASFactory.createMediaType().schema(ref(body.request()));
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().getMediaTypes().values().stream()
                        .filter(m -> m.getExamples() != null).findFirst().ifPresent(m -> media.setExamples(m.getExamples()));
            }
            operation.setRequestBody(OASFactory.createRequestBody().required(!body.optional())
                    .content(OASFactory.createContent().addMediaType("application/json", media)));
        } else {
            operation.setRequestBody(null);
        }
        APIResponses responses = operation.getResponses();
        String status = Integer.toString(body.status());
        APIResponse declared = responses.getAPIResponse("200");
        String description = declared != null && declared.getDescription() != null
                && !declared.getDescription().equals("OK") ? declared.getDescription()
                : body.status() == 201 ? "Created" : "OK";
        responses.removeAPIResponse("200");
        Schema schema = body.list()
                ? OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(ref(body.response()))
                : ref(body.response());
        MediaType answer = OASFactory.createMediaType().schema(schema);
        if (declared != null && declared.getContent() != null) {
            declared.getContent().getMediaTypes().values().stream().filter(m -> m.getExamples() != null)
                    .findFirst().ifPresent(m -> answer.setExamples(m.getExamples()));
        }
        APIResponse success = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType("application/json", answer));
        if (body.status() == 201) {
            success.addHeader("Location", header("Location"));
        }
        if (body.etag()) {
            success.addHeader("ETag", header("ETag"));
        }
        responses.addAPIResponse(status, success);
        body.answers().forEach((code, when) -> responses.addAPIResponse(code, code.equals("304")
                ? OASFactory.createAPIResponse().description(when).addHeader("ETag", header("ETag"))
                : problem(when)));
    }

    /** A reference to the component a contract record is written as (its @Schema name). */
    static Schema ref(Class<?> type) {
        return OASFactory.createSchema().ref(Bodies.componentName(type));
    }

    /** Access-Control-Allow-Origin, declared on every answer: sent to the origins REHABIT_CORS_ORIGINS lists. */
    private static void cors(Operation operation) {
        operation.getResponses().getAPIResponses().values()
                .forEach(response -> response.addHeader("Access-Control-Allow-Origin", header("Access-Control-Allow-Origin")));
    }

    /** The rate limiter's headers on every 2xx and 4xx answer, Retry-After on the 429. */
    private static void rateLimited(Operation operation) {
        APIResponses responses = operation.getResponses();
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("2") || status.startsWith("4")) {
                response.addHeader("X-RateLimit-Limit", header("X-RateLimit-Limit"));
                response.addHeader("X-RateLimit-Remaining", header("X-RateLimit-Remaining"));
            }
        });
        if (responses.hasAPIResponse("429")) {
            responses.getAPIResponse("429").addHeader("Retry-After", header("Retry-After"));
        } else {
            APIResponse limited = problem(ALWAYS.get("429"));
            limited.addHeader("X-RateLimit-Limit", header("X-RateLimit-Limit"));
            limited.addHeader("X-RateLimit-Remaining", header("X-RateLimit-Remaining"));
            limited.addHeader("Retry-After", header("Retry-After"));
            responses.addAPIResponse("429", limited);
        }
    }

    /**
     * A string of a fixed format is as long as its format allows: a UUID 36 characters, a date 10, a date-time
     * with fractions and offset at most 35 (2026-11-24T08:30:00.123456789+01:00). Declared where a record leaves it out.
     */
    private static void bounded(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getType() != null && schema.getType().contains(Schema.SchemaType.STRING)
                && schema.getMaxLength() == null && schema.getFormat() != null) {
            switch (schema.getFormat()) {
                case "uuid" -> schema.setMaxLength(36);
                case "date" -> schema.setMaxLength(10);
                case "date-time" -> schema.setMaxLength(35);
                default -> {
                }
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(PublicContract::bounded);
        }
        bounded(schema.getItems());
        if (schema.getAdditionalPropertiesSchema() != null) {
            bounded(schema.getAdditionalPropertiesSchema());
        }
        if (schema.getAllOf() != null) {
            schema.getAllOf().forEach(PublicContract::bounded);
        }
        if (schema.getAnyOf() != null) {
            schema.getAnyOf().forEach(PublicContract::bounded);
        }
        if (schema.getOneOf() != null) {
            schema.getOneOf().forEach(PublicContract::bounded);
        }
    }

    private static boolean parameters(Operation operation, Parameter.In in) {
        return operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> p.getIn() == in);
    }

    private static Header header(String name) {
        return OASFactory.createHeader().ref(name);
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType("application/problem+json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM))));
    }
}

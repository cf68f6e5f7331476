package org.rehabit.gateway.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.rehabit.gateway.api.Examples;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes each route of {@link Routes} into the OpenAPI document as an operation: path, method, operationId, summary,
 * tag, its parameters with their schemas and limits, its body, its usual answer and the bearer security with its
 * roles as scopes (which {@code api.PublicContract} then turns into the description's "Roles: ..." and
 * {@code x-roles}, and completes with the answers every operation shares). Called first by that filter, at build
 * time.
 */
public final class RouteDocument {

    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RouteDocument() {
    }

    /** Adds every pass-through route's operation to the document (replacing one of the same path and method). */
    public static void document(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            openAPI.setPaths(OASFactory.createPaths());
        }
        for (Route route : Routes.ALL) {
            PathItem item = openAPI.getPaths().getPathItem(route.path());
            if (item == null) {
                item = OASFactory.createPathItem();
                openAPI.getPaths().addPathItem(route.path(), item);
            }
            item.setOperation(PathItem.HttpMethod.valueOf(route.method()), operation(route));
            if (openAPI.getTags() == null || openAPI.getTags().stream().noneMatch(t -> t.getName().equals(route.tag()))) {
                openAPI.addTag(OASFactory.createTag().name(route.tag()));
            }
        }
    }

    static Operation operation(Route route) {
        Operation operation = OASFactory.createOperation()
                .operationId(route.operationId())
                .summary(route.summary())
                .description(route.description())
                .tags(List.of(route.tag()))
                // the roles as the scopes of the requirement, as @RolesAllowed is documented (PublicContract)
                .security(List.of(OASFactory.createSecurityRequirement()
                        .addScheme("SecurityScheme", new ArrayList<>(route.roles().stream().sorted().toList()))));
        List<Parameter> parameters = new ArrayList<>();
        Matcher names = PARAMETER.matcher(route.path());
        while (names.find()) {
            Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(200);
            String pattern = route.patterns().get(names.group(1));
            if (pattern != null) {
                schema.pattern("^(" + pattern + ")$");
            }
            parameters.add(OASFactory.createParameter().name(names.group(1)).in(Parameter.In.PATH).required(true)
                    .schema(schema));
        }
        for (Route.QueryParam query : route.query()) {
            parameters.add(OASFactory.createParameter().name(query.name()).in(Parameter.In.QUERY)
                    .description(query.description()).explode(query.repeated() ? true : null)
                    .schema(query.repeated() ? OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                            .maxItems(20).items(schema(query)) : schema(query)));
        }
        if (route.idempotencyKey()) {
            parameters.add(OASFactory.createParameter().name("Idempotency-Key").in(Parameter.In.HEADER)
                    .required(false).description(Examples.IDEMPOTENCY_KEY));
        }
        if (route.ifMatch()) {
            parameters.add(OASFactory.createParameter().name("If-Match").in(Parameter.In.HEADER).required(true)
                    .description("The ETag of the version being edited; 412 when it is no longer current")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(200)));
        }
        if (!parameters.isEmpty()) {
            operation.parameters(parameters);
        }
        if (route.body() != null) {
            operation.requestBody(OASFactory.createRequestBody().required(route.body().required())
                    .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                                    .description("A JSON object: its fields as in the example"))
                            .addExample(route.body().exampleName(), OASFactory.createExample()
                                    .value(parse(route.body().example()))))));
        }
        operation.responses(OASFactory.createAPIResponses().addAPIResponse(Integer.toString(route.success()),
                OASFactory.createAPIResponse()
                        .description(route.success() == 201 ? "Created; Location names the new resource" : "OK")
                        .content(OASFactory.createContent().addMediaType("application/json",
                                OASFactory.createMediaType().schema(OASFactory.createSchema())))));
        return operation;
    }

    private static Schema schema(Route.QueryParam query) {
        Schema schema = OASFactory.createSchema();
        switch (query.type()) {
            case "integer" -> schema.addType(Schema.SchemaType.INTEGER).format("int32")
                    .minimum(BigDecimal.valueOf(query.min())).maximum(BigDecimal.valueOf(query.max()));
            case "date" -> schema.addType(Schema.SchemaType.STRING).format("date").maxLength(10);
            default -> {
                schema.addType(Schema.SchemaType.STRING);
                if (!query.values().isEmpty()) {
                    schema.enumeration(new ArrayList<>(query.values()));
                } else {
                    schema.maxLength(query.max());
                }
            }
        }
        return schema;
    }

    private static Object parse(String example) {
        try {
            return JSON.readValue(example, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An example of the route table is not JSON: " + example, e);
        }
    }
}

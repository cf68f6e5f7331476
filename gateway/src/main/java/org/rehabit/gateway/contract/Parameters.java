package org.rehabit.gateway.contract;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The schemas of the /api/v1 operations' parameters, by name (and operationId where operations differ): the
 * ranges, patterns and values the services check (a value outside them is 400 problem+json; an id or slug of the
 * wrong shape names nothing: 404), and the headers an operation reads (Idempotency-Key, If-Match, If-None-Match).
 */
public final class Parameters {

    /** Every list filter of the exercise search takes at most this many values (the catalog refuses more: 400). */
    public static final int MAX_FILTER_VALUES = 20;

    static final String IDEMPOTENCY_KEY = "Makes a retry safe (1-128 visible ASCII characters, e.g. a UUID): the same "
            + "key and body answer the first answer again (Idempotent-Replayed: true) and create nothing new; the same "
            + "key with another body is refused (422).";

    private static final Set<String> IF_MATCH_REQUIRED = Set.of("updatePatient", "updateExerciseDraft");
    private static final Set<String> IF_MATCH_OPTIONAL = Set.of("putEnergyProfile", "publish", "retire");
    private static final Set<String> IF_NONE_MATCH = Set.of("exercise", "version", "draft");
    private static final Set<String> SIZE_100 = Set.of("listPatients", "search");

    private Parameters() {
    }

    /** Sets the schema of each parameter of {@code operation} and adds the headers it reads. */
    public static void apply(Operation operation) {
        String id = operation.getOperationId();
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                Schema schema = schema(id, parameter);
                if (schema != null) {
                    parameter.setSchema(schema);
                }
            }
        }
        if ("logSession".equals(id)) {
            header(operation, "Idempotency-Key", true, IDEMPOTENCY_KEY + " Required here: a session is logged "
                    + "exactly once.", idempotencyKey());
        }
        if (IF_MATCH_REQUIRED.contains(id) || IF_MATCH_OPTIONAL.contains(id)) {
            header(operation, "If-Match", IF_MATCH_REQUIRED.contains(id), "The ETag of the version this change "
                    + "starts from" + (IF_MATCH_REQUIRED.contains(id) ? " (428 without it" : " (optional")
                    + "; 412 when it is not the current one)", string(200));
        }
        if (IF_NONE_MATCH.contains(id)) {
            header(operation, "If-None-Match", false, "An ETag read before: 304 without a body when unchanged",
                    string(200));
        }
    }

    /** The Idempotency-Key header's schema: 1-128 visible ASCII characters. */
    public static Schema idempotencyKey() {
        return string(128).minLength(1).pattern("^[\\x21-\\x7E]+$");
    }

    private static Schema schema(String operation, Parameter parameter) {
        String name = parameter.getName();
        if (parameter.getIn() == Parameter.In.PATH) {
            return switch (name) {
                case "slug" -> slug();
                case "version" -> integer(1, Integer.MAX_VALUE);
                case "action" -> enumeration("pause", "resume", "complete", "cancel");
                default -> uuid();
            };
        }
        if (parameter.getIn() != Parameter.In.QUERY) {
            return null;
        }
        boolean search = "search".equals(operation);
        return switch (name) {
            case "page" -> integer(0, 100_000).defaultValue(0);
            case "before" -> string(100).pattern("^[A-Za-z0-9_-]*$")
                    .description("The next token of the previous page (keyset paging, older rows)");
            case "after" -> string(1000).pattern("^[A-Za-z0-9_-]*$")
                    .description("The next token of the previous page (keyset paging)");
            case "size" -> integer(1, SIZE_100.contains(operation) ? 100 : 200)
                    .defaultValue(SIZE_100.contains(operation) ? 20 : 50);
            case "q" -> string(search ? 200 : 120);
            case "weeks" -> integer(1, 52).defaultValue("progress".equals(operation) ? 12 : 4);
            case "sort" -> enumeration("name", "-name", "adherence", "-adherence", "painTrend", "-painTrend",
                    "lastSession", "-lastSession", "openAlerts", "-openAlerts").defaultValue("name");
            case "atRisk" -> OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN).defaultValue(false);
            case "status" -> enumeration(names(Alerts.AlertStatus.values()));
            case "outcome" -> enumeration(names(Alerts.Outcome.values()));
            case "patientId" -> uuid();
            case "assignedTo" -> string(255).minLength(1).description(
                    "me for the caller's own patients, or the subject of a physio of the clinic (400 if unknown)");
            case "from", "to" -> "audit".equals(operation)
                    ? string(35).description("An instant (2026-11-24T08:00:00Z) or a day (2026-11-24, from 00:00 UTC)")
                    : string(10).format("date");
            case "condition" -> search ? list(slug()) : slug();
            case "region" -> list(enumeration(names(Exercises.BodyRegion.values())));
            case "position" -> list(enumeration(names(Exercises.StartPosition.values())));
            case "category" -> list(enumeration(names(Exercises.Category.values())));
            case "equipment" -> list(string(40).pattern("^([a-z][a-z0-9-]{1,39}|none)$"));
            case "difficulty" -> list(integer(1, 3));
            default -> null;
        };
    }

    private static void header(Operation operation, String name, boolean required, String description,
                               Schema schema) {
        Parameter declared = operation.getParameters() == null ? null : operation.getParameters().stream()
                .filter(p -> p.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(p.getName()))
                .findFirst().orElse(null);
        if (declared != null) {
            // the route table declares the header; whether it is required, and its schema, are the contract's
            declared.required(required || Boolean.TRUE.equals(declared.getRequired()));
            if (required) {
                declared.description(description);
            }
            if (declared.getSchema() == null) {
                declared.schema(schema);
            }
            return;
        }
        operation.addParameter(OASFactory.createParameter().name(name).in(Parameter.In.HEADER).required(required)
                .description(description).schema(schema));
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }

    private static Schema list(Schema items) {
        return OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).maxItems(MAX_FILTER_VALUES).items(items)
                .description("Any of these values (repeat the parameter, or separate values with commas); at most "
                        + MAX_FILTER_VALUES);
    }

    private static Schema uuid() {
        return string(36).format("uuid");
    }

    private static Schema slug() {
        return string(80).minLength(3).pattern(Slugs.PATTERN);
    }

    private static Schema string(int maxLength) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(maxLength);
    }

    private static Schema integer(long minimum, long maximum) {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                .minimum(BigDecimal.valueOf(minimum)).maximum(BigDecimal.valueOf(maximum));
    }

    private static Schema enumeration(String... values) {
        Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        List.of(values).forEach(schema::addEnumeration);
        return schema;
    }
}

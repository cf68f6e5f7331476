package org.rehabit.gateway.contract;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which properties of the contract's components are always there and which may be null, as the services write them
 * (Jackson writes a null field as null): a primitive component is required, a component marked {@code @NotNull}
 * is required (SmallRye reads that itself), any other may be null, and is declared so (OpenAPI 3.1: a "null" type,
 * or anyOf a reference and null). Walks the records reachable from {@link Bodies}.
 */
public final class Nullability {

    /** Lists whose entries may be null: the dashboard's weekly pain has null for weeks without sessions. */
    private static final Set<String> NULLABLE_ITEMS = Set.of("DashboardRow.weeklyPainAfter");

    private Nullability() {
    }

    /** Declares, in {@code schemas} (the document's components), what may be null and what is always there. */
    public static void declare(Map<String, Schema> schemas) {
        Deque<Class<?>> todo = new ArrayDeque<>(Bodies.types());
        Set<Class<?>> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (!type.isRecord() || !seen.add(type)) {
                continue;
            }
            String name = Bodies.componentName(type);
            Schema schema = schemas.get(name);
            for (RecordComponent component : type.getRecordComponents()) {
                reachable(component.getGenericType(), todo);
                Schema property = schema == null || schema.getProperties() == null ? null
                        : schema.getProperties().get(component.getName());
                if (property == null) {
                    continue;
                }
                if (component.getType().isPrimitive()) {
                    if (schema.getRequired() == null || !schema.getRequired().contains(component.getName())) {
                        schema.addRequired(component.getName());
                    }
                } else if (!notNull(type, component)) {
                    schema.addProperty(component.getName(), nullable(property));
                }
                if (NULLABLE_ITEMS.contains(name + "." + component.getName()) && property.getItems() != null) {
                    property.setItems(nullable(property.getItems()));
                }
            }
        }
    }

    private static boolean notNull(Class<?> type, RecordComponent component) {
        try {
            return type.getDeclaredField(component.getName()).isAnnotationPresent(NotNull.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Schema nullable(Schema property) {
        if (property.getRef() != null) {
            Schema either = OASFactory.createSchema().description(property.getDescription())
                    .addAnyOf(OASFactory.createSchema().ref(property.getRef()))
                    .addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
            return either;
        }
        if (property.getType() != null && !property.getType().contains(Schema.SchemaType.NULL)) {
            property.addType(Schema.SchemaType.NULL);
        }
        return property;
    }

    private static void reachable(Type type, Deque<Class<?>> todo) {
        if (type instanceof Class<?> plain) {
            todo.push(plain);
        } else if (type instanceof ParameterizedType generic) {
            for (Type argument : generic.getActualTypeArguments()) {
                reachable(argument, todo);
            }
        }
    }
}

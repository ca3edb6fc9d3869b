package org.smpledger.cli.sql;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.smpledger.cli.log.ContractType;

/**
 * The typed columns of an event type's table, read from its record declaration: the structure
 * DuckDB's {@code json_transform} turns the payload into. Text, numbers and booleans map to their
 * SQL types, instants to {@code TIMESTAMP} (UTC), dates to {@code DATE}, enums to their names,
 * lists to lists, nested records to structs, maps to {@code MAP}. Personal fields are left out.
 */
final class PayloadColumns {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PayloadColumns() {}

    /** The {@code json_transform} structure of the type's payload, without its personal fields. */
    static String structure(ContractType type) {
        return record(type.eventClass(), type.personalFields()).toString();
    }

    private static ObjectNode record(Class<?> recordClass, Set<String> leftOut) {
        ObjectNode structure = NODES.objectNode();
        for (RecordComponent component : recordClass.getRecordComponents()) {
            if (!leftOut.contains(component.getName())) {
                structure.set(component.getName(), type(component.getGenericType()));
            }
        }
        return structure;
    }

    private static com.fasterxml.jackson.databind.JsonNode type(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return NODES.arrayNode().add(type(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return NODES.textNode("MAP(" + scalar(arguments[0]) + ", " + scalar(arguments[1]) + ")");
            }
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            return record(c, Set.of());
        }
        return NODES.textNode(scalar(type));
    }

    private static String scalar(Type type) {
        if (!(type instanceof Class<?> c)) {
            return "JSON";
        }
        if (c == String.class || c.isEnum()) {
            return "VARCHAR";
        }
        if (c == int.class || c == Integer.class) {
            return "INTEGER";
        }
        if (c == long.class || c == Long.class) {
            return "BIGINT";
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class || c == BigDecimal.class) {
            return "DOUBLE";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "BOOLEAN";
        }
        if (c == Instant.class) {
            return "TIMESTAMP";
        }
        if (c == LocalDate.class) {
            return "DATE";
        }
        if (c == Duration.class) {
            return "VARCHAR";
        }
        return "JSON";
    }
}

package org.smpledger.projections.store;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecConfigurationException;
import org.bson.codecs.configuration.CodecProvider;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * Java records as BSON documents: one field per component, in declaration order (the
 * {@code @BsonId} component first, as {@code _id}), absent values written as BSON null.
 * <p>
 * Like the driver's record codec, except that it writes nulls where the driver's leaves the field
 * out. A read-model document therefore always has the same fields in the same order, whatever
 * happened to it before: the embedded server keeps a replaced document's existing fields in place
 * and appends new ones, so a field that appeared later would otherwise land elsewhere, and a
 * replay would not give the same bytes as the live model. Accessors and constructors are called
 * through method handles.
 */
final class StoredRecordCodecProvider implements CodecProvider {

    @Override
    public <T> Codec<T> get(Class<T> clazz, CodecRegistry registry) {
        return clazz.isRecord() ? new StoredRecordCodec<>(clazz, registry) : null;
    }

    private static final class StoredRecordCodec<T> implements Codec<T> {
        private final Class<T> type;
        private final Component[] components;
        private final Map<String, Component> byField = new HashMap<>();
        private final MethodHandle constructor;

        private record Component(
                int index, String field, Class<?> type, MethodHandle accessor, Codec<Object> codec, Object absent) {}

        StoredRecordCodec(Class<T> type, CodecRegistry registry) {
            this.type = type;
            RecordComponent[] declared = type.getRecordComponents();
            Component[] ordered = new Component[declared.length];
            int next = 0;
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                for (int i = 0; i < declared.length; i++) {
                    RecordComponent component = declared[i];
                    boolean id = type.getDeclaredField(component.getName()).isAnnotationPresent(BsonId.class);
                    Component model = new Component(
                            i,
                            id ? "_id" : component.getName(),
                            component.getType(),
                            lookup.unreflect(component.getAccessor()),
                            codec(component, registry),
                            absent(component.getType()));
                    byField.put(model.field(), model);
                    if (id) {
                        System.arraycopy(ordered, 0, ordered, 1, next);
                        ordered[0] = model;
                    } else {
                        ordered[next] = model;
                    }
                    next++;
                }
                Class<?>[] parameters =
                        Arrays.stream(declared).map(RecordComponent::getType).toArray(Class<?>[]::new);
                this.constructor = lookup.unreflectConstructor(type.getDeclaredConstructor(parameters))
                        .asSpreader(Object[].class, declared.length);
            } catch (ReflectiveOperationException e) {
                throw new CodecConfigurationException("cannot read or build record " + type.getName(), e);
            }
            this.components = ordered;
        }

        @Override
        public void encode(BsonWriter writer, T value, EncoderContext context) {
            writer.writeStartDocument();
            for (Component component : components) {
                Object part;
                try {
                    part = component.accessor().invoke(value);
                } catch (Throwable e) {
                    throw new CodecConfigurationException("cannot read " + component.field() + " of " + type, e);
                }
                writer.writeName(component.field());
                if (part == null) {
                    writer.writeNull();
                } else {
                    context.encodeWithChildContext(component.codec(), writer, part);
                }
            }
            writer.writeEndDocument();
        }

        @Override
        public T decode(BsonReader reader, DecoderContext context) {
            Object[] arguments = new Object[components.length];
            for (Component component : components) {
                arguments[component.index()] = component.absent();
            }
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                Component component = byField.get(reader.readName());
                if (component == null) {
                    reader.skipValue();
                } else if (reader.getCurrentBsonType() == BsonType.NULL) {
                    reader.readNull();
                } else {
                    arguments[component.index()] = context.decodeWithChildContext(component.codec(), reader);
                }
            }
            reader.readEndDocument();
            try {
                return type.cast(constructor.invoke(arguments));
            } catch (Throwable e) {
                throw new CodecConfigurationException("cannot build " + type.getName(), e);
            }
        }

        @Override
        public Class<T> getEncoderClass() {
            return type;
        }

        @SuppressWarnings("unchecked")
        private static Codec<Object> codec(RecordComponent component, CodecRegistry registry) {
            Class<?> raw = boxed(component.getType());
            Type generic = component.getGenericType();
            return (Codec<Object>)
                    (generic instanceof ParameterizedType parameterized
                            ? registry.get(raw, List.of(parameterized.getActualTypeArguments()))
                            : registry.get(raw));
        }

        private static Class<?> boxed(Class<?> type) {
            if (!type.isPrimitive()) {
                return type;
            }
            return type == int.class
                    ? Integer.class
                    : type == long.class
                            ? Long.class
                            : type == double.class
                                    ? Double.class
                                    : type == boolean.class ? Boolean.class : type == float.class ? Float.class : type;
        }

        /** A primitive component missing from the document reads as its zero. */
        private static Object absent(Class<?> type) {
            if (!type.isPrimitive()) {
                return null;
            }
            return type == boolean.class
                    ? Boolean.FALSE
                    : type == long.class
                            ? 0L
                            : type == double.class ? 0.0 : type == float.class ? 0.0f : type == int.class ? 0 : null;
        }
    }
}

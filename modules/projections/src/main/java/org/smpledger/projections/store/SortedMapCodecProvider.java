package org.smpledger.projections.store;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecProvider;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * Maps with string keys, written in key order and read back as sorted maps, so a document holds
 * the same bytes whichever map implementation built it (a replay and the live model must match
 * byte for byte). Serves maps whose value type is a plain class; others are left to the driver.
 */
final class SortedMapCodecProvider implements CodecProvider {

    @Override
    public <T> Codec<T> get(Class<T> clazz, CodecRegistry registry) {
        return null;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> Codec<T> get(Class<T> clazz, List<Type> typeArguments, CodecRegistry registry) {
        if (!Map.class.isAssignableFrom(clazz)
                || typeArguments.size() != 2
                || typeArguments.get(0) != String.class
                || !(typeArguments.get(1) instanceof Class<?> valueType)) {
            return null;
        }
        return (Codec<T>) new SortedMapCodec(registry.get(valueType), clazz);
    }

    private static final class SortedMapCodec<V> implements Codec<Map<String, V>> {
        private final Codec<V> values;
        private final Class<Map<String, V>> type;

        SortedMapCodec(Codec<V> values, Class<Map<String, V>> type) {
            this.values = values;
            this.type = type;
        }

        @Override
        public void encode(BsonWriter writer, Map<String, V> map, EncoderContext context) {
            writer.writeStartDocument();
            for (Map.Entry<String, V> entry :
                    (map instanceof TreeMap<String, V> sorted ? sorted : new TreeMap<>(map)).entrySet()) {
                writer.writeName(entry.getKey());
                if (entry.getValue() == null) {
                    writer.writeNull();
                } else {
                    context.encodeWithChildContext(values, writer, entry.getValue());
                }
            }
            writer.writeEndDocument();
        }

        @Override
        public Map<String, V> decode(BsonReader reader, DecoderContext context) {
            Map<String, V> map = new TreeMap<>();
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                String key = reader.readName();
                if (reader.getCurrentBsonType() == BsonType.NULL) {
                    reader.readNull();
                    map.put(key, null);
                } else {
                    map.put(key, context.decodeWithChildContext(values, reader));
                }
            }
            reader.readEndDocument();
            return map;
        }

        @Override
        public Class<Map<String, V>> getEncoderClass() {
            return type;
        }
    }
}

package org.smpledger.app.processing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.smpledger.processing.StoredTokens;

/**
 * The tokens axon-mongo's {@code MongoTokenStore} keeps (one document per processor and segment:
 * {@code processorName}, {@code segment}, {@code owner}, {@code timestamp} of the claim in epoch
 * milliseconds, the serialized {@code token} and its {@code tokenType}), read without claiming:
 * every instance sees every processor's positions and who holds its segments.
 */
final class MongoStoredTokens implements StoredTokens {

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;

    MongoStoredTokens(MongoDatabase database, String collection, Serializer serializer) {
        this.tokens = database.getCollection(collection);
        this.serializer = serializer;
    }

    @Override
    public List<SegmentToken> segments(String processorName) {
        List<SegmentToken> segments = new ArrayList<>();
        for (Document stored : tokens.find(new Document("processorName", processorName))) {
            Number claimed = stored.get("timestamp", Number.class);
            segments.add(new SegmentToken(
                    stored.getInteger("segment"),
                    position(stored),
                    stored.getString("owner"),
                    claimed == null ? null : Instant.ofEpochMilli(claimed.longValue())));
        }
        segments.sort(Comparator.comparingInt(SegmentToken::segment));
        return segments;
    }

    @Override
    public void delete(String processorName) {
        tokens.deleteMany(new Document("processorName", processorName));
    }

    private long position(Document stored) {
        Binary bytes = stored.get("token", Binary.class);
        String type = stored.getString("tokenType");
        if (bytes == null || type == null) {
            return -1;
        }
        TrackingToken token =
                serializer.deserialize(new SimpleSerializedObject<>(bytes.getData(), byte[].class, type, null));
        return token == null ? -1 : token.position().orElse(-1);
    }
}

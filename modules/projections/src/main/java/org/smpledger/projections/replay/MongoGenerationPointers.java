package org.smpledger.projections.replay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.smpledger.projections.store.Generation;
import org.smpledger.projections.store.ReadModelCodecs;

/**
 * The pointers in MongoDB, one document per projection ({@code _id} = its name). A generation number
 * is reserved by a compare-and-set on {@code highest}, so two callers never get the same number.
 */
public final class MongoGenerationPointers implements GenerationPointers {

    public static final String COLLECTION = "projection_generations";
    private static final ReplaceOptions INSERT_IF_ABSENT = new ReplaceOptions().upsert(true);

    private final MongoCollection<GenerationPointer> pointers;

    public MongoGenerationPointers(MongoDatabase database) {
        this.pointers = database.getCollection(COLLECTION, GenerationPointer.class);
    }

    @Override
    public GenerationPointer pointer(String projection) {
        GenerationPointer pointer = pointers.find(byId(projection)).first();
        if (pointer != null) {
            return pointer;
        }
        pointers.replaceOne(byId(projection), GenerationPointer.first(projection), INSERT_IF_ABSENT);
        return pointers.find(byId(projection)).first();
    }

    @Override
    public Generation reserveNext(String projection) {
        while (true) {
            GenerationPointer pointer = pointer(projection);
            int next = Math.max(pointer.live(), pointer.highest()) + 1;
            long reserved = pointers.updateOne(
                            byId(projection).append("highest", pointer.highest()),
                            new Document("$set", new Document("highest", next).append("building", next)))
                    .getModifiedCount();
            if (reserved == 1) {
                return new Generation(projection, next);
            }
        }
    }

    @Override
    public void makeLive(Generation generation) {
        pointers.updateOne(
                byId(generation.projection()),
                new Document(
                        "$set",
                        new Document("live", generation.number())
                                .append("building", null)
                                .append("format", ReadModelCodecs.FORMAT)));
    }

    @Override
    public void abandonBuilding(String projection) {
        pointers.updateOne(byId(projection), new Document("$set", new Document("building", null)));
    }

    private static Document byId(String projection) {
        return new Document("_id", projection);
    }
}

package org.smpledger.projections.replay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.smpledger.projections.store.Generation;
import org.smpledger.projections.store.ReadModelCodecs;

/**
 * The pointers in MongoDB, one document per projection ({@code _id} = its name). A generation number
 * is reserved by a compare-and-set on {@code highest}, a switch by one on {@code live} and
 * {@code building}, so two instances never get the same number or both switch.
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
        try {
            pointers.replaceOne(byId(projection), GenerationPointer.first(projection), INSERT_IF_ABSENT);
        } catch (com.mongodb.MongoWriteException e) {
            // another instance created it at the same moment: read theirs
        }
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
    public Optional<Generation> startBuilding(String projection) {
        while (true) {
            GenerationPointer pointer = pointer(projection);
            if (pointer.building() != null) {
                return Optional.empty();
            }
            int next = Math.max(pointer.live(), pointer.highest()) + 1;
            long reserved = pointers.updateOne(
                            byId(projection)
                                    .append("highest", pointer.highest())
                                    .append("building", null),
                            new Document("$set", new Document("highest", next).append("building", next)))
                    .getModifiedCount();
            if (reserved == 1) {
                return Optional.of(new Generation(projection, next));
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
    public boolean switchLive(Generation from, Generation to, Instant retireAfter) {
        return pointers.updateOne(
                                byId(to.projection())
                                        .append("live", from.number())
                                        .append("building", to.number()),
                                new Document(
                                        "$set",
                                        new Document("live", to.number())
                                                .append("building", null)
                                                .append("format", ReadModelCodecs.FORMAT)
                                                .append("retiring", from.number())
                                                .append("retireAfter", Date.from(retireAfter))))
                        .getModifiedCount()
                == 1;
    }

    @Override
    public void retire(Generation generation, Instant retireAfter) {
        pointers.updateOne(
                byId(generation.projection()),
                new Document(
                        "$set",
                        new Document("retiring", generation.number()).append("retireAfter", Date.from(retireAfter))));
    }

    @Override
    public boolean retired(Generation generation) {
        return pointers.updateOne(
                                byId(generation.projection()).append("retiring", generation.number()),
                                new Document("$set", new Document("retiring", null).append("retireAfter", null)))
                        .getModifiedCount()
                == 1;
    }

    @Override
    public void abandonBuilding(String projection) {
        pointers.updateOne(byId(projection), new Document("$set", new Document("building", null)));
    }

    private static Document byId(String projection) {
        return new Document("_id", projection);
    }
}

package org.smpledger.projections;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.smpledger.projections.store.Generation;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * A generation's documents as JSON text, by collection and {@code _id}: equal dumps are byte-identical
 * read models. Without the position of the batch that wrote each record ({@link ReadModelBatch#POSITION}):
 * where batches end is the processor's business, not the read model's.
 */
public final class ReadModelDump {

    private ReadModelDump() {}

    public static Map<String, List<String>> of(MongoDatabase database, Projection projection, Generation generation) {
        Map<String, List<String>> dump = new LinkedHashMap<>();
        for (String collection : projection.collections()) {
            List<Document> documents = database.getCollection(generation.collection(collection))
                    .find()
                    .into(new ArrayList<>());
            documents.sort(Comparator.comparing(d -> String.valueOf(d.get("_id"))));
            documents.forEach(document -> document.remove(ReadModelBatch.POSITION));
            dump.put(collection, documents.stream().map(Document::toJson).toList());
        }
        return dump;
    }
}

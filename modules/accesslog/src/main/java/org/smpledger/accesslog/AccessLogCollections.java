package org.smpledger.accesslog;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * The three collections of the access log: the records themselves ({@code <name>}, append-only),
 * the index entries that list them per client and per clinic hour ({@code <name>_index},
 * append-only) and the counters that number those entries ({@code <name>_counters}).
 */
record AccessLogCollections(
        MongoCollection<Document> records, MongoCollection<Document> index, MongoCollection<Document> counters) {

    static AccessLogCollections in(MongoDatabase database, String name) {
        return new AccessLogCollections(
                database.getCollection(name),
                database.getCollection(name + "_index"),
                database.getCollection(name + "_counters"));
    }
}

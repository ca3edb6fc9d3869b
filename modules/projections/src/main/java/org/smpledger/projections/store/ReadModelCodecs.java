package org.smpledger.projections.store;

import com.mongodb.MongoClientSettings;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * How read-model records become BSON: the driver's record codecs (field = component, {@code _id} =
 * the {@code @BsonId} component, null components left out), enums as their names, times as BSON
 * dates (milliseconds), maps in key order.
 */
public final class ReadModelCodecs {

    /**
     * The format of stored records: 2 since records went through these codecs (1: documents with
     * times as text). A generation written in another format is rebuilt, not read.
     */
    public static final int FORMAT = 2;

    public static final CodecRegistry REGISTRY = CodecRegistries.fromRegistries(
            CodecRegistries.fromProviders(new SortedMapCodecProvider()), MongoClientSettings.getDefaultCodecRegistry());

    private ReadModelCodecs() {}
}

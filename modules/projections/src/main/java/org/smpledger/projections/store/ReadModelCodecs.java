package org.smpledger.projections.store;

import com.mongodb.MongoClientSettings;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * How read-model records become BSON: records field by field ({@link StoredRecordCodecProvider}:
 * {@code _id} = the {@code @BsonId} component, absent values as null), maps in key order, and the
 * driver's codecs for the rest: enums as their names, times as BSON dates (milliseconds), dates
 * ({@code LocalDate}) as BSON dates at midnight UTC.
 */
public final class ReadModelCodecs {

    /**
     * The format of stored records: 7 since the clinic lists (overview and risk) keep one document
     * per client and a roster of each clinic's clients in buckets, instead of one document per clinic
     * holding every client; 6 since the timeline keeps no reason of a correction or an override
     * (personal data; older generations hold them), 5 since both the clinic policies and the erasure of personal data
     * reached the read models, 4 since risk and overview keep plans, healing checks, reactions
     * and clinic policies and judge levels when asked, 3 since lot uses keep their recording clinic,
     * 2 since records went through these codecs (1: documents with times as text). A generation
     * written in another format is rebuilt, not read.
     */
    public static final int FORMAT = 7;

    public static final CodecRegistry REGISTRY = CodecRegistries.fromRegistries(
            CodecRegistries.fromProviders(new SortedMapCodecProvider(), new StoredRecordCodecProvider()),
            MongoClientSettings.getDefaultCodecRegistry());

    private ReadModelCodecs() {}
}

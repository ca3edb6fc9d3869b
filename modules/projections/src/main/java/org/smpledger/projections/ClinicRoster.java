package org.smpledger.projections;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.bson.codecs.pojo.annotations.BsonId;
import org.smpledger.projections.store.FieldKey;
import org.smpledger.projections.store.LiveGenerations;
import org.smpledger.projections.store.ReadModel;
import org.smpledger.projections.store.ReadModelBatch;

/**
 * One bucket of a clinic's roster: which clients a clinic list holds, so a query finds them with
 * exact keys only. A clinic has {@value #BUCKETS} buckets, {@code _id} = clinic id + {@code '#'} +
 * the bucket number in two digits ({@code clinic-north#07}); a client's bucket is the CRC-32
 * (IEEE 802.3, {@link CRC32}) of its id's UTF-8 bytes, modulo {@value #BUCKETS}. {@code clients}
 * maps the client id made safe as a field name ({@link FieldKey}) to the client id; an entry is
 * {@code $set} when the client joins the list and never removed, so writing it again changes
 * nothing, and segments never write the same field.
 */
public record ClinicRoster(@BsonId String bucketId, Map<String, String> clients) {

    public static final int BUCKETS = 64;

    public ClinicRoster {
        clients = clients == null ? Map.of() : clients;
    }

    /** A projection's roster collection. */
    public static ReadModel<ClinicRoster> model(String baseName) {
        return new ReadModel<>(baseName, ClinicRoster.class, ClinicRoster::bucketId);
    }

    /** The bucket of the clinic's roster that holds the client. */
    public static String bucketId(String clinicId, String clientId) {
        CRC32 crc = new CRC32();
        crc.update(clientId.getBytes(StandardCharsets.UTF_8));
        return bucket(clinicId, (int) (crc.getValue() % BUCKETS));
    }

    /** Every bucket of the clinic's roster, in bucket order. */
    public static List<String> bucketIds(String clinicId) {
        List<String> ids = new ArrayList<>(BUCKETS);
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            ids.add(bucket(clinicId, bucket));
        }
        return ids;
    }

    private static String bucket(String clinicId, int bucket) {
        return clinicId + (bucket < 10 ? "#0" : "#") + bucket;
    }

    /** The client is on the clinic's list: one field set in one bucket (again: no change). */
    public static void join(ReadModelBatch batch, ReadModel<ClinicRoster> model, String clinicId, String clientId) {
        batch.set(model, bucketId(clinicId, clientId), "clients." + FieldKey.of(clientId), clientId);
    }

    /**
     * The ids of every client on the clinic's list in the live generation: one read of its buckets
     * (a second only when none is found, in case the read missed a replay's switch).
     */
    public static List<String> clientIds(
            LiveGenerations generations, String projection, ReadModel<ClinicRoster> model, String clinicId) {
        List<String> ids = new ArrayList<>();
        generations
                .someByIds(projection, model, bucketIds(clinicId))
                .values()
                .forEach(bucket -> ids.addAll(bucket.clients().values()));
        return ids;
    }
}

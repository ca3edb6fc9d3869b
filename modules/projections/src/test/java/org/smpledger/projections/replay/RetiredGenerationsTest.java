package org.smpledger.projections.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.projections.lots.LotUsageProjection;
import org.smpledger.projections.store.Generation;

class RetiredGenerationsTest {

    private final MongoClient client = MongoClients.create(TestMongo.connectionString());
    private final MongoDatabase database = client.getDatabase(TestMongo.freshDatabaseName("retired"));
    private final List<String> deletedTokens = new ArrayList<>();

    @AfterEach
    void dropDatabase() {
        database.drop();
        client.close();
    }

    @Test
    void aRetiredGenerationLeavesNeitherCollectionsNorTokenAndTouchesNothingElse() {
        for (String collection : List.of("lot_usage_g1", "lot_uses_g1", "lot_usage_g2", "lot_uses_g2", "timeline_g2")) {
            database.getCollection(collection).insertOne(new Document("_id", "x"));
        }
        new RetiredGenerations(database, deletedTokens::add)
                .retire(new LotUsageProjection(), new Generation(LotUsageProjection.NAME, 2));

        assertThat(database.listCollectionNames().into(new ArrayList<>()))
                .containsExactlyInAnyOrder("lot_usage_g1", "lot_uses_g1", "timeline_g2");
        assertThat(deletedTokens).containsExactly("lot-usage@g2");
    }

    @Test
    void aGenerationThatNeverWroteOrHasNoTokenRetiresQuietly() {
        new RetiredGenerations(database, name -> {
                    throw new IllegalStateException("no token for " + name);
                })
                .retire(new LotUsageProjection(), new Generation(LotUsageProjection.NAME, 7));

        assertThat(database.listCollectionNames().into(new ArrayList<>())).isEmpty();
    }
}

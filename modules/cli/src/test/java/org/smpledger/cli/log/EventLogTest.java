package org.smpledger.cli.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smpledger.cli.SeededClinics;

/** Events come out in position order whatever order the server returns the commit documents in. */
class EventLogTest {

    private static SeededClinics clinics;

    @BeforeAll
    static void seed() {
        clinics = new SeededClinics().seeded();
    }

    @AfterAll
    static void drop() {
        clinics.close();
    }

    @Test
    void commitsStoredInReverseOrderAreHandedOutInPositionOrder() {
        List<RawBsonDocument> commits = commits("event_commits");
        Collections.reverse(commits);
        MongoCollection<RawBsonDocument> reversed = copy("reversed_commits", commits);

        assertThat(positions(new EventLog(reversed), 0)).isEqualTo(range(1, 39));
        assertThat(positions(new EventLog(reversed), 30)).isEqualTo(range(31, 39));
    }

    @Test
    void aMissingPositionEndsTheLogAsRead() {
        List<RawBsonDocument> commits = commits("event_commits");
        commits.removeIf(commit -> commit.getInt64("_id").getValue() == 20);
        MongoCollection<RawBsonDocument> holed = copy("holed_commits", commits);

        assertThat(positions(new EventLog(holed), 0)).isEqualTo(range(1, 19));
    }

    private static List<RawBsonDocument> commits(String collection) {
        return clinics.database
                .getCollection(collection, RawBsonDocument.class)
                .find()
                .sort(new Document("_id", 1))
                .into(new ArrayList<>());
    }

    private static MongoCollection<RawBsonDocument> copy(String name, List<RawBsonDocument> commits) {
        MongoCollection<RawBsonDocument> collection = clinics.database.getCollection(name, RawBsonDocument.class);
        for (RawBsonDocument commit : commits) {
            collection.insertOne(commit);
        }
        return collection;
    }

    private static List<Long> positions(EventLog log, long after) {
        List<Long> positions = new ArrayList<>();
        log.forEach(after, event -> positions.add(event.position()));
        return positions;
    }

    private static List<Long> range(long from, long to) {
        List<Long> range = new ArrayList<>();
        for (long p = from; p <= to; p++) {
            range.add(p);
        }
        return range;
    }
}

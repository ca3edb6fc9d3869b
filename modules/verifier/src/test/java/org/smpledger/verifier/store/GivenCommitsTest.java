package org.smpledger.verifier.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.verifier.testing.TreatmentLog;

/**
 * {@link TreeBuilder#append(List)}: commits a reader of the event store read already become the same
 * tree as the one the builder reads itself, with positions below the tree's size skipped, a gap before
 * the first given commit read from the store, and malformed commits refused as when read.
 */
class GivenCommitsTest {

    private final TreatmentLog log = new TreatmentLog(11);
    /** A second tree over the same commits, built by reading them. */
    private final LogStore byReading = log.store.withTreePrefix("by_reading");

    @AfterEach
    void drop() {
        log.close();
    }

    @Test
    void givenCommitsGiveTheTreeAndRootsOfTheTreeBuiltByReading() {
        log.append(90);
        TreeBuilder given = log.builder().build();
        TreeBuilder read = TreeBuilder.builder(byReading, log.signer).build();
        List<RawBsonDocument> commits = stored(log, 1, Long.MAX_VALUE);

        // in pieces of a few commits each, the way a processor's batches come, some out of order
        for (int from = 0; from < commits.size(); from += 7) {
            List<RawBsonDocument> batch = new ArrayList<>(commits.subList(from, Math.min(commits.size(), from + 7)));
            java.util.Collections.reverse(batch);
            given.append(batch);
            long end = firstPosition(commits.get(Math.min(commits.size(), from + 7) - 1))
                    + events(commits.get(Math.min(commits.size(), from + 7) - 1));
            read.appendThrough(end - 1);
            assertThat(log.store.tree().size()).isEqualTo(end - 1);
            assertThat(log.store.tree().root(end - 1))
                    .isEqualTo(byReading.tree().root(end - 1));
        }
        assertThat(given.size()).isEqualTo(log.size());
        assertThat(given.checkpoint().checkpoint().root())
                .isEqualTo(read.checkpoint().checkpoint().root());
    }

    @Test
    void commitsTheTreeHoldsAreSkippedAndAGapBeforeTheFirstGivenIsReadFromTheStore() {
        log.append(90); // more than 30 commits of 1-3 events
        TreeBuilder builder = log.builder().build();
        long held = log.commitStarts().get(10) - 1;
        builder.appendThrough(held);
        assertThat(builder.size()).isEqualTo(held);

        // given: commits from well below the tree's size (held already) and from well past it (a gap)
        long gapEnd = log.commitStarts().get(25);
        List<RawBsonDocument> given = new ArrayList<>(
                stored(log, log.commitStarts().get(3), log.commitStarts().get(8)));
        given.addAll(stored(log, gapEnd, log.commitStarts().get(30)));
        builder.append(given);

        long end = log.commitStarts().get(30) - 1;
        assertThat(builder.size()).isEqualTo(end);
        TreeBuilder reading = TreeBuilder.builder(byReading, log.signer).build();
        reading.appendThrough(end);
        assertThat(log.store.tree().root(end)).isEqualTo(byReading.tree().root(end));
    }

    @Test
    void aMalformedGivenCommitIsRefusedAtItsPosition() {
        log.append(20);
        TreeBuilder builder = log.builder().build();
        long bad = log.commitStarts().get(4);
        log.commits().updateOne(Filters.eq("_id", bad), Updates.set("events.0.note", "added later"));

        assertThatThrownBy(() -> builder.append(stored(log, 1, Long.MAX_VALUE)))
                .isInstanceOf(StoreIntegrityException.class)
                .hasMessageContaining("position " + bad + ": the event has an unexpected field 'note'");
        assertThat(log.store.tree().size()).isEqualTo(bad - 1);
    }

    /** The stored commits starting in {@code [from, to)}, as the server sends them. */
    private static List<RawBsonDocument> stored(TreatmentLog log, long from, long to) {
        List<RawBsonDocument> commits = new ArrayList<>();
        for (RawBsonDocument commit : log.database
                .getCollection("event_commits", RawBsonDocument.class)
                .find()
                .sort(new Document("_id", 1))) {
            long first = firstPosition(commit);
            if (first >= from && first < to) {
                commits.add(commit);
            }
        }
        return commits;
    }

    private static long firstPosition(RawBsonDocument commit) {
        return commit.getInt64("_id").getValue();
    }

    private static int events(RawBsonDocument commit) {
        return commit.getArray("events").size();
    }
}

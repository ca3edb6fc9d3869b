package org.smpledger.verifier.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.verifier.LogVerifier;
import org.smpledger.verifier.checkpoint.InclusionBundle;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;
import org.smpledger.verifier.testing.TreatmentLog;

/**
 * The embedded MongoDB scans its collections for any filter that is not an equality (or $in) on
 * exactly one indexed key: the builder, the stored tree and the verifier send nothing else, on
 * the success path and when locating a fault; except the one read of a whole-log verification,
 * every commit in {@code _id} order (an index walk on MongoDB, one sort on the embedded server).
 */
class ExactKeyReadsTest {

    private static final Set<String> KEYS = Set.of("_id", "pos");

    private record Sent(String command, String collection, BsonDocument filter, BsonDocument sort) {

        Sent(String command, String collection, BsonDocument filter) {
            this(command, collection, filter, null);
        }

        boolean wholeLog() {
            return "event_commits".equals(collection)
                    && filter != null
                    && filter.isEmpty()
                    && new BsonDocument("_id", new BsonInt32(1)).equals(sort);
        }
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(TestMongo.connectionString()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    record(event.getCommandName(), event.getCommand().clone());
                }
            })
            .build());
    private final TreatmentLog log = new TreatmentLog(21);

    @AfterEach
    void close() {
        log.close();
        client.close();
    }

    @Test
    void everyReadAndUpdateIsAnExactKeyLookup() {
        log.append(600); // beyond 256: full tiles are read by key, the filling ones come with the state
        LogStore store = LogStore.on(client.getDatabase(log.database.getName()));
        TreeBuilder builder = TreeBuilder.builder(store, log.signer).window(25).build();
        builder.catchUp();
        SignedCheckpoint checkpoint = builder.checkpoint();
        LogVerifier verifier = new LogVerifier(store, log.signer.key()).window(25);
        assertThat(verifier.verify(checkpoint).verified()).isTrue();
        SignedCheckpoint older =
                store.checkpoints().atSize(log.commitHolding(50) - 1).orElse(checkpoint);
        assertThat(verifier.checkConsistency(older, checkpoint, null).verified())
                .isTrue();
        InclusionBundle bundle = InclusionBundle.of(
                store.tree().inclusionProof(41, checkpoint.checkpoint().size()), checkpoint);
        assertThat(verifier.checkInclusion(bundle, null).verified()).isTrue();
        long altered = log.commitHolding(77);
        log.commits().updateOne(Filters.eq("_id", altered), Updates.set("events.0.p", new Binary(new byte[] {1})));
        assertThat(verifier.verify(checkpoint).firstBadPosition()).hasValue(altered);

        // two verifications, the second one reading the log again to locate the fault
        assertThat(sent.stream().filter(Sent::wholeLog)).hasSize(3);
        List<Sent> filtered =
                sent.stream().filter(s -> s.filter() != null && !s.wholeLog()).toList();
        assertThat(filtered)
                .extracting(Sent::collection)
                .contains(
                        "event_commits", "verifiable_log_tiles", "verifiable_log_state", "verifiable_log_checkpoints");
        assertThat(filtered)
                .allSatisfy(s -> assertThat(isExactKey(s.filter()) || isTheStatesCompareAndSet(s))
                        .as(
                                "%s on %s: %s",
                                s.command(), s.collection(), s.filter().toJson())
                        .isTrue());
        assertThat(sent.stream()
                        .filter(s -> "event_commits".equals(s.collection()))
                        .map(Sent::command)
                        .toList())
                .as("the log's tree only reads the commits")
                .isSubsetOf("find", "getMore");
    }

    /**
     * The builder's reads of commits list at most {@link TreeBuilder#READ_WINDOW} positions, also
     * while it catches up: the embedded server holds the commits (and so every command's append)
     * while it compares each commit found with each listed position.
     */
    @Test
    void theBuildersReadsOfCommitsStaySmallWhileItCatchesUp() {
        log.append(700);
        LogStore store = LogStore.on(client.getDatabase(log.database.getName()));
        TreeBuilder.builder(store, log.signer).build().catchUp();
        List<Integer> listed = sent.stream()
                .filter(s -> "event_commits".equals(s.collection()) && s.filter() != null)
                .filter(s -> s.filter().isDocument("_id"))
                .map(s -> s.filter().getDocument("_id").getArray("$in").size())
                .toList();
        assertThat(listed).hasSizeGreaterThanOrEqualTo(700 / TreeBuilder.READ_WINDOW);
        assertThat(listed).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(TreeBuilder.READ_WINDOW));
    }

    private void record(String command, BsonDocument body) {
        switch (command) {
            case "find" ->
                sent.add(new Sent(
                        command,
                        body.getString("find").getValue(),
                        body.getDocument("filter", null),
                        body.getDocument("sort", null)));
            case "update", "delete" -> {
                String collection = body.getString(command).getValue();
                String list = command.equals("update") ? "updates" : "deletes";
                for (BsonValue statement : body.getArray(list, new BsonArray())) {
                    sent.add(
                            new Sent(command, collection, statement.asDocument().getDocument("q")));
                }
            }
            case "getMore" ->
                sent.add(new Sent(command, body.getString("collection").getValue(), null));
            default ->
                sent.add(new Sent(
                        command,
                        body.containsKey(command) && body.get(command).isString()
                                ? body.getString(command).getValue()
                                : null,
                        null));
        }
    }

    /** {@code {key: value}} or {@code {key: {$in: [values]}}} on one unique key. */
    /**
     * The tree's state is one document; an append replaces it only if it still holds the size the
     * append read ({@code {_id: "tree", leaves: n}}): the server finds it by {@code _id} and then
     * compares one field.
     */
    private static boolean isTheStatesCompareAndSet(Sent sent) {
        BsonDocument filter = sent.filter();
        return "verifiable_log_state".equals(sent.collection())
                && "update".equals(sent.command())
                && filter.keySet().equals(java.util.Set.of("_id", "leaves"))
                && filter.get("_id").equals(new org.bson.BsonString("tree"));
    }

    private static boolean isExactKey(BsonDocument filter) {
        if (filter.size() != 1 || !KEYS.contains(filter.getFirstKey())) {
            return false;
        }
        BsonValue value = filter.get(filter.getFirstKey());
        if (!value.isDocument()) {
            return true;
        }
        BsonDocument operator = value.asDocument();
        return operator.size() == 1
                && operator.containsKey("$in")
                && operator.get("$in").isArray();
    }
}

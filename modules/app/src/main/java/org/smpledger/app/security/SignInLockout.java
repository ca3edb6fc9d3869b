package org.smpledger.app.security;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * Counts failed sign-ins per local user and locks the user for {@code lockFor} once
 * {@code maxFailures} fail within {@code within}. Kept in MongoDB ({@code _id} = username, one
 * atomic update per failure), so every instance of the service sees the same count and the same
 * lock. Attempts while locked are refused without being counted (the lock is not extended by
 * them); a successful sign-in clears the count.
 */
public final class SignInLockout {

    /** A user's standing: failures in the current window, and the end of a lock (null: not locked). */
    public record Standing(int failures, Instant lockedUntil) {

        static final Standing CLEAR = new Standing(0, null);

        public boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    private final MongoCollection<Document> failures;
    private final IdentityProperties.Lockout settings;
    private final Clock clock;

    public SignInLockout(MongoCollection<Document> failures, IdentityProperties.Lockout settings, Clock clock) {
        this.failures = failures;
        this.settings = settings;
        this.clock = clock;
    }

    public Standing standing(String username) {
        Document document = failures.find(Filters.eq("_id", username)).first();
        if (document == null) {
            return Standing.CLEAR;
        }
        Date until = document.getDate("lockedUntil");
        return new Standing(document.getInteger("failures", 0), until == null ? null : until.toInstant());
    }

    /** Counts a failed sign-in; returns the end of the lock when this failure locked the user. */
    public Optional<Instant> failed(String username) {
        Instant now = clock.instant();
        Document counted = failures.findOneAndUpdate(
                Filters.eq("_id", username),
                Updates.combine(Updates.inc("failures", 1), Updates.setOnInsert("windowStartedAt", Date.from(now))),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        int count = counted == null ? 1 : counted.getInteger("failures", 1);
        Date windowStarted = counted == null ? null : counted.getDate("windowStartedAt");
        if (windowStarted != null
                && windowStarted.toInstant().plus(settings.within()).isBefore(now)) {
            failures.updateOne(
                    Filters.eq("_id", username),
                    Updates.combine(Updates.set("failures", 1), Updates.set("windowStartedAt", Date.from(now))));
            count = 1;
        }
        if (count < settings.maxFailures()) {
            return Optional.empty();
        }
        Instant until = now.plus(settings.lockFor());
        failures.updateOne(
                Filters.eq("_id", username),
                Updates.combine(
                        Updates.set("failures", 0),
                        Updates.set("windowStartedAt", Date.from(now)),
                        Updates.set("lockedUntil", Date.from(until))));
        return Optional.of(until);
    }

    /** After a successful sign-in of a user with failures counted: they start again from zero. */
    public void succeeded(String username) {
        failures.updateOne(Filters.eq("_id", username), Updates.set("failures", 0));
    }

    /** A clinic-admin lifts a lock (and the count). */
    public void unlock(String username) {
        failures.updateOne(
                Filters.eq("_id", username),
                Updates.combine(Updates.set("failures", 0), Updates.set("lockedUntil", null)));
    }
}

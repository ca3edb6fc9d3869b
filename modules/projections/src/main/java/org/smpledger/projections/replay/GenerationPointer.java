package org.smpledger.projections.replay;

import org.bson.codecs.pojo.annotations.BsonId;

/**
 * Which generation of a projection answers queries ({@code live}), which one is being rebuilt
 * ({@code building}, null when none) and the highest number ever given out (never reused, so a
 * discarded rebuild's collections and token can never be mistaken for a new one's). One document
 * per projection in {@code projection_generations}.
 */
public record GenerationPointer(@BsonId String projection, int live, Integer building, int highest) {

    public static GenerationPointer first(String projection) {
        return new GenerationPointer(projection, 1, null, 1);
    }
}

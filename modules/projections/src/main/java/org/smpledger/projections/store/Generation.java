package org.smpledger.projections.store;

/**
 * One build of a projection's read model. Every generation writes its own collections
 * ({@code timeline_g3}); a replay builds the next one while the live one keeps answering.
 */
public record Generation(String projection, int number) {

    public Generation {
        if (number < 1) {
            throw new IllegalArgumentException("generations count from 1");
        }
    }

    public String collection(String baseName) {
        return baseName + "_g" + number;
    }

    /** The name of the streaming processor (and its token) that builds this generation. */
    public String processorName() {
        return projection + "@g" + number;
    }

    public Generation next() {
        return new Generation(projection, number + 1);
    }
}

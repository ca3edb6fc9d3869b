package org.smpledger.verifier.checkpoint;

import java.util.ArrayList;
import java.util.List;
import org.smpledger.verifier.merkle.ConsistencyProof;
import org.smpledger.verifier.merkle.Hash;

/**
 * The text forms of proofs (docs/verifiable-log.md, "Proof files").
 * <ul>
 *   <li>Inclusion: c2sp.org/tlog-proof@v1: the line {@value #INCLUSION_HEADER}, {@code index <n>}
 *       (the leaf index, position - 1), one base64 hash per line from the leaf's sibling up,
 *       a blank line, then the signed checkpoint verbatim.</li>
 *   <li>Consistency: the line {@value #CONSISTENCY_HEADER}, {@code from <m>}, {@code to <n>}, then
 *       one base64 hash per line in RFC 6962 order.</li>
 * </ul>
 */
public final class ProofText {

    public static final String INCLUSION_HEADER = "c2sp.org/tlog-proof@v1";
    public static final String CONSISTENCY_HEADER = "smp-ledger/consistency-proof@v1";
    private static final int MAX_HASHES = 128;

    private ProofText() {}

    public static String format(InclusionBundle bundle) {
        StringBuilder text = new StringBuilder(INCLUSION_HEADER).append('\n');
        text.append("index ").append(bundle.leafIndex()).append('\n');
        for (Hash hash : bundle.path()) {
            text.append(hash.base64()).append('\n');
        }
        return text.append('\n').append(bundle.checkpoint().text()).toString();
    }

    public static InclusionBundle parseInclusion(String text) throws FormatException {
        int blank = text.indexOf("\n\n");
        if (blank < 0) {
            throw new FormatException("no blank line between the proof and its checkpoint");
        }
        String[] lines = text.substring(0, blank).split("\n", -1);
        if (!lines[0].equals(INCLUSION_HEADER)) {
            throw new FormatException("line 1: an inclusion proof starts with '" + INCLUSION_HEADER + "'");
        }
        int line = 1;
        if (lines.length > line && lines[line].startsWith("extra ")) {
            line++;
        }
        if (lines.length <= line || !lines[line].startsWith("index ")) {
            throw new FormatException("line " + (line + 1) + ": expected 'index <leaf index>'");
        }
        long index = Checkpoint.decimal(lines[line].substring("index ".length()), line + 1, "leaf index");
        List<Hash> path = hashes(lines, line + 1);
        SignedCheckpoint checkpoint;
        try {
            checkpoint = SignedCheckpoint.parse(text.substring(blank + 2));
        } catch (FormatException e) {
            throw new FormatException("in the checkpoint after the blank line: " + e.getMessage());
        }
        if (index >= checkpoint.checkpoint().size()) {
            throw new FormatException("leaf index " + index + " is beyond the checkpoint's tree of "
                    + checkpoint.checkpoint().size() + " leaves");
        }
        return new InclusionBundle(index, path, checkpoint);
    }

    public static String format(ConsistencyProof proof) {
        StringBuilder text = new StringBuilder(CONSISTENCY_HEADER).append('\n');
        text.append("from ").append(proof.fromSize()).append('\n');
        text.append("to ").append(proof.toSize()).append('\n');
        for (Hash hash : proof.path()) {
            text.append(hash.base64()).append('\n');
        }
        return text.toString();
    }

    public static ConsistencyProof parseConsistency(String text) throws FormatException {
        if (!text.endsWith("\n")) {
            throw new FormatException("the last line does not end with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (!lines[0].equals(CONSISTENCY_HEADER)) {
            throw new FormatException("line 1: a consistency proof starts with '" + CONSISTENCY_HEADER + "'");
        }
        if (lines.length < 3 || !lines[1].startsWith("from ") || !lines[2].startsWith("to ")) {
            throw new FormatException("lines 2 and 3 are 'from <tree size>' and 'to <tree size>'");
        }
        long from = Checkpoint.decimal(lines[1].substring("from ".length()), 2, "older tree size");
        long to = Checkpoint.decimal(lines[2].substring("to ".length()), 3, "newer tree size");
        if (from > to) {
            throw new FormatException("line 2: the older tree (" + from + ") is larger than the newer (" + to + ")");
        }
        return new ConsistencyProof(from, to, hashes(lines, 3));
    }

    private static List<Hash> hashes(String[] lines, int first) throws FormatException {
        if (lines.length - first > MAX_HASHES) {
            throw new FormatException("more than " + MAX_HASHES + " hashes: no tree is that deep");
        }
        List<Hash> hashes = new ArrayList<>();
        for (int i = first; i < lines.length; i++) {
            try {
                hashes.add(Hash.fromBase64(lines[i]));
            } catch (IllegalArgumentException e) {
                throw new FormatException("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return hashes;
    }
}

package org.smpledger.verifier.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A checkpoint as a signed note (c2sp.org/signed-note): its body, a blank line, and one or more
 * signature lines. Parsing checks the format only; trust comes from {@link LogKey#verify}.
 */
public final class SignedCheckpoint {

    /** Larger notes are refused before parsing. */
    public static final int MAX_BYTES = 64 * 1024;

    public static final int MAX_SIGNATURES = 64;
    private static final String SIGNATURE_PREFIX = "\u2014 ";

    private final Checkpoint checkpoint;
    private final List<NoteSignature> signatures;

    SignedCheckpoint(Checkpoint checkpoint, List<NoteSignature> signatures) {
        this.checkpoint = checkpoint;
        this.signatures = List.copyOf(signatures);
    }

    /** The tree head as claimed; only {@link LogKey#verify} says whether to believe it. */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    public List<NoteSignature> signatures() {
        return signatures;
    }

    /** The whole note: body, blank line, signature lines. */
    public String text() {
        StringBuilder text = new StringBuilder(checkpoint.body()).append('\n');
        for (NoteSignature signature : signatures) {
            byte[] bytes = ByteBuffer.allocate(4 + signature.signature().length)
                    .putInt(signature.keyId())
                    .put(signature.signature())
                    .array();
            text.append(SIGNATURE_PREFIX)
                    .append(signature.keyName())
                    .append(' ')
                    .append(Base64.getEncoder().encodeToString(bytes))
                    .append('\n');
        }
        return text.toString();
    }

    /** This note with one more signature (a co-signer's, or another key of the log's). */
    public SignedCheckpoint with(NoteSignature signature) {
        List<NoteSignature> more = new ArrayList<>(signatures);
        more.add(signature);
        return new SignedCheckpoint(checkpoint, more);
    }

    public static SignedCheckpoint read(Path file) throws FormatException, IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new FormatException(file + ": larger than a checkpoint can be (" + MAX_BYTES + " bytes)");
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return parse(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            throw new FormatException(file + ": not UTF-8 text");
        } catch (FormatException e) {
            throw e.in(file.toString());
        }
    }

    public static SignedCheckpoint parse(String note) throws FormatException {
        if (note.isEmpty()) {
            throw new FormatException("empty, not a checkpoint");
        }
        if (note.length() > MAX_BYTES) {
            throw new FormatException("larger than a checkpoint can be (" + MAX_BYTES + " bytes)");
        }
        int line = 1;
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '\r') {
                throw new FormatException("line " + line + ": a carriage return; checkpoint lines end in \\n only");
            } else if (Character.isISOControl(c)) {
                throw new FormatException("line " + line + ": a control character");
            }
        }
        if (!note.endsWith("\n")) {
            throw new FormatException("the last line does not end with a newline");
        }
        if (note.endsWith("\n\n")) {
            throw new FormatException("a blank line at the end, after the signatures");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new FormatException("no blank line between the checkpoint and its signatures");
        }
        String body = note.substring(0, split + 1);
        Checkpoint checkpoint = Checkpoint.parseBody(body);
        String[] lines = note.substring(split + 2).split("\n");
        int firstSignatureLine = (int) body.chars().filter(c -> c == '\n').count() + 2;
        if (lines.length == 1 && lines[0].isEmpty()) {
            throw new FormatException("no signature lines after the blank line");
        }
        if (lines.length > MAX_SIGNATURES) {
            throw new FormatException("more than " + MAX_SIGNATURES + " signatures");
        }
        List<NoteSignature> signatures = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            signatures.add(signature(lines[i], firstSignatureLine + i));
        }
        return new SignedCheckpoint(checkpoint, signatures);
    }

    private static NoteSignature signature(String line, int number) throws FormatException {
        String where = "line " + number + ": ";
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new FormatException(
                    where + "a signature line starts with an em dash and a space: " + Checkpoint.quoted(line));
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
            throw new FormatException(where + "a signature line is '\u2014 <key name> <base64 signature>'");
        }
        String name = rest.substring(0, space);
        try {
            Checkpoint.checkName(name, "a key name");
        } catch (IllegalArgumentException e) {
            throw new FormatException(where + e.getMessage());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(rest.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new FormatException(where + "the signature is not base64");
        }
        if (bytes.length < 5) {
            throw new FormatException(where + "the signature is shorter than a key id and a signature");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int keyId = buffer.getInt();
        byte[] signature = new byte[buffer.remaining()];
        buffer.get(signature);
        return new NoteSignature(name, keyId, signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedCheckpoint that && text().equals(that.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return "checkpoint " + checkpoint.origin() + " size " + checkpoint.size() + " root " + checkpoint.root()
                + " at " + checkpoint.time();
    }
}

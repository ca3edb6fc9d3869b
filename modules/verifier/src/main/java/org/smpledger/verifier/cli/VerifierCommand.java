package org.smpledger.verifier.cli;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.RawBsonDocument;
import org.bson.json.JsonParseException;
import org.smpledger.verifier.LogVerifier;
import org.smpledger.verifier.TrustedState;
import org.smpledger.verifier.VerificationReport;
import org.smpledger.verifier.checkpoint.Ed25519Keys;
import org.smpledger.verifier.checkpoint.FormatException;
import org.smpledger.verifier.checkpoint.InclusionBundle;
import org.smpledger.verifier.checkpoint.KeyFiles;
import org.smpledger.verifier.checkpoint.LogKey;
import org.smpledger.verifier.checkpoint.LogSigner;
import org.smpledger.verifier.checkpoint.ProofText;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;
import org.smpledger.verifier.leaf.CommitDocument;
import org.smpledger.verifier.leaf.MalformedCommitException;
import org.smpledger.verifier.leaf.StoredEvent;
import org.smpledger.verifier.merkle.ConsistencyProof;
import org.smpledger.verifier.store.LogStore;

/**
 * {@code smp-verifier}: checks the treatment log from the command line with nothing but the log's
 * public key, checkpoints and read access to its MongoDB database (docs/verifiable-log.md).
 * Exit codes: 0 verified; 1 verification failed (the report says what and where); 2 bad usage
 * or malformed input (one line); 3 MongoDB or a file could not be read (one line).
 */
public final class VerifierCommand {

    public static final int VERIFIED = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int UNAVAILABLE = 3;

    private static final String DEFAULT_URI = "mongodb://127.0.0.1:27018";
    private static final Set<String> STORE = Set.of("mongodb-uri", "database", "commits", "tree-prefix", "timeout");
    private static final Set<String> KEY = Set.of("key", "origin");
    private static final Set<String> NO_FLAGS = Set.of();

    private static final String USAGE = String.join(
            "\n",
            "usage: smp-verifier <command> [options]",
            "",
            "commands:",
            "  verify       recompute the tree from the store and check it against a checkpoint",
            "               --key FILE [--origin NAME] (--checkpoint FILE | --latest)",
            "               [--trusted FILE [--leaf-record FILE]] [store options]",
            "  consistency  check that a newer checkpoint extends an older one",
            "               --key FILE [--origin NAME] --old FILE --new FILE [--proof FILE | store options]",
            "  inclusion    check that an event is in a checkpoint's tree",
            "               --key FILE [--origin NAME] --proof FILE [--event FILE | store options]",
            "               --key FILE [--origin NAME] --checkpoint FILE --position N [store options]",
            "  trust        make a checkpoint the trusted one if it extends it (no recomputation)",
            "               --key FILE [--origin NAME] --checkpoint FILE --trusted FILE [--proof FILE | store options]",
            "  keygen       create the log's Ed25519 signing key (PEM) and print its verifier key",
            "               --out FILE --origin NAME",
            "",
            "--key is the log's public key: a verifier key line (name+id+key), or a PEM public key or",
            "certificate together with --origin. --event is the commit document in MongoDB extended JSON.",
            "store options: --mongodb-uri URI (default $SMP_MONGODB_URI, else " + DEFAULT_URI + ")",
            "  --database NAME (smp_ledger)  --commits NAME (event_commits)  --tree-prefix NAME (verifiable_log)",
            "  --timeout SECONDS (10)",
            "exit codes: 0 verified, 1 verification failed, 2 bad usage or input, 3 store or file unavailable");

    private final PrintStream out;

    private VerifierCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? BAD_INPUT : VERIFIED;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        VerifierCommand command = new VerifierCommand(out);
        try {
            return switch (args[0]) {
                case "verify" ->
                    command.verify(
                            parse("verify", rest, Set.of("checkpoint", "trusted", "leaf-record"), Set.of("latest")));
                case "consistency" ->
                    command.consistency(parse("consistency", rest, Set.of("old", "new", "proof"), NO_FLAGS));
                case "inclusion" ->
                    command.inclusion(
                            parse("inclusion", rest, Set.of("proof", "event", "checkpoint", "position"), NO_FLAGS));
                case "trust" -> command.trust(parse("trust", rest, Set.of("checkpoint", "trusted", "proof"), NO_FLAGS));
                case "keygen" -> command.keygen(Arguments.parse("keygen", rest, Set.of("out", "origin"), NO_FLAGS));
                default ->
                    throw new Arguments.UsageException("unknown command '" + args[0]
                            + "' (verify, consistency, inclusion, trust, keygen; --help)");
            };
        } catch (Arguments.UsageException | FormatException e) {
            err.println("smp-verifier: " + e.getMessage());
            return BAD_INPUT;
        } catch (NoSuchFileException e) {
            err.println("smp-verifier: no such file: " + e.getFile());
            return BAD_INPUT;
        } catch (MongoException e) {
            err.println("smp-verifier: MongoDB: " + oneLine(e.getMessage()));
            return UNAVAILABLE;
        } catch (IOException e) {
            err.println("smp-verifier: " + oneLine(e.toString()));
            return UNAVAILABLE;
        }
    }

    private static Arguments parse(String command, List<String> args, Set<String> own, Set<String> flags)
            throws Arguments.UsageException {
        Set<String> allowed = new java.util.HashSet<>(own);
        allowed.addAll(KEY);
        allowed.addAll(STORE);
        return Arguments.parse(command, args, allowed, flags);
    }

    private int verify(Arguments args) throws Arguments.UsageException, FormatException, IOException {
        LogKey key = key(args);
        if (args.has("latest") == args.has("checkpoint")) {
            throw new Arguments.UsageException("verify needs either --checkpoint FILE or --latest");
        }
        if (args.has("leaf-record") && !args.has("trusted")) {
            throw new Arguments.UsageException("--leaf-record goes with --trusted");
        }
        SignedCheckpoint given = args.has("checkpoint") ? SignedCheckpoint.read(args.path("checkpoint")) : null;
        try (MongoClient client = client(args);
                TrustedState trusted = args.has("trusted")
                        ? TrustedState.open(args.path("trusted"), args.optionalPath("leaf-record"), key)
                        : null) {
            LogStore store = store(client, args);
            SignedCheckpoint checkpoint = given;
            if (checkpoint == null) {
                checkpoint = store.checkpoints()
                        .latest()
                        .orElseThrow(() -> new FormatException("the store holds no checkpoint yet: nothing to verify"));
            }
            LogVerifier verifier = new LogVerifier(store, key);
            return report(trusted == null ? verifier.verify(checkpoint) : verifier.verify(checkpoint, trusted));
        }
    }

    private int consistency(Arguments args) throws Arguments.UsageException, FormatException, IOException {
        LogKey key = key(args);
        SignedCheckpoint older = SignedCheckpoint.read(args.path("old"));
        SignedCheckpoint newer = SignedCheckpoint.read(args.path("new"));
        ConsistencyProof proof = args.has("proof") ? consistencyProof(args.path("proof")) : null;
        try (MongoClient client = proof == null ? client(args) : null) {
            LogVerifier verifier = client == null ? offline(key) : new LogVerifier(store(client, args), key);
            return report(verifier.checkConsistency(older, newer, proof));
        }
    }

    private int inclusion(Arguments args) throws Arguments.UsageException, FormatException, IOException {
        LogKey key = key(args);
        if (args.has("proof") == args.has("checkpoint")) {
            throw new Arguments.UsageException(
                    "inclusion needs either --proof FILE or --checkpoint FILE with --position N");
        }
        if (args.has("proof")) {
            InclusionBundle bundle = parse(args.path("proof"), ProofText::parseInclusion);
            if (args.has("event")) {
                return report(
                        offline(key).checkInclusion(bundle, eventFromFile(args.path("event"), bundle.position())));
            }
            try (MongoClient client = client(args)) {
                return report(new LogVerifier(store(client, args), key).checkInclusion(bundle, null));
            }
        }
        SignedCheckpoint checkpoint = SignedCheckpoint.read(args.path("checkpoint"));
        long position = args.positiveNumber("position");
        if (position > checkpoint.checkpoint().size()) {
            throw new Arguments.UsageException("position " + position + " is beyond the checkpoint's "
                    + checkpoint.checkpoint().size() + " events");
        }
        try (MongoClient client = client(args)) {
            LogStore store = store(client, args);
            InclusionBundle bundle;
            try {
                bundle = InclusionBundle.of(
                        store.tree()
                                .inclusionProof(
                                        position - 1, checkpoint.checkpoint().size()),
                        checkpoint);
            } catch (RuntimeException e) {
                out.println("FAILED: event at position " + position + ": the stored tree gives no proof ("
                        + oneLine(e.getMessage()) + ")");
                return FAILED;
            }
            return report(new LogVerifier(store, key).checkInclusion(bundle, null));
        }
    }

    private int trust(Arguments args) throws Arguments.UsageException, FormatException, IOException {
        LogKey key = key(args);
        SignedCheckpoint checkpoint = SignedCheckpoint.read(args.path("checkpoint"));
        ConsistencyProof proof = args.has("proof") ? consistencyProof(args.path("proof")) : null;
        try (TrustedState trusted = TrustedState.open(args.path("trusted"), null, key);
                MongoClient client = proof == null && trusted.checkpoint().isPresent() ? client(args) : null) {
            LogVerifier verifier = client == null ? offline(key) : new LogVerifier(store(client, args), key);
            return report(verifier.trust(checkpoint, trusted, proof));
        }
    }

    private int keygen(Arguments args) throws Arguments.UsageException, IOException {
        Path file = args.path("out");
        String origin = args.required("origin");
        if (Files.exists(file)) {
            throw new Arguments.UsageException(file + " exists: a signing key is never overwritten");
        }
        KeyPair pair = Ed25519Keys.generate();
        LogSigner signer;
        try {
            signer = new LogSigner(origin, pair.getPrivate());
        } catch (IllegalArgumentException e) {
            throw new Arguments.UsageException("--origin: " + e.getMessage());
        }
        KeyFiles.writePrivateKey(file, pair.getPrivate());
        out.println(signer.key().verifierKey());
        return VERIFIED;
    }

    private int report(VerificationReport report) {
        out.println(report);
        return report.verified() ? VERIFIED : FAILED;
    }

    private static LogKey key(Arguments args) throws Arguments.UsageException, FormatException, IOException {
        return KeyFiles.readLogKey(args.path("key"), args.value("origin", null));
    }

    private static LogVerifier offline(LogKey key) {
        return LogVerifier.offline(key);
    }

    private static MongoClient client(Arguments args) throws Arguments.UsageException {
        String uri = args.value(
                "mongodb-uri",
                Optional.ofNullable(System.getenv("SMP_MONGODB_URI"))
                        .filter(value -> !value.isBlank())
                        .orElse(DEFAULT_URI));
        long timeout = args.has("timeout") ? args.positiveNumber("timeout") : 10;
        ConnectionString connection;
        try {
            connection = new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            throw new Arguments.UsageException("--mongodb-uri: " + oneLine(e.getMessage()));
        }
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(connection)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(timeout, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout((int) timeout, TimeUnit.SECONDS))
                .build());
    }

    private static LogStore store(MongoClient client, Arguments args) {
        return LogStore.on(client.getDatabase(args.value("database", "smp_ledger")))
                .withCommitCollection(args.value("commits", LogStore.DEFAULT_COMMITS))
                .withTreePrefix(args.value("tree-prefix", LogStore.DEFAULT_PREFIX));
    }

    private static ConsistencyProof consistencyProof(Path file) throws FormatException, IOException {
        return parse(file, ProofText::parseConsistency);
    }

    private interface Parser<T> {
        T parse(String text) throws FormatException;
    }

    private static <T> T parse(Path file, Parser<T> parser) throws FormatException, IOException {
        if (Files.size(file) > 1 << 20) {
            throw new FormatException(file + ": too large for a proof");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new FormatException(file + ": not UTF-8 text");
        }
        try {
            return parser.parse(text);
        } catch (FormatException e) {
            throw e.in(file.toString());
        }
    }

    private static StoredEvent eventFromFile(Path file, long position) throws FormatException, IOException {
        if (Files.size(file) > 32 << 20) {
            throw new FormatException(file + ": larger than a commit document can be");
        }
        RawBsonDocument commit;
        try {
            commit = RawBsonDocument.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonParseException | CharacterCodingException | IllegalArgumentException e) {
            throw new FormatException(
                    file + ": not a commit document in MongoDB extended JSON: " + oneLine(e.getMessage()));
        }
        try {
            for (StoredEvent event : CommitDocument.events(commit)) {
                if (event.position() == position) {
                    return event;
                }
            }
        } catch (MalformedCommitException e) {
            throw new FormatException(file + ": position " + e.position() + ": " + e.getMessage());
        }
        throw new FormatException(file + ": the commit does not hold position " + position);
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}

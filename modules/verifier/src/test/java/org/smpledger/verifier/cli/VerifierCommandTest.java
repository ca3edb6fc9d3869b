package org.smpledger.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.verifier.checkpoint.InclusionBundle;
import org.smpledger.verifier.checkpoint.KeyFiles;
import org.smpledger.verifier.checkpoint.ProofText;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;
import org.smpledger.verifier.store.TreeBuilder;
import org.smpledger.verifier.testing.TreatmentLog;

class VerifierCommandTest {

    private final TreatmentLog log = new TreatmentLog(16);

    @TempDir
    Path folder;

    private Path key;
    private Path checkpoint;
    private SignedCheckpoint signed;
    private final List<SignedCheckpoint> earlier = new ArrayList<>();

    @BeforeEach
    void aLogAndItsCheckpoint() throws Exception {
        log.append(30);
        TreeBuilder builder = log.builder().build();
        builder.catchUp();
        earlier.add(builder.checkpoint());
        log.append(30);
        builder.catchUp();
        signed = builder.checkpoint();
        key = Files.writeString(folder.resolve("log.vkey"), log.signer.key().verifierKey() + "\n");
        checkpoint = Files.writeString(folder.resolve("checkpoint"), signed.text());
    }

    @AfterEach
    void drop() {
        log.close();
    }

    @Test
    void verifiesAnUntouchedStoreAndNamesTheFirstAlteredPositionOfATamperedOne() {
        Run ok = run("verify", "--key", key, "--checkpoint", checkpoint);
        assertThat(ok.code).as(ok.toString()).isZero();
        assertThat(ok.out).startsWith("OK: events 1.." + log.size() + " against checkpoint " + TreatmentLog.ORIGIN);
        assertThat(run("verify", "--key", key, "--latest").code).isZero();

        long position = log.commitHolding(40);
        Document commit = log.commits().find(Filters.eq("_id", position)).first();
        Document event = commit.getList("events", Document.class).get(0);
        byte[] payload = event.get("p", Binary.class).getData();
        payload[payload.length - 2] ^= 0x20;
        event.put("p", new Binary(payload));
        log.commits().replaceOne(Filters.eq("_id", position), commit);

        Run failed = run("verify", "--key", key, "--checkpoint", checkpoint);
        assertThat(failed.code).as(failed.toString()).isEqualTo(VerifierCommand.FAILED);
        assertThat(failed.out)
                .startsWith("FAILED: ")
                .contains("first bad position " + position)
                .contains("altered event at position " + position + ": ");
        assertThat(failed.err).isEmpty();
    }

    @Test
    void aMalformedCheckpointFileOrBadUsageIsOneLineAndExitCodeTwo() throws Exception {
        Path malformed = Files.writeString(folder.resolve("bad"), "clinic.example/smp-ledger\nten\n");
        Path crlf = Files.writeString(folder.resolve("crlf"), signed.text().replace("\n", "\r\n"));

        for (Run bad : List.of(
                run("verify", "--key", key, "--checkpoint", malformed),
                run("verify", "--key", key, "--checkpoint", crlf),
                run("verify", "--key", key, "--checkpoint", folder.resolve("absent")),
                run("verify", "--key", checkpoint, "--checkpoint", checkpoint),
                run("verify", "--key", key),
                run("verify", "--key", key, "--checkpoint", checkpoint, "--frobnicate", "x"),
                run("audit"),
                run())) {
            assertThat(bad.code).as(bad.toString()).isEqualTo(VerifierCommand.BAD_INPUT);
            assertThat(bad.out).isEmpty();
            if (!bad.args.isEmpty()) {
                assertThat(bad.err.strip())
                        .as(bad.toString())
                        .startsWith("smp-verifier: ")
                        .doesNotContain("\n");
            }
        }
        assertThat(run("verify", "--key", key, "--checkpoint", malformed).err)
                .contains("bad: ")
                .contains("no blank line");
    }

    @Test
    void anUnreachableStoreIsExitCodeThree() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run unreachable = runOn(
                "mongodb://127.0.0.1:" + port, "verify", "--key", key, "--checkpoint", checkpoint, "--timeout", "1");

        assertThat(unreachable.code).as(unreachable.toString()).isEqualTo(VerifierCommand.UNAVAILABLE);
        assertThat(unreachable.err.strip())
                .startsWith("smp-verifier: MongoDB: ")
                .doesNotContain("\n");
    }

    @Test
    void trustAcceptsACheckpointThatExtendsTheTrustedOneAndRefusesARollback() throws Exception {
        Path trusted = folder.resolve("trusted");
        Path older = Files.writeString(folder.resolve("older"), earlier.get(0).text());

        assertThat(run("trust", "--key", key, "--checkpoint", older, "--trusted", trusted).code)
                .isZero();
        assertThat(run("trust", "--key", key, "--checkpoint", checkpoint, "--trusted", trusted).code)
                .isZero();
        Run rollback = run("trust", "--key", key, "--checkpoint", older, "--trusted", trusted);
        assertThat(rollback.code).as(rollback.toString()).isEqualTo(VerifierCommand.FAILED);
        assertThat(rollback.out)
                .contains("rollback at position " + (earlier.get(0).checkpoint().size() + 1));
        assertThat(SignedCheckpoint.read(trusted)).isEqualTo(signed);

        Path leaves = folder.resolve("leaves");
        Run verified = run("verify", "--key", key, "--latest", "--trusted", trusted, "--leaf-record", leaves);
        assertThat(verified.code).as(verified.toString()).isZero();
        assertThat(Files.size(leaves)).isEqualTo(32 * log.size());
    }

    @Test
    void consistencyOfTwoCheckpointsWithAProofFileOrFromTheStore() throws Exception {
        Path older = Files.writeString(folder.resolve("older"), earlier.get(0).text());
        long from = earlier.get(0).checkpoint().size();
        String proof = ProofText.format(log.store.tree().consistencyProof(from, log.size()));
        Path proofFile = Files.writeString(folder.resolve("proof"), proof);
        String[] lines = proof.split("\n");
        lines[4] = (lines[4].charAt(0) == 'A' ? 'B' : 'A') + lines[4].substring(1);
        Path changed = Files.writeString(folder.resolve("changed"), String.join("\n", lines) + "\n");

        assertThat(run("consistency", "--key", key, "--old", older, "--new", checkpoint, "--proof", proofFile).code)
                .isZero();
        assertThat(run("consistency", "--key", key, "--old", older, "--new", checkpoint).code)
                .isZero();
        Run split = run("consistency", "--key", key, "--old", older, "--new", checkpoint, "--proof", changed);
        assertThat(split.code).as(split.toString()).isEqualTo(VerifierCommand.FAILED);
        assertThat(split.out).contains("split view: ");
        Run reversed = run("consistency", "--key", key, "--old", checkpoint, "--new", older, "--proof", proofFile);
        assertThat(reversed.out).contains("rollback at position " + (from + 1));
    }

    @Test
    void inclusionOfAnEventFromTheStoreOrFromAnExportedCommit() throws Exception {
        long position = log.commitHolding(33);
        assertThat(run("inclusion", "--key", key, "--checkpoint", checkpoint, "--position", String.valueOf(position))
                        .code)
                .isZero();

        InclusionBundle bundle = InclusionBundle.of(log.store.tree().inclusionProof(position - 1, log.size()), signed);
        Path proof = Files.writeString(folder.resolve("event.tlog-proof"), ProofText.format(bundle));
        Document commit = log.commits().find(Filters.eq("_id", position)).first();
        JsonWriterSettings extended =
                JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
        Path exported = Files.writeString(folder.resolve("commit.json"), commit.toJson(extended));
        assertThat(run("inclusion", "--key", key, "--proof", proof, "--event", exported).code)
                .isZero();
        assertThat(run("inclusion", "--key", key, "--proof", proof).code).isZero();

        Document event = commit.getList("events", Document.class).get(0);
        event.put("ts", new java.util.Date(event.getDate("ts").getTime() + 1000));
        Path edited = Files.writeString(folder.resolve("edited.json"), commit.toJson(extended));
        Run changed = run("inclusion", "--key", key, "--proof", proof, "--event", edited);
        assertThat(changed.code).as(changed.toString()).isEqualTo(VerifierCommand.FAILED);
        assertThat(changed.out).contains("proof failed at position " + position);

        Run beyond = run("inclusion", "--key", key, "--checkpoint", checkpoint, "--position", "100000");
        assertThat(beyond.code).isEqualTo(VerifierCommand.BAD_INPUT);
    }

    @Test
    void keygenWritesAKeyThatSignsForItsVerifierKeyAndNeverOverwrites() throws Exception {
        Path file = folder.resolve("keys/log.pem");
        Run created = run("keygen", "--out", file, "--origin", "clinic.example/log");

        assertThat(created.code).isZero();
        assertThat(created.out.strip()).startsWith("clinic.example/log+");
        Path vkey = Files.writeString(folder.resolve("new.vkey"), created.out);
        assertThat(KeyFiles.readLogKey(vkey, null).publicKey())
                .isEqualTo(org.smpledger.verifier.checkpoint.Ed25519Keys.publicKeyOf(KeyFiles.readPrivateKey(file)));
        assertThat(run("keygen", "--out", file, "--origin", "clinic.example/log").code)
                .isEqualTo(VerifierCommand.BAD_INPUT);
    }

    @Test
    void theMainClassExitsWithTheCodeAndOneLineInItsOwnProcess() throws Exception {
        Path malformed = Files.writeString(folder.resolve("bad"), "not a checkpoint");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        VerifierCommand.class.getName(),
                        "verify",
                        "--key",
                        key.toString(),
                        "--checkpoint",
                        malformed.toString())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(err).isEqualTo(VerifierCommand.BAD_INPUT);
        assertThat(err).isEqualTo("smp-verifier: " + malformed + ": the last line does not end with a newline\n");
    }

    private Run run(Object... args) {
        return runOn(TestMongo.connectionString(), args);
    }

    private Run runOn(String uri, Object... args) {
        List<String> all = new ArrayList<>();
        for (Object arg : args) {
            all.add(arg.toString());
        }
        if (!all.isEmpty() && !List.of("keygen", "audit").contains(all.get(0))) {
            if (!all.contains("--timeout")) {
                all.addAll(List.of("--timeout", "10"));
            }
            all.addAll(List.of("--mongodb-uri", uri, "--database", log.database.getName()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VerifierCommand.run(
                all.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(all, code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(List<String> args, int code, String out, String err) {}
}

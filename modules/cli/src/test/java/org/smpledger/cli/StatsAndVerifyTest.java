package org.smpledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.BsonBinary;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.verifier.checkpoint.Ed25519Keys;
import org.smpledger.verifier.checkpoint.LogSigner;
import org.smpledger.verifier.store.LogStore;
import org.smpledger.verifier.store.TreeBuilder;

class StatsAndVerifyTest {

    private static SeededClinics clinics;

    @TempDir
    Path folder;

    @BeforeAll
    static void seed() {
        clinics = new SeededClinics().seeded();
    }

    @AfterAll
    static void drop() {
        clinics.close();
    }

    @Test
    void statsCountEventsPerTypeClinicAndMonthSessionsPerCourseAndOverridesPerLimit() {
        Smp stats = Smp.on(clinics, "stats", "--format", "csv");

        assertThat(stats.code()).as(stats.toString()).isZero();
        assertThat(stats.out().replace("\r\n", "\n"))
                .contains("SessionCompleted,clinic-north,2026-02,4\n")
                .contains("SessionCompleted,clinic-south,2026-06,2\n")
                .contains("PigmentLotRecalled,clinic-north,2026-06,1\n")
                .contains("course,sessions,clients,highest_session_number\n1,14,5,5\n2,1,1,1\n")
                .contains("limit,overrides\ndensity-ceiling,1\nsession-limit,1\n");
        Smp table = Smp.on(clinics, "stats", "--clinic", SeededClinics.SOUTH);
        assertThat(table.out())
                .contains("# Events per type, clinic and month")
                .contains("# Sessions per course")
                .contains("# Overrides per limit")
                .doesNotContain(SeededClinics.NORTH);
    }

    @Test
    void verifyRunsTheIndependentVerifierWithItsExitCodes() throws Exception {
        try (SeededClinics clinics = new SeededClinics().seeded()) {
            verify(clinics);
        }
    }

    private void verify(SeededClinics clinics) throws Exception {
        LogSigner signer = new LogSigner(
                "clinic.example/smp-ledger", Ed25519Keys.generate().getPrivate());
        TreeBuilder tree =
                TreeBuilder.builder(LogStore.on(clinics.database), signer).build();
        tree.catchUp();
        tree.checkpoint();
        Path key = Files.writeString(folder.resolve("log.vkey"), signer.key().verifierKey() + "\n");

        Smp verified = Smp.on(clinics, "verify", "verify", "--key", key.toString(), "--latest");
        assertThat(verified.code()).as(verified.toString()).isZero();
        assertThat(verified.out()).startsWith("OK: events 1..39 against checkpoint clinic.example/smp-ledger");

        clinics.database
                .getCollection("event_commits")
                .updateOne(
                        new Document("_id", 7L),
                        new Document("$set", new Document("events.0.p", new BsonBinary("{}".getBytes()))));
        Smp failed = Smp.on(clinics, "verify", "verify", "--key", key.toString(), "--latest");
        assertThat(failed.code()).as(failed.toString()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(failed.out()).contains("altered event at position 7");

        Smp usage = Smp.on(clinics, "verify", "verify", "--latest");
        assertThat(usage.code()).isEqualTo(ExitCodes.BAD_USAGE);
    }
}

package org.smpledger.treatmentlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.smpledger.treatmentlog.AuditRefusal.Reason;
import org.smpledger.verifier.checkpoint.Ed25519Keys;
import org.smpledger.verifier.checkpoint.LogSigner;
import org.smpledger.verifier.checkpoint.SignedCheckpoint;
import org.smpledger.verifier.store.LogStore;
import org.smpledger.verifier.store.TreeBuilder;

/** An auditor's questions: answered from the stored tree, or refused naming the parameter before anything is read. */
class LogAuditTest {

    private final LogSigner signer =
            new LogSigner("clinic.example/smp-ledger", Ed25519Keys.generate().getPrivate());

    @Test
    void proofsOfAnySizeWithinTheTreeVerifyAndBadQuestionsAreRefusedByName() {
        try (StoreOnMongo events = new StoreOnMongo("audit_questions")) {
            LogStore store = LogStore.on(events.database);
            LogAudit audit = new LogAudit(store, signer.key());
            refused(audit::latest, Reason.NOT_FOUND, null);
            long size = events.commits(30);
            TreeBuilder builder = TreeBuilder.builder(store, signer).build();
            builder.catchUp();
            SignedCheckpoint checkpoint = builder.checkpoint();
            assertThat(audit.latest()).isEqualTo(checkpoint);
            assertThat(audit.atSize(size)).isEqualTo(checkpoint);

            for (long position = 1; position <= size; position++) {
                LogAudit.Inclusion inclusion = audit.inclusion(position, size);
                assertThat(inclusion.root()).isEqualTo(checkpoint.checkpoint().root());
                assertThat(inclusion.proofText()).isPresent();
                LogAudit.Inclusion smaller = audit.inclusion(1, position);
                assertThat(smaller.proof().treeSize()).isEqualTo(position);
            }
            for (long from = 1; from <= size; from += 5) {
                LogAudit.Consistency consistency = audit.consistency(from, size);
                assertThat(consistency
                                .proof()
                                .verify(
                                        consistency.fromRoot(),
                                        checkpoint.checkpoint().root()))
                        .isTrue();
            }
            assertThat(audit.verify(null).verified()).isTrue();
            assertThat(audit.verify(size).verified()).isTrue();

            refused(() -> audit.inclusion(0, size), Reason.INVALID, "position");
            refused(() -> audit.inclusion(1, 0), Reason.INVALID, "size");
            refused(() -> audit.inclusion(size, size - 1), Reason.INVALID, "position");
            refused(() -> audit.inclusion(size + 1, size + 1), Reason.NOT_FOUND, "size");
            refused(() -> audit.inclusion(1, size + 1), Reason.NOT_FOUND, "size");
            refused(() -> audit.consistency(3, 2), Reason.INVALID, "from");
            refused(() -> audit.consistency(0, 2), Reason.INVALID, "from");
            refused(() -> audit.consistency(1, size + 1), Reason.NOT_FOUND, "to");
            refused(() -> audit.atSize(size - 1), Reason.NOT_FOUND, "size");
            refused(() -> audit.verify(size + 5), Reason.NOT_FOUND, "size");
            refused(() -> audit.atSize(-1), Reason.INVALID, "size");
        }
    }

    private static void refused(Runnable question, Reason reason, String parameter) {
        assertThatThrownBy(question::run).isInstanceOfSatisfying(AuditRefusal.class, refusal -> {
            assertThat(refusal.reason()).isEqualTo(reason);
            assertThat(refusal.parameter()).isEqualTo(parameter);
            assertThat(refusal.getMessage()).doesNotContain("\n");
        });
    }
}

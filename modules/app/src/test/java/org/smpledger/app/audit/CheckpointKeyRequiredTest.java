package org.smpledger.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.smpledger.app.SmpLedgerApplication;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.treatmentlog.CheckpointKey;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A deployment told not to create a key, without one: it does not start, and says why in a line, not a stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class CheckpointKeyRequiredTest {

    @TempDir
    Path dataDir;

    @Test
    void withoutAKeyAndWithoutCreationTheServiceRefusesToStartSayingWhatToSet(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SmpLedgerApplication.class)
                        .run(
                                "--smp.mongodb.uri=" + TestMongo.connectionString(),
                                "--smp.mongodb.database=" + TestMongo.freshDatabaseName("no_key"),
                                "--smp.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                                "--smp.publisher.enabled=false",
                                "--smp.data-dir=" + dataDir,
                                "--server.port=0",
                                "--smp.verifiable-log.key.create-if-missing=false"))
                .hasRootCauseInstanceOf(CheckpointKey.Unavailable.class);
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("checkpoint key: " + dataDir.resolve("verifiable-log").resolve("checkpoint-key.pem"))
                .contains("SMP_LOG_KEY_FILE");
        assertThat(dataDir.resolve("verifiable-log").resolve("checkpoint-key.pem"))
                .doesNotExist();
    }
}

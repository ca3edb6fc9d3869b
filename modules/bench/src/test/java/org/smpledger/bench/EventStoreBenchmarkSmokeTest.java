package org.smpledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The harness runs end to end with tiny numbers; the figures themselves mean nothing here. */
class EventStoreBenchmarkSmokeTest {

    @Test
    void harnessRunsEverySectionAndPrintsEveryTarget() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new EventStoreBenchmark(
                        EventStoreBenchmark.Settings.parse(new String[] {
                            "--small=200",
                            "--large=400",
                            "--rounds=1",
                            "--warmup=0",
                            "--seconds=1",
                            "--command-seconds=1",
                            "--threads=1",
                            "--writers=4",
                            "--fill-threads=2",
                            "--samples=20",
                            "--existing=20"
                        }),
                        new PrintStream(buffer, true, StandardCharsets.UTF_8))
                .run();

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .contains(
                        "| 2 ms RTT, 4 writers: engine appends/s, group commit |",
                        "| no added latency, 1 writers: commands/s new streams, axon-mongo |",
                        "| aggregate load p50 ms @ 400 events |",
                        "| processor batch (100) p50 ms @ 400 events |");
        assertThat(output.lines().filter(line -> line.endsWith("| PASS |") || line.endsWith("| FAIL |")))
                .hasSize(8);
    }
}

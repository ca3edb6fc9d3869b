package org.smpledger.cli.asof;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.smpledger.cli.CliFailure;
import org.smpledger.cli.EventSelection;
import org.smpledger.cli.EventStores;
import org.smpledger.cli.ExitCodes;
import org.smpledger.cli.LimitOptions;
import org.smpledger.cli.SmpCommand;
import org.smpledger.cli.Store;
import org.smpledger.cli.StoreOptions;
import org.smpledger.projections.Page;
import org.smpledger.serialization.ServiceJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * A client's timeline and over-layering risk as they stood at an instant (recorded time: what the
 * REST API's {@code asOf} answers), or as they stand for what had happened by an instant (occurred
 * time), as JSON.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "as-of",
        description = "A client's timeline and risk as they stood at an instant (recorded time, as the REST API's"
                + " asOf), or for what had happened by then (occurred time), as JSON.")
public final class AsOfCommand implements Callable<Integer> {

    /** Which part to print. */
    public enum Part {
        both,
        timeline,
        risk
    }

    @ParentCommand
    SmpCommand smp;

    @Parameters(index = "0", paramLabel = "CLIENT", description = "the client's id")
    String clientId;

    @Option(
            names = "--at",
            paramLabel = "TIME",
            description = "the instant (ISO-8601, or a date: its start in UTC); default: now")
    String at;

    @Option(
            names = "--time",
            paramLabel = "recorded|occurred",
            defaultValue = "recorded",
            description = "recorded: the record as it stood at --at; occurred: what had happened by --at, with"
                    + " every correction since (default: ${DEFAULT-VALUE})")
    EventSelection.Clock clock;

    @Option(names = "--show", defaultValue = "both", description = "both, timeline or risk (default: ${DEFAULT-VALUE})")
    Part part;

    @Option(names = "--page", defaultValue = "0", description = "timeline page, from 0 (default: ${DEFAULT-VALUE})")
    int page;

    @Option(
            names = "--size",
            defaultValue = "100",
            description = "timeline entries per page, 1-500 (default: ${DEFAULT-VALUE})")
    int size;

    @Mixin
    LimitOptions limits;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() throws IOException {
        Instant instant = at == null ? null : EventSelection.time("--at", at);
        if (clock == EventSelection.Clock.occurred && instant == null) {
            throw CliFailure.usage("--time occurred needs --at");
        }
        if (page < 0) {
            throw CliFailure.usage("--page must be 0 or more");
        }
        if (size < 1 || size > Page.MAX_SIZE) {
            throw CliFailure.usage("--size must be between 1 and " + Page.MAX_SIZE);
        }
        ClientAsOf.View view;
        try (Store opened = store.open()) {
            ClientAsOf client = ClientAsOf.read(
                            EventStores.reading(opened),
                            opened.database(),
                            clientId,
                            limits.measures(),
                            limits.deploymentRules())
                    .orElseThrow(() -> CliFailure.notFound("no client " + clientId + " is recorded"));
            view = clock == EventSelection.Clock.recorded
                    ? client.recorded(instant, page, size)
                    : client.occurred(instant, page, size);
        }
        if (view.timeline() == null && view.risk() == null) {
            throw CliFailure.notFound(
                    clock == EventSelection.Clock.recorded
                            ? "client " + clientId + " had no record as of " + instant
                            : "nothing had happened to client " + clientId + " by " + instant);
        }
        ObjectMapper json = ServiceJson.mapper().enable(SerializationFeature.INDENT_OUTPUT);
        Object shown = switch (part) {
            case timeline -> view.timeline();
            case risk -> view.risk();
            case both -> {
                Map<String, Object> both = new LinkedHashMap<>();
                both.put("clientId", clientId);
                both.put("time", clock.name());
                both.put("at", instant);
                both.put("timeline", view.timeline());
                both.put("risk", view.risk());
                yield both;
            }
        };
        smp.out().println(json.writeValueAsString(shown));
        smp.out().flush();
        return ExitCodes.OK;
    }
}

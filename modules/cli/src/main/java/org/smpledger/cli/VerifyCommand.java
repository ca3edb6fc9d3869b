package org.smpledger.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.smpledger.verifier.cli.VerifierCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/**
 * Runs the verifiable log's independent verifier ({@code smp-verifier}, docs/verifiable-log.md) with
 * its own arguments and exit codes (0 verified, 1 failed, 2 bad usage, 3 store unavailable). With
 * {@code --data DIR} it verifies the embedded default's data folder, opened in this process.
 */
@Command(
        name = "verify",
        description = "Verify the log against its signed checkpoints: runs smp-verifier with the arguments given,"
                + " e.g. smp verify verify --key log.pub --latest",
        footer = "Verifier commands and options: smp verify --help (the verifier's own usage).")
public final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    SmpCommand smp;

    /** The verifier's command and options, passed on as given. */
    @Unmatched
    List<String> arguments = new ArrayList<>();

    @Mixin
    DataFolderOption data;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(arguments);
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            return VerifierCommand.run(new String[] {"--help"}, smp.out(), smp.err()) == VerifierCommand.VERIFIED
                    ? ExitCodes.OK
                    : ExitCodes.BAD_USAGE;
        }
        if (data.dataDir == null) {
            return VerifierCommand.run(args.toArray(String[]::new), smp.out(), smp.err());
        }
        if (args.stream().anyMatch(arg -> arg.startsWith("--mongodb-uri"))) {
            throw CliFailure.usage("give either --data or --mongodb-uri");
        }
        try (Store store = StoreOptions.dataFolder(data.dataDir).open()) {
            String uri = store.client().getClusterDescription().getClusterSettings().getHosts().stream()
                    .map(host -> "mongodb://" + host.getHost() + ":" + host.getPort())
                    .findFirst()
                    .orElseThrow();
            args.add("--mongodb-uri");
            args.add(uri);
            return VerifierCommand.run(args.toArray(String[]::new), smp.out(), smp.err());
        }
    }

    /** The data folder, the one store option the verifier does not have itself. */
    public static final class DataFolderOption {
        @picocli.CommandLine.Option(
                names = "--data",
                paramLabel = "DIR",
                description = "verify the embedded default's data folder (otherwise the verifier's --mongodb-uri)")
        java.nio.file.Path dataDir;
    }
}

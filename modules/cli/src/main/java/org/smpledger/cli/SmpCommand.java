package org.smpledger.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.smpledger.cli.asof.AsOfCommand;
import org.smpledger.cli.export.ExportCommand;
import org.smpledger.cli.replay.ReplayCommand;
import org.smpledger.cli.sql.SqlCommand;
import org.smpledger.cli.sql.StatsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code smp}: the analyst's command line over the event log. Output goes to stdout, messages to
 * stderr; a failure is one line on stderr and a distinct exit code ({@link ExitCodes}), with the
 * stack trace only under {@code --debug}.
 */
@Command(
        name = "smp",
        mixinStandardHelpOptions = true,
        version = "smp 0.1.0",
        description = "Analyse the smp-ledger event log: export it, query it with SQL, replay projections,"
                + " see a client as of an instant, verify the log, count what happened.",
        subcommands = {
            ExportCommand.class,
            SqlCommand.class,
            ReplayCommand.class,
            AsOfCommand.class,
            VerifyCommand.class,
            StatsCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:verify: the log does not verify",
            "2:bad argument or option",
            "3:database or data folder unreachable, or an input file unreadable",
            "4:no such projection, client or event type",
            "5:the SQL query failed",
            "6:the output cannot be written",
            "7:replay: a running service processes the projection in the target database",
            "70:internal error (a bug; --debug shows the stack trace)",
            "130:interrupted (replay resumes when run again)"
        })
public final class SmpCommand implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "print stack traces of failures")
    boolean debug;

    private final PrintStream out;
    private final PrintStream err;

    SmpCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    @Override
    public void run() {
        throw CliFailure.usage("give a command: export, sql, replay, as-of, verify, stats (smp --help)");
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line; returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine line = new CommandLine(new SmpCommand(out, err));
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setParameterExceptionHandler((failure, args1) -> {
            CommandLine command = failure.getCommandLine();
            err.println(
                    command.getCommandName().equals("smp")
                            ? "smp: " + CliFailure.oneLine(failure.getMessage()) + " (smp --help)"
                            : "smp " + command.getCommandName() + ": " + CliFailure.oneLine(failure.getMessage())
                                    + " (smp " + command.getCommandName() + " --help)");
            if (debug) {
                failure.printStackTrace(err);
            }
            return ExitCodes.BAD_USAGE;
        });
        line.setExecutionExceptionHandler((failure, command, parsed) -> {
            String name = command.getCommandName().equals("smp") ? "smp" : "smp " + command.getCommandName();
            int code;
            if (failure instanceof CliFailure known) {
                err.println(name + ": " + CliFailure.oneLine(known.getMessage()));
                code = known.exitCode();
            } else {
                err.println(name + ": internal error: " + CliFailure.oneLine(failure.toString())
                        + (debug ? "" : " (--debug shows the stack trace)"));
                code = ExitCodes.INTERNAL_ERROR;
            }
            if (debug) {
                failure.printStackTrace(err);
            }
            return code;
        });
        return line.execute(args);
    }
}

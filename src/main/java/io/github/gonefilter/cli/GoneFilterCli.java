package io.github.gonefilter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The command-line tool: {@code java -jar gone-filter-<version>-cli.jar <command>}. Exit codes: 0 fine,
 * 1 findings or differences, 2 usage errors or unreadable input. The filter never loads this package.
 */
@Command(name = "gone-filter", mixinStandardHelpOptions = true, versionProvider = GoneFilterCli.Version.class,
        description = "Check, explain, compare, convert and import tombstone files for gone-filter.",
        subcommands = {CheckCommand.class, ExplainCommand.class, DiffCommand.class, ConvertCommand.class,
                ImportCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:fine", "1:findings (check), differences (diff), refused (convert), rules left out (import)",
                "2:usage error or unreadable input"})
public final class GoneFilterCli implements Runnable {

    /** Everything fine. */
    public static final int OK = 0;
    /** Findings, differences, or rules that could not be imported. */
    public static final int FINDINGS = 1;
    /** A usage error, or input that cannot be read. */
    public static final int UNUSABLE = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it with their own writers. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GoneFilterCli());
        cli.setExecutionStrategy(parsed -> {
            try (LibraryLog log = LibraryLog.to(parsed.commandSpec().commandLine().getErr())) {
                return new CommandLine.RunLast().execute(parsed);
            }
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println(Text.oneLine("gone-filter: " + e.getMessage() + " (see '"
                    + command.getCommandSpec().qualifiedName() + " --help')"));
            command.getErr().flush();
            return UNUSABLE;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println(Text.oneLine("gone-filter: "
                    + (e instanceof UnusableInputException ? "" : e.getClass().getSimpleName() + ": ") + e.getMessage()));
            command.getErr().flush();
            return UNUSABLE;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: check, explain, diff, convert or import");
    }

    /** Input that cannot be used: printed as the message alone, exit code 2. */
    static final class UnusableInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnusableInputException(String message) {
            super(message);
        }
    }

    /** Pretty JSON, one value per command run, ending in a newline. */
    static void printJson(PrintWriter out, Object value) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        try {
            out.println(JSON.writer(printer).writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    /** The version of the jar, from its manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = GoneFilterCli.class.getPackage().getImplementationVersion();
            return new String[] {"gone-filter " + (v == null ? "(development build)" : v)};
        }
    }
}

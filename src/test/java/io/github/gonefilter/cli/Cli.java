package io.github.gonefilter.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the command line as {@code main} would, capturing output, error and exit code; paths under {@code dir} shortened. */
record Cli(int exitCode, String out, String err) {

    static Cli run(Path dir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = GoneFilterCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        String prefix = dir.toString() + "/";
        return new Cli(code, out.toString().replace(prefix, ""), err.toString().replace(prefix, ""));
    }
}

package dev.bent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the bent command tree with captured stdout and stderr. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Bent.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}

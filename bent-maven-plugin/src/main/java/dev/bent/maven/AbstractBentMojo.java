package dev.bent.maven;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.InternalException;
import dev.bent.diag.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The base of every bent goal: the {@code bent.skip} switch, a per-goal skip, and the one place
 * that maps bent's exceptions to Maven's. Invalid input fails the build with the same {@code
 * file:line:column: error:} lines the CLI prints, never a stack trace.
 */
abstract class AbstractBentMojo extends AbstractMojo {
  /** Skips every bent goal. */
  @Parameter(property = "bent.skip", defaultValue = "false")
  private boolean skip;

  /** The project's base directory, against which paths in messages are shown. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  private File basedir;

  /** The goal's name, for messages. */
  abstract String goal();

  /** Whether this goal's own skip property is set. */
  abstract boolean skipGoal();

  /** Runs the goal. */
  abstract void run() throws MojoExecutionException, MojoFailureException, IOException;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip || skipGoal()) {
      getLog().info("bent:" + goal() + " skipped");
      return;
    }
    try {
      run();
    } catch (InvalidInputException e) {
      long errors = e.errorCount();
      throw new MojoFailureException(
          "bent: invalid mesh; nothing was written\n" + lines(e.diagnostics()) + "\nbent: " + errors
              + (errors == 1 ? " error" : " errors"));
    } catch (InternalException e) {
      throw new MojoExecutionException(e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("bent: " + describe(e), e);
    }
  }

  /** {@code path} as a person reads it: relative to the project when it lies inside it. */
  final String shown(File path) {
    Path base = basedir.toPath().toAbsolutePath().normalize();
    Path absolute = path.toPath().toAbsolutePath().normalize();
    return absolute.startsWith(base) && !absolute.equals(base) ? base.relativize(absolute).toString() : path.toString();
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException missing) {
      return missing.getFile() + ": no such file or directory";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  static String lines(Iterable<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    diagnostics.forEach(d -> out.append(out.length() == 0 ? "" : "\n").append(d));
    return out.toString();
  }
}

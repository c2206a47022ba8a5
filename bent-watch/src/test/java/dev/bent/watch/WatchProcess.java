package dev.bent.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code bent} command running as a separate process (the java of this JVM, the test classpath,
 * {@link Main}), with its stderr in a file that the test polls for lines.
 *
 * <p>Reasoning: stderr goes to a file, not a pipe, because the JDK closes a child's pipe when the
 * child exits, and a thread still reading it then loses the last lines ("Stream closed"): exactly
 * the lines a test of shutdown wants to see.
 */
final class WatchProcess implements AutoCloseable {
  private static final long POLL_MILLIS = 10;

  private final Process process;
  private final Path stderrFile;

  private WatchProcess(Process process, Path stderrFile) {
    this.process = process;
    this.stderrFile = stderrFile;
  }

  /** Starts {@code bent <args>} in {@code workDir} (args begin with the command, e.g. "watch"). */
  static WatchProcess start(Path workDir, String... args) throws IOException {
    return start(workDir, java.util.Map.of(), args);
  }

  /** As {@link #start(Path, String...)}, with {@code env} added to this process's environment. */
  static WatchProcess start(Path workDir, java.util.Map<String, String> env, String... args) throws IOException {
    return start(workDir, env, List.of(), Main.class.getName(), args);
  }

  /**
   * Starts {@code bent <args>} with the writer held before step {@code step} of node {@code
   * node}'s first write ({@link HeldMain}), until {@code release} exists (null: forever).
   */
  static WatchProcess startHeld(Path workDir, String node, int step, Path release, String... args)
      throws IOException {
    List<String> properties = new ArrayList<>(List.of("-Dbent.test.holdNode=" + node, "-Dbent.test.holdStep=" + step));
    if (release != null) {
      properties.add("-Dbent.test.release=" + release);
    }
    return start(workDir, java.util.Map.of(), properties, HeldMain.class.getName(), args);
  }

  private static WatchProcess start(
      Path workDir, java.util.Map<String, String> env, List<String> properties, String mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Reasoning: C1 only, the serial collector and no verification of our own classes start a
    // short-lived JVM in less CPU time, which matters when a test starts twenty of them on a
    // small machine.
    command.addAll(
        List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-XX:+UnlockDiagnosticVMOptions",
            "-XX:-BytecodeVerificationRemote",
            "-Xmx256m"));
    command.addAll(properties);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(List.of(args));
    Path stderr = Files.createTempFile(workDir, "stderr-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().putAll(env);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.redirectError(stderr.toFile());
    return new WatchProcess(builder.start(), stderr);
  }

  long pid() {
    return process.pid();
  }

  /** Polls stderr until a line matches {@code regex}; returns the match. */
  Matcher awaitLine(String regex, Duration timeout) throws InterruptedException {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean exited = !process.isAlive();
      for (String line : stderr().split("\n")) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m;
        }
      }
      if (exited || System.nanoTime() > deadline) {
        throw new AssertionError("no stderr line matching /" + regex + "/ within " + timeout
            + (exited ? " (the process exited)" : "") + "; stderr:\n" + stderr());
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  String stderr() {
    try {
      return Files.readString(stderrFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("cannot read the stderr of process " + pid(), e);
    }
  }

  /** Sends SIGTERM and returns the exit status. */
  int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    return exitStatus(timeout);
  }

  /** Sends SIGTERM and returns at once. */
  void signalTerm() {
    process.destroy();
  }

  /** Sends SIGKILL and waits for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    exitStatus(Duration.ofSeconds(30));
  }

  int exitStatus(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the process did not end within " + timeout + "; stderr:\n" + stderr());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}

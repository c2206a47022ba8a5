package dev.bent.watch;

import dev.bent.write.GenerationWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link Main} with the generation writer held at one step of one node's write, for tests that
 * must act (kill, signal) at an exact moment of a publish. System properties: {@code
 * bent.test.holdNode} and {@code bent.test.holdStep} say where; the process prints {@code
 * bent-test: held NODE at step N} on stderr and waits until the file {@code bent.test.release}
 * exists (forever without it).
 */
final class HeldMain {
  private HeldMain() {}

  public static void main(String[] args) {
    String node = System.getProperty("bent.test.holdNode");
    int step = Integer.getInteger("bent.test.holdStep", 0);
    String release = System.getProperty("bent.test.release");
    AtomicBoolean held = new AtomicBoolean();
    GenerationWriter.setStepHook((directory, reached) -> {
      if (reached == step && directory.getFileName().toString().equals(node) && held.compareAndSet(false, true)) {
        System.err.println("bent-test: held " + node + " at step " + step);
        System.err.flush();
        while (release == null || !Files.exists(Path.of(release))) {
          LockSupport.parkNanos(5_000_000);
        }
      }
    });
    Main.main(args);
  }
}

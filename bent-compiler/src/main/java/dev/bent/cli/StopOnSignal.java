package dev.bent.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops a long-running command (a watch, a scanner loop) cleanly on SIGTERM or SIGINT: a JVM
 * shutdown hook that asks the loop to stop,
 * waits until the command has finished its publish and released the lock and the status port,
 * and then ends the process with exit status 0.
 *
 * <p>Use: install before taking any resource, {@link #onStop} once the loop exists, and close
 * after every resource is released (the outermost try-with-resources). Closing deregisters the
 * hook; if a signal already started the shutdown, closing is what lets the hook finish.
 *
 * <p>Reasoning: the JVM ends a process stopped by a signal with 128 + the signal (143 for TERM);
 * a supervisor reads that as a crash, but a requested stop that finished its work is a success,
 * so the hook halts with 0. If the loop does not finish within the grace period (a stuck disk),
 * the hook halts with 1: the publish is abandoned, which the generation swap makes safe.
 */
public final class StopOnSignal implements AutoCloseable {
  public static final long GRACE_SECONDS = 10;

  /** The lines a stop prints. */
  public interface Log {
    /** The signal came; the loop is asked to stop. */
    void stopping();

    /** The command finished and released what it held. */
    void stopped();

    /** The command did not finish within {@code graceSeconds}. */
    void abandoned(long graceSeconds);
  }

  private final Thread hook;
  private final Log log;
  private final CountDownLatch closed = new CountDownLatch(1);
  private Runnable action;
  private boolean requested;

  private StopOnSignal(Log log) {
    this.log = log;
    this.hook = new Thread(this::onSignal, "bent-stop");
  }

  /** Installs the hook; {@code log} prints what the stop does. */
  public static StopOnSignal install(Log log) {
    StopOnSignal stop = new StopOnSignal(log);
    Runtime.getRuntime().addShutdownHook(stop.hook);
    return stop;
  }

  /** What to run on a signal; runs at once if a signal came already. */
  public synchronized void onStop(Runnable stopAction) {
    this.action = stopAction;
    if (requested) {
      stopAction.run();
    }
  }

  @Override
  public void close() {
    closed.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The shutdown has begun: the hook is running and now halts the process.
    }
  }

  private void onSignal() {
    log.stopping();
    synchronized (this) {
      requested = true;
      if (action != null) {
        action.run();
      }
    }
    boolean finished;
    try {
      finished = closed.await(GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      finished = false;
    }
    if (finished) {
      log.stopped();
    } else {
      log.abandoned(GRACE_SECONDS);
    }
    Runtime.getRuntime().halt(finished ? 0 : 1);
  }
}

package dev.bent.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The lock that keeps two writers (two {@code bent watch}, or a watch and a {@code bent compile})
 * out of one output directory: {@code DIR/.bent.lock}, held with an OS file lock and holding the
 * holder's pid, host, command and start time, so that the writer turned away can say who holds it.
 *
 * <p>Reasoning: the OS lock (fcntl on Linux) is released by the kernel when its process dies, even
 * by SIGKILL, so a crash never leaves a stale lock to clean by hand; the file itself stays, and
 * is never deleted, because deleting a lock file lets two processes lock two different files of
 * the same name. It is not a move into the directory, so an Envoy watching it does not reload.
 */
public final class OutputLock implements AutoCloseable {
  public static final String FILE_NAME = ".bent.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code directory} (creating the directory if needed) for {@code command}.
   *
   * @throws LockedException when another writer holds it
   */
  public static OutputLock acquire(Path directory, String command) throws IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(FILE_NAME);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this very process, through another channel
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String holder = readHolder(channel);
      channel.close();
      throw new LockedException(directory, file, holder);
    }
    recordHolder(channel, command);
    return new OutputLock(channel, lock);
  }

  /** Releases the lock; the file stays (see the class comment). */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  private static void recordHolder(FileChannel channel, String command) throws IOException {
    String text =
        "pid: " + ProcessHandle.current().pid() + "\n"
            + "host: " + hostName() + "\n"
            + "command: " + command + "\n"
            + "started: " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n";
    channel.truncate(0);
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    long position = 0;
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
    channel.force(true);
  }

  private static String readHolder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    long position = 0;
    while (buffer.hasRemaining() && channel.read(buffer, position) > 0) {
      position = buffer.position();
    }
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "" : text.replace("\n", ", ");
  }

  /**
   * The host name, from the environment or the kernel, never from the network. Reasoning: {@code
   * InetAddress.getLocalHost} resolves the name, which can send a DNS query and hang for seconds
   * on a host whose name does not resolve.
   */
  static String hostName() {
    return hostName(System.getenv("HOSTNAME"), Path.of("/proc/sys/kernel/hostname"), Path.of("/etc/hostname"));
  }

  /** The first non-blank of {@code env} and the first line of each of {@code files}. */
  static String hostName(String env, Path... files) {
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    for (Path file : files) {
      try {
        String name = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        if (!name.isEmpty()) {
          return name;
        }
      } catch (IOException | RuntimeException e) {
        // not there on this system: try the next
      }
    }
    return "unknown host";
  }

  /** Another writer holds the output directory; the message says who, from its lock file. */
  public static final class LockedException extends IOException {
    private final transient Path directory;
    private final String holder;

    LockedException(Path directory, Path file, String holder) {
      super(
          directory + " is in use by another writer ("
              + (holder.isEmpty() ? "it has not recorded who it is yet" : holder)
              + "; lock file " + file + "). Stop it, or write somewhere else.");
      this.directory = directory;
      this.holder = holder;
    }

    public Path directory() {
      return directory;
    }

    /** What the holder recorded: {@code pid: 12, host: h, command: bent watch, started: ...}. */
    public String holder() {
      return holder;
    }
  }
}

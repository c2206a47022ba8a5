package dev.bent.watch;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.source.MeshFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import dev.bent.model.NodeEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The mesh file as a {@link WatchedSource}: watches the file's directory with a {@link WatchService}
 * and reports a change only when the file's bytes differ from those last read.
 *
 * <p>Reasoning: the directory is watched, not the file, because an editor that saves by rename
 * replaces the file's inode, and a Kubernetes ConfigMap volume changes the file by swapping a
 * {@code ..data} link beside it. Any event in the directory therefore leads to a comparison of
 * the content, and it is the content that decides: an in-place write, a rename over the file, a
 * delete and re-create and a touch with no change all come out right. Without any event the
 * content is still compared every {@code recheck}, for file systems that deliver none (NFS, some
 * container bind mounts, a symlink to another directory).
 */
public final class FileMeshSource implements WatchedSource {
  /** A burst of events is waited out for at most this many debounce periods. */
  private static final int MAX_SETTLE_PERIODS = 10;
  private static final byte[] UNREADABLE = new byte[0];

  private final Path file;
  private final Path directory;
  private final Duration debounce;
  private final Duration recheck;
  private final WatchService watchService;
  private boolean registered;
  private byte[] lastRead = UNREADABLE;
  /** The certificate, key and trust bundle files the mesh last read names: a change there is a change. */
  private volatile List<Path> inputs = List.of();
  private final Set<Path> inputDirectories = new HashSet<>();
  private volatile boolean closed;

  private FileMeshSource(Path file, Duration debounce, Duration recheck, WatchService watchService) {
    this.file = file;
    this.directory = file.toAbsolutePath().normalize().getParent();
    this.debounce = debounce;
    this.recheck = recheck;
    this.watchService = watchService;
  }

  /**
   * Starts watching {@code file}. Events are waited out until none came for {@code debounce}; the
   * content is compared at least every {@code recheck}.
   */
  @Override
  public Credentials credentials() {
    return Credentials.beside(file);
  }

  public static FileMeshSource open(Path file, Duration debounce, Duration recheck) throws IOException {
    Path directory = file.toAbsolutePath().normalize().getParent();
    FileMeshSource source =
        new FileMeshSource(file, debounce, recheck, directory.getFileSystem().newWatchService());
    source.register();
    return source;
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public Mesh read(Diagnostics diagnostics) {
    // The fingerprint is taken before the read: if the file changes in between, the next
    // comparison differs and the newer content is read again; no change is ever missed.
    lastRead = fingerprint();
    Mesh mesh = MeshFileReader.read(file, file.toString(), diagnostics);
    List<Path> named = new ArrayList<>();
    mesh.settings().tls().ifPresent(tls -> tls.paths(mesh.nodes().stream().map(NodeEntry::name).toList())
        .forEach(p -> named.add(directory.resolve(p).normalize())));
    inputs = List.copyOf(named);
    for (Path input : inputs) {
      Path parent = input.getParent();
      if (parent != null && !parent.equals(directory) && inputDirectories.add(parent)) {
        try {
          parent.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
              StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
          inputDirectories.remove(parent); // the periodic comparison still sees its files change
        }
      }
    }
    return mesh;
  }

  @Override
  public boolean awaitChange() throws InterruptedException {
    try {
      while (!closed) {
        if (!registered) {
          register();
        }
        if (awaitEvent(recheck)) {
          settle();
        }
        if (!Arrays.equals(fingerprint(), lastRead)) {
          return true;
        }
      }
    } catch (ClosedWatchServiceException e) {
      // closed by another thread while waiting
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    watchService.close();
  }

  /**
   * Waits until events stop arriving for one debounce period. Reasoning: the wait is capped at ten
   * periods, so that a directory that is never quiet (a log written beside the mesh file) cannot
   * hold back the compile forever; after the cap the content is compared anyway.
   */
  private void settle() throws InterruptedException {
    long deadline = System.nanoTime() + debounce.toNanos() * MAX_SETTLE_PERIODS;
    boolean busy = true;
    while (busy && System.nanoTime() < deadline) {
      busy = awaitEvent(debounce);
    }
  }

  /** Waits up to {@code timeout} for events in the directory; true if some arrived. */
  private boolean awaitEvent(Duration timeout) throws InterruptedException {
    WatchKey key = watchService.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (key == null) {
      return false;
    }
    key.pollEvents();
    if (!key.reset()) {
      registered = false; // the directory went away; register again once it is back
    }
    return true;
  }

  private void register() {
    try {
      directory.register(
          watchService,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
      registered = true;
    } catch (IOException e) {
      registered = false; // no directory yet: the periodic comparison still runs
    }
  }

  /**
   * The digest of the file's bytes and of each certificate, key and trust bundle file it names (a
   * missing one counts as such), or an empty array when the mesh file cannot be read. Each file is
   * streamed, so that memory stays constant however large it is (the reader refuses an oversized
   * file; the fingerprint must not load it first). Reasoning: a rotated certificate must publish a
   * new generation although the mesh file did not change.
   */
  private byte[] fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      stream(file, digest);
      for (Path input : inputs) {
        digest.update(input.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        MessageDigest one = MessageDigest.getInstance("SHA-256");
        try {
          stream(input, one);
          digest.update(one.digest());
        } catch (IOException e) {
          digest.update((byte) 0);
        }
      }
      return digest.digest();
    } catch (IOException e) {
      return UNREADABLE;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void stream(Path path, MessageDigest digest) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
  }
}

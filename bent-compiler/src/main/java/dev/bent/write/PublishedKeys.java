package dev.bent.write;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The content keys of the generation this process last gave each node directory, so that the
 * next write can tell which files are unchanged without reading them back.
 *
 * <p>Reasoning: a new generation links each unchanged file to the live one; deciding that by
 * comparing bytes read 180 MB back from the page cache on every change of a 1,000-node watch. A
 * generation's name is a digest of its files' content keys, so while {@code ..data} still names
 * the generation recorded here, these keys are the live files' keys. Files are trusted not to be
 * edited in place (the README says never to; bent only ever adds new generations). Safe for many
 * writer threads.
 */
public final class PublishedKeys {
  /** Remembers nothing: every write compares bytes. */
  static final PublishedKeys NONE = new PublishedKeys(false);

  private record Published(String generation, Map<String, byte[]> keys) {}

  private final boolean enabled;
  private final Map<Path, Published> byDirectory = new ConcurrentHashMap<>();

  private PublishedKeys(boolean enabled) {
    this.enabled = enabled;
  }

  /** An empty memory, for the writes of one long-running process (a watch). */
  public PublishedKeys() {
    this(true);
  }

  /** The content keys of {@code directory}'s live generation {@code live}, if this process wrote it. */
  Map<String, byte[]> of(Path directory, String live) {
    Published published = byDirectory.get(directory);
    return published != null && published.generation().equals(live) ? published.keys() : Map.of();
  }

  /** Records that {@code directory}'s live generation is {@code generation}, with {@code keys}. */
  void record(Path directory, String generation, Map<String, byte[]> keys) {
    if (enabled) {
      byDirectory.put(directory, new Published(generation, Map.copyOf(keys)));
    }
  }
}

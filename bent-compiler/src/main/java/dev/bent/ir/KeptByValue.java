package dev.bent.ir;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Results of one compile kept for the next compile in the same process (a watch), keyed by value:
 * a key equal to one the previous compile used gets that result without computing it again.
 * Entries the current compile does not use are forgotten when the next one ends, so it holds
 * about one compile's results. Not thread-safe: one compile at a time.
 *
 * @param <K> the key, with value equality (for example a protobuf message)
 * @param <V> the result
 */
public final class KeptByValue<K, V> {
  private Map<K, V> current = new HashMap<>();
  private Map<K, V> previous = new HashMap<>();

  /** Creates an empty store. */
  public KeptByValue() {}

  /** The result for {@code key}: kept from this compile or the one before, or computed now. */
  public V get(K key, Function<K, V> compute) {
    V value = kept(key).orElse(null);
    if (value == null) {
      value = compute.apply(key);
      current.put(key, value);
    }
    return value;
  }

  /** The result kept for {@code key} by this compile or the one before, if any. */
  public Optional<V> kept(K key) {
    V value = current.get(key);
    if (value == null) {
      value = previous.get(key);
      if (value != null) {
        current.put(key, value);
      }
    }
    return Optional.ofNullable(value);
  }

  /** Keeps {@code value} for {@code key}. */
  public void put(K key, V value) {
    current.put(key, value);
  }

  /** Ends a compile: what it did not use is forgotten. */
  public void compileDone() {
    previous = current;
    current = new HashMap<>();
  }
}

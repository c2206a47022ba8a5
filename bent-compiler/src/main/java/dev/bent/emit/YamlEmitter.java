package dev.bent.emit;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The emit step: turns Envoy protos into deterministic YAML text, as Envoy reads it from files
 * (proto field names, durations as strings, {@code "@type"} quoted).
 *
 * <p>The text is written straight from the messages' descriptors ({@link MessageYaml}); it is the
 * proto3 JSON mapping in block YAML. A filesystem-xDS file is built from resource items
 * ({@link #resourceItem}), so that items shared by every node (the egress clusters) are rendered
 * once and reused.
 */
public final class YamlEmitter {
  private YamlEmitter() {}

  /** A whole message as a YAML document (the bootstrap). */
  public static byte[] document(Message message) {
    return MessageYaml.document(message, AnyTypes.BENT).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A whole message as a YAML document, for messages holding {@code Any} types beyond those bent
   * emits itself: {@code types} must resolve every {@code "@type"} inside it.
   */
  public static byte[] document(Message message, JsonFormat.TypeRegistry types) {
    return MessageYaml.document(message, AnyTypes.of(types::find)).getBytes(StandardCharsets.UTF_8);
  }

  /** One resource as a YAML list item ({@code - "@type": ...}), ready for {@link #discoveryFile}. */
  public static String resourceItem(Message resource) {
    return MessageYaml.packedItem(resource, AnyTypes.BENT);
  }

  /**
   * A DiscoveryResponse file holding {@code items}; its {@code version_info} is a digest of them, so
   * it changes exactly when the content does.
   */
  public static byte[] discoveryFile(List<String> items) {
    return discoveryFile(RenderedItems.NONE, items);
  }

  /** A DiscoveryResponse file holding the items of {@code head}, then {@code tail}. */
  public static byte[] discoveryFile(RenderedItems head, List<String> tail) {
    return keyedDiscoveryFile(head, tail).bytes();
  }

  /**
   * A file's bytes with its content key: a SHA-256 from which the bytes follow, so that equal keys
   * mean equal bytes (for files of the same path).
   */
  public record KeyedFile(byte[] bytes, byte[] key) {}

  /**
   * {@link #discoveryFile(RenderedItems, List)} with its content key, the SHA-256 of its items: the
   * digest its {@code version_info} is cut from, which the rest of the file follows from.
   */
  public static KeyedFile keyedDiscoveryFile(RenderedItems head, List<String> tail) {
    byte[] rest = String.join("", tail).getBytes(StandardCharsets.UTF_8);
    MessageDigest digest = head.digestAfter();
    digest.update(rest);
    byte[] key = digest.digest();
    String header =
        "version_info: \""
            + HexFormat.of().formatHex(key, 0, 8)
            + "\"\n"
            + (head.count() == 0 && tail.isEmpty() ? "resources: []\n" : "resources:\n");
    byte[] start = header.getBytes(StandardCharsets.UTF_8);
    byte[] file = new byte[start.length + head.utf8().length + rest.length];
    System.arraycopy(start, 0, file, 0, start.length);
    System.arraycopy(head.utf8(), 0, file, start.length, head.utf8().length);
    System.arraycopy(rest, 0, file, start.length + head.utf8().length, rest.length);
    return new KeyedFile(file, key);
  }
}

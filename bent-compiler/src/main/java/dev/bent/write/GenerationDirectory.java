package dev.bent.write;

import dev.bent.ir.PemFile;
import dev.bent.write.GenerationWriter.Written;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One generation directory of a node: its name, whether one of that name is already complete,
 * and the writing of a new one, for {@link GenerationWriter}.
 */
final class GenerationDirectory {
  private GenerationDirectory() {}

  /**
   * The generation's name ({@code ..} and 16 hex digits): a SHA-256 over each file's path, length
   * and content key, which is the key the emitter gave it ({@code contentKeys}) or else the
   * SHA-256 of its bytes.
   *
   * <p>Reasoning: hashing every byte again cost a third of a 1,000-node compile's CPU; the emitter
   * already hashed each configuration file to make its {@code version_info}.
   */
  static String name(Map<String, byte[]> files, Map<String, byte[]> contentKeys) {
    MessageDigest sha = sha256();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(Long.toString(file.getValue().length).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      byte[] key = contentKeys.get(file.getKey());
      sha.update(key != null ? (byte) 'k' : (byte) 's');
      sha.update(key != null ? key : sha256().digest(file.getValue()));
    }
    return ".." + HexFormat.of().formatHex(sha.digest(), 0, 8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code dir} is a directory holding every one of {@code files} with those bytes. */
  static boolean holds(Path dir, Map<String, byte[]> files) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      if (!DurableFiles.holdsExactly(dir.resolve(file.getKey()), file.getValue())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes the generation {@code generation} of {@code directory}, whose live generation is {@code
   * live}, into a temporary directory
   * beside it, every file and directory fsynced, and renames it to its name (step 3 of {@link
   * GenerationWriter}). A file whose content key equals the live generation's (known from {@code
   * liveKeys}), or else whose bytes do, is a hard link to the live file; the others go through
   * {@code shared}. Returns what it wrote.
   */
  static Written write(
      Path directory, String generation, Map<String, byte[]> files, Map<String, PemFile> keys,
      Map<String, byte[]> contentKeys, Optional<Path> live, Map<String, byte[]> liveKeys, SharedFiles shared,
      WriteStepHook hook)
      throws IOException {
    Written written = Written.NONE;
    Path temp =
        directory.resolve(DurableFiles.TEMP_PREFIX + generation.substring(2) + "-" + UUID.randomUUID());
    try {
      Files.createDirectory(temp);
      Set<Path> dirs = new TreeSet<>();
      dirs.add(temp);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Path path = temp.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        dirs.add(path.getParent());
        Optional<Path> same = live.map(dir -> dir.resolve(file.getKey()));
        PemFile key = keys.get(file.getKey());
        if (key != null) {
          KeyFiles.write(path, key);
          written = written.plus(file.getValue());
        } else if (!unchanged(path, same, file.getValue(), contentKeys.get(file.getKey()), liveKeys.get(file.getKey()))
            && shared.place(path, contentKeys.get(file.getKey()), file.getValue())) {
          written = written.plus(file.getValue());
        }
      }
      for (Path dir : dirs) {
        DurableFiles.fsync(dir);
      }
      hook.reached(directory, 3); // the temporary directory is complete; next, its rename
      Path target = directory.resolve(generation);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        // A directory of this name that does not hold these bytes was tampered with: replace it.
        DurableFiles.removeAtomically(target);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      DurableFiles.fsync(directory);
      return written;
    } finally {
      if (Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
        DurableFiles.deleteRecursively(temp);
      }
    }
  }

  /**
   * Links {@code path} to the live generation's file {@code same} if that file is unchanged, and
   * returns whether it did: known from the content keys when both are known ({@link
   * PublishedKeys}), else by comparing bytes.
   */
  private static boolean unchanged(Path path, Optional<Path> same, byte[] content, byte[] key, byte[] liveKey)
      throws IOException {
    if (key == null || liveKey == null) {
      return DurableFiles.linkIfSame(path, same, content);
    }
    return java.util.Arrays.equals(key, liveKey) && same.isPresent() && DurableFiles.link(path, same.get());
  }
}

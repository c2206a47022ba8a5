package dev.bent.write;

import dev.bent.ir.PemFile;
import dev.bent.model.TlsSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes the private key files of a generation so that only Envoy can read them: created with mode
 * 0600 (0640 when a group is given), never readable by others even for a moment, then given to
 * their owner and group.
 *
 * <p>Reasoning, the default owner: the official Envoy image runs Envoy as uid 101. bent running as
 * root (an init container) gives key files to uid 101 unless {@code keyOwner} says otherwise;
 * bent running as any other user (a sidecar running as the envoy user) keeps them as its own. An
 * explicit {@code keyOwner} or {@code keyGroup} that the process may not set is an error, not a
 * silently unreadable key.
 */
final class KeyFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_AND_GROUP = PosixFilePermissions.fromString("rw-r-----");

  private KeyFiles() {}

  /** Writes {@code key} durably at {@code path}, which must not exist. */
  static void write(Path path, PemFile key) throws IOException {
    boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
    Set<PosixFilePermission> mode = key.group().isPresent() ? OWNER_AND_GROUP : OWNER_ONLY;
    try (FileChannel channel = posix
        ? FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(mode))
        : FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(key.bytes());
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    if (posix) {
      Files.setPosixFilePermissions(path, mode); // the umask may have taken bits away
      giveAway(path, key);
    }
  }

  /** Sets the owner and group the key asks for, or the default owner when run as root. */
  static void giveAway(Path path, PemFile key) throws IOException {
    if (!path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      return;
    }
    int current = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int owner = key.owner().orElse(current == 0 ? TlsSettings.ENVOY_IMAGE_UID : current);
    set(path, "unix:uid", owner, "owner uid", "mesh.tls.keyOwner");
    if (key.group().isPresent()) {
      set(path, "unix:gid", key.group().getAsInt(), "group gid", "mesh.tls.keyGroup");
    }
  }

  private static void set(Path path, String attribute, int id, String what, String setting) throws IOException {
    if (((Integer) Files.getAttribute(path, attribute, LinkOption.NOFOLLOW_LINKS)) == id) {
      return;
    }
    try {
      Files.setAttribute(path, attribute, id, LinkOption.NOFOLLOW_LINKS);
    } catch (FileSystemException e) {
      throw new FileSystemException(path.toString(), null, "cannot make " + what + " " + id
          + " (" + e.getReason() + "); run bent as root or as that user, or change " + setting);
    }
  }
}

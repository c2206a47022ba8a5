package dev.bent.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.emit.NodeFiles;
import dev.bent.ir.PemFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private key files in a generation are readable by their owner (and group) only. */
class KeyFilesTest {
  @TempDir Path dir;

  private static NodeFiles node(PemFile key) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("lds.yaml", "resources: []\n".getBytes(StandardCharsets.UTF_8));
    SortedMap<String, PemFile> pem = new TreeMap<>();
    pem.put("tls/identity.crt", new PemFile("certificate\n".getBytes(StandardCharsets.US_ASCII), false));
    pem.put("tls/identity.key", key);
    return new NodeFiles("a", files, pem);
  }

  private static int uid() throws Exception {
    Path probe = Files.createTempFile("uid", ".probe");
    try {
      return (Integer) Files.getAttribute(probe, "unix:uid");
    } finally {
      Files.delete(probe);
    }
  }

  private Path written(PemFile key) throws Exception {
    GenerationWriter.write(dir, node(key));
    return dir.resolve("..data/tls/identity.key");
  }

  @Test
  void aKeyFileIsOwnerOnlyAndGoesToTheEnvoyImageUserWhenWrittenByRoot() throws Exception {
    Path key = written(new PemFile("key\n".getBytes(StandardCharsets.US_ASCII), true));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    int expected = uid() == 0 ? 101 : uid();
    assertEquals(expected, Files.getAttribute(key, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    assertEquals("key\n", Files.readString(key));
    assertTrue(Files.isReadable(dir.resolve("..data/tls/identity.crt")));
  }

  @Test
  void aKeyGroupMakesTheKeyGroupReadable() throws Exception {
    int self = uid();
    int gid = (Integer) Files.getAttribute(dir, "unix:gid");
    Path key = written(new PemFile("key\n".getBytes(StandardCharsets.US_ASCII), true)
        .ownedBy(OptionalInt.of(self), OptionalInt.of(gid)));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertEquals(self, Files.getAttribute(key, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    assertEquals(gid, Files.getAttribute(key, "unix:gid", LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aChangedKeyPublishesANewGeneration() throws Exception {
    GenerationWriter.Result first = GenerationWriter.write(dir, node(new PemFile("one\n".getBytes(), true)));
    GenerationWriter.Result same = GenerationWriter.write(dir, node(new PemFile("one\n".getBytes(), true)));
    GenerationWriter.Result second = GenerationWriter.write(dir, node(new PemFile("two\n".getBytes(), true)));
    assertTrue(first.published());
    assertEquals(false, same.published());
    assertTrue(second.published());
    assertEquals("two\n", Files.readString(dir.resolve("..data/tls/identity.key")));
  }
}

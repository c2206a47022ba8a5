package dev.bent.cli;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.source.MeshFileReader;
import dev.bent.source.s3.S3Location;
import dev.bent.source.s3.S3MeshSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine;

/**
 * The mesh that a command's -c names, read: a mesh file, or a snapshot in S3 ({@code s3://bucket/key}).
 *
 * @param mesh what was read
 * @param diagnostics the problems found while reading it
 * @param credentials where gateway password files are read from: beside a file, the working
 *     directory for a snapshot
 */
record MeshInput(Mesh mesh, Diagnostics diagnostics, Credentials credentials) {

  /**
   * Reads {@code config}.
   *
   * @throws IOException when the snapshot does not exist or S3 cannot be read (a file's problems
   *     are diagnostics, as in any compile)
   */
  static MeshInput read(String config, CommandLine cli) throws IOException {
    Diagnostics diagnostics = new Diagnostics();
    if (S3Location.isS3(config)) {
      S3Location location = SourceOptions.s3Location(config, cli);
      try (S3MeshSource source = S3MeshSource.open(location, SourceOptions.s3Settings(cli))) {
        Mesh mesh = source.read(Set.of(), diagnostics);
        return new MeshInput(mesh, diagnostics, new Credentials(Path.of("."), System::getenv));
      }
    }
    Path file = Path.of(config);
    return new MeshInput(MeshFileReader.read(file, file.toString(), diagnostics), diagnostics, Credentials.beside(file));
  }
}

package dev.bent.cli;

import dev.bent.source.MeshOverlay;
import dev.bent.source.MeshSource;
import dev.bent.source.ecs.EcsOptions;
import dev.bent.source.ecs.EcsSource;
import dev.bent.source.ecs.OwnTask;
import dev.bent.source.ecs.ScanStabilizer;
import dev.bent.source.s3.S3Location;
import dev.bent.source.s3.S3MeshSource;
import dev.bent.source.s3.S3Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that choose where the mesh comes from, shared by {@code compile} and {@code scan}: a
 * mesh file ({@code --source file -c FILE}) or a live ECS scan ({@code --source ecs} and its
 * options). Public so that other modules' commands (watch mode) can mix it in.
 */
public final class SourceOptions {
  public static final String FILE = "file";
  public static final String ECS = "ecs";
  /** The system property that, like BENT_S3_PATH_STYLE, turns on path-style S3 addressing. */
  public static final String PATH_STYLE_PROPERTY = "bent.s3.pathStyle";

  @Option(
      names = "--source",
      paramLabel = "KIND",
      description = "Where the mesh comes from: file (a mesh file, -c) or ecs (a live ECS scan).")
  String source;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "The mesh file (--source file), or s3://bucket/key: a snapshot that 'bent scan' published.")
  String config;

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      description = "An ECS cluster to scan, name or ARN (repeatable); default: every cluster.")
  List<String> clusters = new ArrayList<>();

  @Option(names = "--region", paramLabel = "REGION", description = "The AWS region; default: AWS_REGION, the profile.")
  String region;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "The ECS endpoint; default: AWS_ENDPOINT_URL_ECS, AWS_ENDPOINT_URL, or AWS's.")
  URI endpoint;

  @Option(names = "--include-unhealthy", description = "Tasks whose health status is UNHEALTHY still receive traffic.")
  boolean includeUnhealthy;

  @Option(names = "--include-pending", description = "Tasks that are still starting already receive traffic.")
  boolean includePending;

  @Option(
      names = "--healthy-only",
      description = "Only tasks whose health status is HEALTHY receive traffic (not UNKNOWN); not with --include-unhealthy.")
  boolean healthyOnly;

  @Option(
      names = "--vanish-limit",
      paramLabel = "PERCENT",
      description = "Tasks vanishing from a scan without a stop record, more than this share of a service's"
          + " tasks, are kept until --vanish-scans scans agree (default: 50%%; 100%% turns this off).")
  String vanishLimit;

  @Option(
      names = "--vanish-scans",
      paramLabel = "N",
      description = "How many consecutive scans must agree before such tasks leave (default: 3; 1 turns this off).")
  Integer vanishScans;

  @Option(names = "--strict", description = "A bad ECS label fails the run instead of being ignored with a warning.")
  boolean strict;

  @Option(
      names = "--overlay",
      paramLabel = "FILE",
      description = "With --source ecs: a mesh file whose mesh: section and services' annotations and routes"
          + " are merged into the scan (the scan keeps nodes and endpoints; the overlay wins a conflict).")
  Path overlay;

  /** The source kind, {@code fallback} when --source is not given. */
  public String kind(String fallback, CommandLine cli) {
    String kind = source == null ? fallback : source;
    if (!kind.equals(FILE) && !kind.equals(ECS)) {
      throw new ParameterException(cli, "--source must be file or ecs, got \"" + kind + "\"");
    }
    return kind;
  }

  /**
   * Opens the chosen source for compiling; with {@code ownTask} (--node auto) and a mesh snapshot
   * (not a scan), this task's own node comes from its task metadata ({@link OwnTask}).
   */
  public MeshSource open(String kind, CommandLine cli, boolean ownTask) throws IOException {
    MeshSource source = open(kind, cli);
    return ownTask && !kind.equals(ECS) ? OwnTask.over(source, System.getenv()) : source;
  }

  /** Opens the chosen source after checking that the options fit it. */
  public MeshSource open(String kind, CommandLine cli) throws IOException {
    if (kind.equals(FILE)) {
      Optional<S3Location> snapshot = snapshot(cli);
      if (snapshot.isPresent()) {
        return S3MeshSource.open(snapshot.get(), s3Settings(cli));
      }
      return MeshSource.file(meshFile(cli));
    }
    if (config != null) {
      throw new ParameterException(cli, "-c reads a mesh file; it does not go with --source ecs");
    }
    if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
      throw new ParameterException(cli, "--endpoint-url must be an absolute URL such as"
          + " https://ecs.us-east-1.amazonaws.com, got \"" + endpoint + "\"");
    }
    if (healthyOnly && includeUnhealthy) {
      throw new ParameterException(cli, "--healthy-only and --include-unhealthy exclude each other:"
          + " the first gives traffic only to HEALTHY tasks, the second also to UNHEALTHY ones");
    }
    EcsOptions options = new EcsOptions(clusters, Optional.ofNullable(region), Optional.ofNullable(endpoint),
        includeUnhealthy, includePending, strict, healthyOnly);
    MeshSource scan = EcsSource.create(options, stabilizerSettings(cli));
    return overlay == null ? scan : MeshOverlay.over(scan, overlay, strict);
  }

  private ScanStabilizer.Settings stabilizerSettings(CommandLine cli) {
    ScanStabilizer.Settings defaults = ScanStabilizer.Settings.defaults();
    double share = defaults.maxVanishedShare();
    if (vanishLimit != null) {
      String digits = vanishLimit.endsWith("%") ? vanishLimit.substring(0, vanishLimit.length() - 1) : vanishLimit;
      if (!digits.matches("[0-9]{1,3}") || Integer.parseInt(digits) > 100) {
        throw new ParameterException(cli, "--vanish-limit must be a percentage from 0% to 100%, got \""
            + vanishLimit + "\"");
      }
      share = Integer.parseInt(digits) / 100.0;
    }
    int scans = vanishScans == null ? defaults.confirmations() : vanishScans;
    if (scans < 1) {
      throw new ParameterException(cli, "--vanish-scans must be at least 1, got " + scans);
    }
    return new ScanStabilizer.Settings(share, scans);
  }

  /** The mesh file of --source file, after checking that no ECS option was given. */
  public Path meshFile(CommandLine cli) {
    List<String> ecsOnly = ecsOptionsGiven();
    if (!ecsOnly.isEmpty()) {
      throw new ParameterException(cli, String.join(", ", ecsOnly) + " need --source ecs");
    }
    if (config == null) {
      throw new ParameterException(cli, "the mesh file is missing: give -c FILE (or --source ecs)");
    }
    return Path.of(config);
  }

  /**
   * The S3 snapshot that -c names ({@code s3://bucket/key}), or empty when -c names a file.
   *
   * @throws ParameterException when -c starts with s3:// but lacks a bucket or a key, or ECS
   *     options were given
   */
  public Optional<S3Location> snapshot(CommandLine cli) {
    if (!S3Location.isS3(config)) {
      return Optional.empty();
    }
    meshFile(cli);
    return Optional.of(s3Location(config, cli));
  }

  /** Parses {@code s3://bucket/key}, or fails with a usage error that names the value. */
  public static S3Location s3Location(String value, CommandLine cli) {
    return S3Location.parse(value).orElseThrow(() ->
        new ParameterException(cli, "-c must be s3://bucket/key with a bucket and a key, got \"" + value + "\""));
  }

  /**
   * This process's S3 settings: the SDK's standard ones, and path-style addressing from
   * {@value S3Settings#PATH_STYLE_VARIABLE} or the system property {@value #PATH_STYLE_PROPERTY}.
   */
  public static S3Settings s3Settings(CommandLine cli) {
    Map<String, String> environment = new HashMap<>(System.getenv());
    String property = System.getProperty(PATH_STYLE_PROPERTY);
    if (property != null) {
      environment.put(S3Settings.PATH_STYLE_VARIABLE, property);
    }
    try {
      return S3Settings.fromEnvironment(environment);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cli, e.getMessage());
    }
  }

  private List<String> ecsOptionsGiven() {
    List<String> given = new ArrayList<>();
    if (!clusters.isEmpty()) {
      given.add("--cluster");
    }
    if (region != null) {
      given.add("--region");
    }
    if (endpoint != null) {
      given.add("--endpoint-url");
    }
    if (includeUnhealthy) {
      given.add("--include-unhealthy");
    }
    if (includePending) {
      given.add("--include-pending");
    }
    if (strict) {
      given.add("--strict");
    }
    if (healthyOnly) {
      given.add("--healthy-only");
    }
    if (vanishLimit != null) {
      given.add("--vanish-limit");
    }
    if (vanishScans != null) {
      given.add("--vanish-scans");
    }
    if (overlay != null) {
      given.add("--overlay");
    }
    return given;
  }

  /** Closes a source that holds resources (the ECS or S3 client's connections). */
  public static void close(MeshSource source) {
    if (source instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing releases connections only; there is nothing left to save.
      }
    }
  }
}

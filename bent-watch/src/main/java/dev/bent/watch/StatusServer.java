package dev.bent.watch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The HTTP status endpoints of a running watch: {@code /healthz} answers 200 "ok" while the latest
 * input is live and 503 with the reason while it is not; {@code /metrics} serves the Prometheus
 * text format.
 *
 * <p>Reasoning: it binds 127.0.0.1 unless told otherwise, because the metrics name files and
 * errors of the mesh, and a sidecar's probes and scraper reach it on loopback anyway.
 */
public final class StatusServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private StatusServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts serving {@code status} on {@code address:port}; port 0 picks a free port. */
  public static StatusServer start(String address, int port, WatchStatus status) throws IOException {
    InetSocketAddress socket = new InetSocketAddress(InetAddress.getByName(address), port);
    HttpServer server;
    try {
      server = HttpServer.create(socket, 0);
    } catch (IOException e) {
      throw new IOException("cannot serve status on " + address + ":" + port + ": " + e.getMessage(), e);
    }
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "bent-status");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/healthz", exchange -> serve(exchange, "/healthz", () -> health(status)));
    server.createContext(
        "/metrics",
        exchange ->
            serve(exchange, "/metrics", () -> new Page(200, MetricsPage.CONTENT_TYPE, MetricsPage.render(status.snapshot()))));
    server.start();
    return new StatusServer(server, executor);
  }

  /** The port actually bound (the chosen one when started with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private record Page(int status, String contentType, String body) {}

  private static Page health(WatchStatus status) {
    WatchStatus.Health health = status.health();
    return health.ok()
        ? new Page(200, "text/plain; charset=utf-8", "ok\n")
        : new Page(503, "text/plain; charset=utf-8", health.reason() + "\n");
  }

  private static void serve(HttpExchange exchange, String path, Supplier<Page> page) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      Page answer;
      if (!exchange.getRequestURI().getPath().equals(path)) {
        answer = new Page(404, "text/plain; charset=utf-8", "not found; try /healthz or /metrics\n");
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        answer = new Page(405, "text/plain; charset=utf-8", "method not allowed\n");
      } else {
        answer = page.get();
      }
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      boolean head = method.equals("HEAD");
      exchange.sendResponseHeaders(answer.status(), head ? -1 : body.length);
      if (!head) {
        try (OutputStream stream = exchange.getResponseBody()) {
          stream.write(body);
        }
      }
    }
  }
}

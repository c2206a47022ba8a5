package dev.bent.source.s3;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.AbstractMap;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.PutOptions2;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.http.HttpResponse;
import org.jclouds.http.HttpResponseException;
import org.jclouds.rest.AuthorizationException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real S3 API server (s3proxy over jclouds' transient store) on a loopback port, inside the test
 * JVM. Each caller is an identity (access key) with its own secret; an identity given a policy may
 * only do the S3 actions the policy allows, and is answered 403 AccessDenied otherwise, like IAM.
 * As on AWS, a GET of a missing key is 403 rather than 404 to a caller without {@code s3:ListBucket}.
 * Every action each identity performs is recorded.
 */
public final class LocalS3 implements AutoCloseable {
  public static final String REGION = "us-east-1";
  /** The identity with every permission, for setting up buckets. */
  public static final String ADMIN = "admin";

  /** The IAM action that each blob-store call of the server stands for; absent: no action of its own. */
  private static final Map<String, String> ACTIONS = Map.ofEntries(
      Map.entry("getBlob", "s3:GetObject"),
      Map.entry("blobMetadata", "s3:GetObject"),
      Map.entry("blobExists", "s3:GetObject"),
      Map.entry("streamBlob", "s3:GetObject"),
      Map.entry("downloadBlob", "s3:GetObject"),
      Map.entry("putBlob", "s3:PutObject"),
      Map.entry("copyBlob", "s3:PutObject"),
      Map.entry("initiateMultipartUpload", "s3:PutObject"),
      Map.entry("uploadMultipartPart", "s3:PutObject"),
      Map.entry("completeMultipartUpload", "s3:PutObject"),
      Map.entry("abortMultipartUpload", "s3:AbortMultipartUpload"),
      Map.entry("list", "s3:ListBucket"),
      Map.entry("countBlobs", "s3:ListBucket"),
      Map.entry("listMultipartUploads", "s3:ListBucketMultipartUploads"),
      Map.entry("listMultipartUpload", "s3:ListMultipartUploadParts"),
      Map.entry("removeBlob", "s3:DeleteObject"),
      Map.entry("removeBlobs", "s3:DeleteObject"),
      Map.entry("createContainerInLocation", "s3:CreateBucket"),
      Map.entry("deleteContainer", "s3:DeleteBucket"),
      Map.entry("deleteContainerIfEmpty", "s3:DeleteBucket"),
      Map.entry("clearContainer", "s3:DeleteObject"),
      Map.entry("getBlobAccess", "s3:GetObjectAcl"),
      Map.entry("setBlobAccess", "s3:PutObjectAcl"),
      Map.entry("getContainerAccess", "s3:GetBucketAcl"),
      Map.entry("setContainerAccess", "s3:PutBucketAcl"));

  private final BlobStore store;
  private final S3Proxy proxy;
  private final Map<String, Set<String>> policies = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> observed = new ConcurrentHashMap<>();

  private LocalS3(BlobStore store, S3Proxy proxy) {
    this.store = store;
    this.proxy = proxy;
  }

  /** Starts a server with an empty store on 127.0.0.1 and a free port. */
  public static LocalS3 start() throws Exception {
    BlobStore store = ContextBuilder.newBuilder("transient")
        .credentials(ADMIN, secret(ADMIN))
        .build(BlobStoreContext.class)
        .getBlobStore();
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(store)
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ADMIN, secret(ADMIN))
        .endpoint(URI.create("http://127.0.0.1:0"))
        .build();
    LocalS3 s3 = new LocalS3(store, proxy);
    proxy.setBlobStoreLocator((identity, container, blob) ->
        new AbstractMap.SimpleEntry<>(secret(identity), s3.storeFor(identity)));
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(5);
    }
    return s3;
  }

  /**
   * The secret key of {@code identity}: every identity exists, with a secret derived from its name,
   * except that the test JVM's default credentials (aws.accessKeyId) are accepted as they are.
   */
  public static String secret(String identity) {
    if (identity.equals(System.getProperty("aws.accessKeyId"))) {
      return System.getProperty("aws.secretAccessKey");
    }
    return identity + "-secret";
  }

  /** The default credentials' identity, the one the CLI signs with in tests. */
  public static String defaultIdentity() {
    return System.getProperty("aws.accessKeyId");
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** Limits {@code identity} to {@code actions} (such as s3:GetObject); without a policy it may do anything. */
  public void restrict(String identity, Set<String> actions) {
    policies.put(identity, Set.copyOf(actions));
  }

  /** The S3 actions {@code identity} has performed, allowed or not. */
  public Set<String> observed(String identity) {
    return Set.copyOf(observed.getOrDefault(identity, Set.of()));
  }

  /** Creates a bucket. */
  public void createBucket(String bucket) {
    store.createContainerInLocation(null, bucket);
  }

  /** The settings that make bent's client talk to this server as {@code identity}. */
  public S3Settings settings(String identity) {
    return new S3Settings(java.util.Optional.of(REGION), java.util.Optional.of(endpoint()), true,
        java.util.Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create(identity, secret(identity)))));
  }

  /** Stores {@code text} at {@code bucket}/{@code key} directly, as set-up that no identity performs. */
  public void put(String bucket, String key, String text) {
    store.putBlob(bucket, store.blobBuilder(key).payload(text.getBytes(StandardCharsets.UTF_8)).build());
  }

  /** The object's content as text, or empty when there is none; read directly, not as an identity. */
  public Optional<String> text(String bucket, String key) throws IOException {
    Blob blob = store.getBlob(bucket, key);
    if (blob == null) {
      return Optional.empty();
    }
    try (InputStream in = blob.getPayload().openStream()) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** The object's user metadata (without the x-amz-meta- prefix); empty when there is no object. */
  public Map<String, String> metadata(String bucket, String key) {
    BlobMetadata metadata = store.blobMetadata(bucket, key);
    return metadata == null ? Map.of() : Map.copyOf(metadata.getUserMetadata());
  }

  /**
   * Makes this server the S3 endpoint of every client the CLI builds in this JVM (aws.endpointUrlS3),
   * with path-style addressing, until the returned handle is closed.
   */
  public AutoCloseable asDefaultEndpoint() {
    System.setProperty("aws.endpointUrlS3", endpoint().toString());
    System.setProperty("bent.s3.pathStyle", "true");
    return () -> {
      System.clearProperty("aws.endpointUrlS3");
      System.clearProperty("bent.s3.pathStyle");
    };
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    store.getContext().close();
  }

  private BlobStore storeFor(String identity) {
    InvocationHandler handler = (object, method, args) -> call(identity, method, args);
    return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class}, handler);
  }

  private Object call(String identity, Method method, Object[] args) throws Throwable {
    String action = ACTIONS.get(method.getName());
    Set<String> policy = policies.get(identity);
    if (action != null) {
      observed.computeIfAbsent(identity, k -> ConcurrentHashMap.newKeySet()).add(action);
      if (policy != null && !policy.contains(action)) {
        throw new AuthorizationException(identity + " is not allowed " + action);
      }
    }
    Object result;
    try {
      if (method.getName().equals("putBlob")) {
        // Reasoning: s3proxy checks If-Match and If-None-Match apart from the write; S3 does
        // both as one step, and two scanners depend on that, so the check is repeated here
        // under the same lock as the write.
        synchronized (store) {
          checkCondition(args);
          result = method.invoke(store, args);
        }
      } else {
        result = method.invoke(store, args);
      }
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    // Reasoning: only a GET is answered 403 for a missing key here. The server also looks up
    // metadata to check a conditional PUT, which on AWS needs no s3:ListBucket.
    boolean missingKey = result == null && method.getName().equals("getBlob");
    if (missingKey && policy != null && !policy.contains("s3:ListBucket")) {
      throw new AuthorizationException(identity + " may not learn whether the key exists");
    }
    return result;
  }

  /** Fails with 412 when a conditional PUT's condition does not hold for the object as it is now. */
  private void checkCondition(Object[] args) {
    if (args.length < 3 || !(args[2] instanceof PutOptions2 options)) {
      return;
    }
    String container = (String) args[0];
    String key = ((Blob) args[1]).getMetadata().getName();
    BlobMetadata current = store.blobMetadata(container, key);
    String etag = current == null ? null : unquote(current.getETag());
    boolean holds = true;
    if (options.getIfMatch() != null) {
      holds = etag != null && (options.getIfMatch().equals("*") || unquote(options.getIfMatch()).equals(etag));
    }
    if (options.getIfNoneMatch() != null) {
      holds &= etag == null || (!options.getIfNoneMatch().equals("*") && !unquote(options.getIfNoneMatch()).equals(etag));
    }
    if (!holds) {
      throw new HttpResponseException("precondition failed", (org.jclouds.http.HttpCommand) null,
          HttpResponse.builder().statusCode(412).message("Precondition Failed").build());
    }
  }

  private static String unquote(String etag) {
    return etag == null ? null : etag.replace("\"", "");
  }

  /** Every action any identity performed, for messages. */
  public Map<String, Set<String>> observedByIdentity() {
    Map<String, Set<String>> all = new java.util.TreeMap<>();
    observed.forEach((k, v) -> all.put(k, new TreeSet<>(v)));
    return all;
  }
}

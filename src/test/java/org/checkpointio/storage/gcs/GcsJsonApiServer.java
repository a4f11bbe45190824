package org.checkpointio.storage.gcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A Google Cloud Storage JSON API server for tests: in memory, on 127.0.0.1, on the JDK's HTTP
 * server. It speaks the wire protocol of the calls that the real clients make — Beam's GCS file
 * system (google-api-client and gcsio) and the google-cloud-storage client over HTTP:
 *
 * <ul>
 *   <li>{@code GET /storage/v1/b/{bucket}}: the bucket;
 *   <li>{@code GET /storage/v1/b/{bucket}/o}: list, with {@code prefix}, {@code delimiter}, {@code
 *       maxResults} (at most 1000) and {@code pageToken};
 *   <li>{@code GET /storage/v1/b/{bucket}/o/{object}}: the object resource, or with {@code
 *       alt=media} its content (also under {@code /download}), honouring a {@code Range} header;
 *   <li>{@code DELETE /storage/v1/b/{bucket}/o/{object}};
 *   <li>{@code POST /upload/storage/v1/b/{bucket}/o} with {@code uploadType} {@code media}, {@code
 *       multipart} or {@code resumable}, then {@code PUT}s of the resumable session's chunks;
 *   <li>{@code POST /storage/v1/b/{b}/o/{o}/rewriteTo/b/{b}/o/{o}} and {@code .../copyTo/...};
 *   <li>{@code POST /batch/storage/v1}: up to {@value #MAX_BATCH_SIZE} of the calls above in one
 *       {@code multipart/mixed} request, answered in one {@code multipart/mixed} response.
 * </ul>
 *
 * <p>Preconditions: {@code ifGenerationMatch} on writes, copies and deletes ({@code 0}: must not
 * exist), {@code generation} on reads. Other preconditions, list options that would change the
 * result, and other calls are answered 501, so a client that needs more fails loudly rather than
 * seeing a wrong answer. Buckets are the ones given to {@link #start}. The server records the calls
 * of every batch request and the prefix of every listing, for tests that count them.
 */
public final class GcsJsonApiServer implements AutoCloseable {
  /** The most calls GCS accepts in one batch request. */
  public static final int MAX_BATCH_SIZE = 100;

  private static final int MAX_LIST_RESULTS = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CONTENT_RANGE =
      Pattern.compile("bytes (?:\\*|(\\d+)-(\\d+))/(\\*|\\d+)");
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  private static final Map<Integer, String> REASONS =
      Map.of(
          200, "OK",
          204, "No Content",
          206, "Partial Content",
          308, "Resume Incomplete",
          400, "Bad Request",
          404, "Not Found",
          412, "Precondition Failed",
          416, "Requested Range Not Satisfiable",
          501, "Not Implemented");
  private static final Set<String> UNSUPPORTED_PARAMETERS =
      Set.of(
          "ifGenerationNotMatch",
          "ifMetagenerationMatch",
          "ifMetagenerationNotMatch",
          "ifSourceGenerationMatch",
          "ifSourceGenerationNotMatch",
          "ifSourceMetagenerationMatch",
          "ifSourceMetagenerationNotMatch",
          "startOffset",
          "endOffset",
          "matchGlob",
          "includeTrailingDelimiter",
          "includeFoldersAsPrefixes",
          "softDeleted");

  private final HttpServer server;
  private final ExecutorService executor;
  private final String baseUrl;
  private final Map<String, NavigableMap<String, StoredObject>> buckets = new ConcurrentHashMap<>();
  private final Map<String, ResumableUpload> uploads = new ConcurrentHashMap<>();
  private final List<List<String>> batchRequests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> listedPrefixes = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong generations = new AtomicLong(System.currentTimeMillis() * 1000);

  /** A resumable upload session: where the object goes, and the bytes received so far. */
  private record ResumableUpload(
      String bucket,
      String name,
      String contentType,
      Map<String, String> metadata,
      Map<String, String> query,
      ByteArrayOutputStream received) {}

  private GcsJsonApiServer(List<String> bucketNames) throws IOException {
    bucketNames.forEach(name -> buckets.put(name, new ConcurrentSkipListMap<>()));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    executor =
        Executors.newFixedThreadPool(
            8,
            task -> {
              Thread thread = new Thread(task, "gcs-json-api-server");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Starts a server on a free port of 127.0.0.1 that holds the given (empty) buckets. */
  public static GcsJsonApiServer start(String... buckets) throws IOException {
    return new GcsJsonApiServer(Arrays.asList(buckets));
  }

  /** Pipeline options that point Beam's GCS file system at this server, without credentials. */
  public String[] beamArgs() {
    return new String[] {
      "--gcsEndpoint=" + baseUrl + "/storage/v1/",
      "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
      "--project=checkpointio-test",
    };
  }

  /**
   * The google-cloud-storage client (HTTP transport) for this server, without credentials. Neither
   * it nor Beam reads {@code STORAGE_EMULATOR_HOST}; the host is set explicitly.
   */
  public Storage storageClient() {
    return StorageOptions.http()
        .setHost(baseUrl)
        .setProjectId("checkpointio-test")
        .setCredentials(NoCredentials.getInstance())
        .build()
        .getService();
  }

  /** The prefix of every listing started so far (its first page), in order. */
  public List<String> listedPrefixes() {
    synchronized (listedPrefixes) {
      return List.copyOf(listedPrefixes);
    }
  }

  /** The HTTP methods of the calls in each batch request received so far, in order. */
  public List<List<String>> batchRequests() {
    synchronized (batchRequests) {
      return List.copyOf(batchRequests);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
      URI uri = exchange.getRequestURI();
      String method = exchange.getRequestMethod();
      HttpMessage request =
          new HttpMessage(
              method + " " + uri + " HTTP/1.1", headers, exchange.getRequestBody().readAllBytes());
      if ("gzip".equalsIgnoreCase(request.header("Content-Encoding"))) { // clients gzip uploads
        try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(request.body()))) {
          request = new HttpMessage(request.startLine(), headers, gzip.readAllBytes());
        }
      }
      HttpMessage response;
      try {
        response =
            uri.getRawPath().startsWith("/batch/")
                ? batch(method, request)
                : call(method, uri, request, false);
      } catch (RuntimeException | IOException e) {
        e.printStackTrace();
        response = error(500, "The test server failed: " + e);
      }
      int status = statusOf(response);
      response.headers().forEach(exchange.getResponseHeaders()::set);
      byte[] answer = response.body();
      boolean empty = answer.length == 0 || method.equals("HEAD");
      exchange.sendResponseHeaders(status, empty ? -1 : answer.length);
      if (!empty) {
        exchange.getResponseBody().write(answer);
      }
    }
  }

  /** One call, alone or from a batch. */
  private HttpMessage call(String method, URI uri, HttpMessage request, boolean inBatch)
      throws IOException {
    Map<String, String> query = query(uri.getRawQuery());
    for (String parameter : query.keySet()) {
      if (UNSUPPORTED_PARAMETERS.contains(parameter)
          || (parameter.equals("versions") && query.get(parameter).equals("true"))) {
        return error(501, "This test server does not support the parameter " + parameter);
      }
    }
    String path = uri.getRawPath();
    if (path.startsWith("/download/")) {
      path = path.substring("/download".length());
    }
    boolean upload = path.startsWith("/upload/");
    if (upload) {
      if (inBatch) {
        return error(400, "Uploads cannot be part of a batch");
      }
      path = path.substring("/upload".length());
    }
    if (!path.startsWith("/storage/v1/b/")) {
      return error(404, "Not a JSON API path: " + path);
    }
    String rest = path.substring("/storage/v1/b/".length());
    int slash = rest.indexOf('/');
    String bucket = decode(slash < 0 ? rest : rest.substring(0, slash));
    NavigableMap<String, StoredObject> objects = buckets.get(bucket);
    if (objects == null) {
      return error(404, "The bucket " + bucket + " does not exist");
    }
    String inBucket = slash < 0 ? "" : rest.substring(slash);
    if (upload && inBucket.equals("/o")) {
      return upload(method, bucket, query, request);
    }
    if (inBucket.isEmpty() && method.equals("GET")) {
      return json(200, bucketResource(bucket));
    }
    if (inBucket.equals("/o") && method.equals("GET")) {
      if (!query.containsKey("pageToken")) {
        listedPrefixes.add(query.getOrDefault("prefix", ""));
      }
      return list(objects, query);
    }
    if (!inBucket.startsWith("/o/") || upload) {
      return error(501, "This test server does not support " + method + " " + path);
    }
    String object = inBucket.substring("/o/".length());
    for (String operation : List.of("/rewriteTo/b/", "/copyTo/b/")) {
      int at = object.indexOf(operation);
      if (at >= 0 && method.equals("POST")) {
        String target = object.substring(at + operation.length());
        int o = target.indexOf("/o/");
        return copy(
            bucket,
            decode(object.substring(0, at)),
            decode(target.substring(0, o)),
            decode(target.substring(o + "/o/".length())),
            query,
            request,
            operation.startsWith("/rewriteTo"));
      }
    }
    String name = decode(object);
    switch (method) {
      case "GET":
        return get(objects.get(name), query, request);
      case "DELETE":
        return delete(objects, name, query);
      default:
        return error(501, "This test server does not support " + method + " " + path);
    }
  }

  private HttpMessage get(StoredObject object, Map<String, String> query, HttpMessage request) {
    String generation = query.get("generation");
    if (object == null
        || (generation != null && Long.parseLong(generation) != object.generation())) {
      return error(404, "No such object");
    }
    if (!"media".equals(query.get("alt"))) {
      return json(200, object.toJson(baseUrl));
    }
    byte[] content = object.content();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", object.contentType());
    headers.put("x-goog-generation", Long.toString(object.generation()));
    headers.put("x-goog-metageneration", "1");
    headers.put("x-goog-stored-content-length", Integer.toString(content.length));
    headers.put("x-goog-stored-content-encoding", "identity");
    headers.put("x-goog-hash", "crc32c=" + object.crc32c() + ",md5=" + object.md5());
    String range = request.header("Range");
    if (range == null || content.length == 0) {
      return response(200, headers, content);
    }
    Matcher matcher = RANGE.matcher(range);
    if (!matcher.matches()) {
      return error(501, "This test server does not support the range " + range);
    }
    long first;
    long last;
    if (matcher.group(1).isEmpty()) { // a suffix: the last N bytes
      first = Math.max(0, content.length - Long.parseLong(matcher.group(2)));
      last = content.length - 1;
    } else {
      first = Long.parseLong(matcher.group(1));
      last =
          matcher.group(2).isEmpty()
              ? content.length - 1
              : Math.min(content.length - 1, Long.parseLong(matcher.group(2)));
    }
    if (first >= content.length) {
      headers.put("Content-Range", "bytes */" + content.length);
      return response(416, headers, new byte[0]);
    }
    headers.put("Content-Range", "bytes " + first + "-" + last + "/" + content.length);
    return response(206, headers, Arrays.copyOfRange(content, (int) first, (int) last + 1));
  }

  private synchronized HttpMessage delete(
      NavigableMap<String, StoredObject> objects, String name, Map<String, String> query) {
    StoredObject object = objects.get(name);
    if (object == null) {
      return error(404, "No such object: " + name);
    }
    HttpMessage failed = checkGeneration(query, object);
    if (failed != null) {
      return failed;
    }
    objects.remove(name);
    return response(204, Map.of(), new byte[0]);
  }

  private HttpMessage list(NavigableMap<String, StoredObject> objects, Map<String, String> query) {
    String prefix = query.getOrDefault("prefix", "");
    String delimiter = query.get("delimiter");
    delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
    int max =
        Math.min(MAX_LIST_RESULTS, Integer.parseInt(query.getOrDefault("maxResults", "1000")));
    String token = query.get("pageToken");
    String from =
        token == null || token.isEmpty()
            ? prefix
            : new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    ObjectNode result = JSON.createObjectNode().put("kind", "storage#objects");
    List<JsonNode> items = new ArrayList<>();
    Set<String> prefixes = new LinkedHashSet<>();
    String lastPrefix = null;
    for (StoredObject object : objects.tailMap(from, true).values()) {
      String name = object.name();
      if (!name.startsWith(prefix)) {
        break; // names with the prefix are contiguous in sorted order
      }
      if (lastPrefix != null && name.startsWith(lastPrefix)) {
        continue;
      }
      if (items.size() + prefixes.size() == max) {
        result.put(
            "nextPageToken",
            Base64.getUrlEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8)));
        break;
      }
      int at = delimiter == null ? -1 : name.indexOf(delimiter, prefix.length());
      if (at >= 0) {
        lastPrefix = name.substring(0, at + delimiter.length());
        prefixes.add(lastPrefix);
      } else {
        items.add(object.toJson(baseUrl));
      }
    }
    if (!items.isEmpty()) {
      result.putArray("items").addAll(items);
    }
    if (!prefixes.isEmpty()) {
      prefixes.forEach(result.putArray("prefixes")::add);
    }
    return json(200, result);
  }

  private HttpMessage upload(
      String method, String bucket, Map<String, String> query, HttpMessage request)
      throws IOException {
    String type = query.get("uploadType");
    if (query.containsKey("upload_id") && method.equals("PUT")) {
      return uploadChunk(query.get("upload_id"), request);
    }
    if (!method.equals("POST") || type == null) {
      return error(501, "This test server does not support " + method + " of an upload " + type);
    }
    switch (type) {
      case "media":
        return create(
            bucket, query.get("name"), request.body(), contentType(request), Map.of(), query);
      case "multipart":
        {
          List<HttpMessage> parts =
              HttpMessage.parseMultipart(
                  request.body(), HttpMessage.boundaryOf(request.header("Content-Type")));
          JsonNode resource = JSON.readTree(parts.get(0).body());
          HttpMessage media = parts.get(1);
          if (media.header("Content-Transfer-Encoding") != null
              && !media.header("Content-Transfer-Encoding").equalsIgnoreCase("binary")) {
            return error(501, "Only binary multipart uploads are supported");
          }
          StoredObject candidate =
              new StoredObject(bucket, "", media.body(), "", Map.of(), 0, Instant.now());
          if ((resource.has("crc32c")
                  && !resource.get("crc32c").asText().equals(candidate.crc32c()))
              || (resource.has("md5Hash")
                  && !resource.get("md5Hash").asText().equals(candidate.md5()))) {
            return error(400, "The uploaded content does not match the checksums sent with it");
          }
          return create(
              bucket,
              resource.path("name").asText(query.get("name")),
              media.body(),
              resource.path("contentType").asText(contentType(media)),
              metadata(resource),
              query);
        }
      case "resumable":
        {
          JsonNode resource =
              request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
          String uploadId = UUID.randomUUID().toString();
          String contentType = request.header("X-Upload-Content-Type");
          uploads.put(
              uploadId,
              new ResumableUpload(
                  bucket,
                  resource.path("name").asText(query.get("name")),
                  resource
                      .path("contentType")
                      .asText(contentType == null ? "application/octet-stream" : contentType),
                  metadata(resource),
                  query,
                  new ByteArrayOutputStream()));
          String session =
              baseUrl
                  + "/upload/storage/v1/b/"
                  + StoredObject.encode(bucket)
                  + "/o?uploadType=resumable&upload_id="
                  + uploadId;
          return response(
              200, Map.of("Location", session, "X-GUploader-UploadID", uploadId), new byte[0]);
        }
      default:
        return error(501, "This test server does not support uploadType=" + type);
    }
  }

  /** A chunk of a resumable upload: {@code Content-Range: bytes F-L/TOTAL|*} or {@code *}. */
  private HttpMessage uploadChunk(String uploadId, HttpMessage request) throws IOException {
    ResumableUpload upload = uploads.get(uploadId);
    if (upload == null) {
      return error(404, "No upload session " + uploadId);
    }
    synchronized (upload) {
      ByteArrayOutputStream received = upload.received();
      String contentRange = request.header("Content-Range");
      long total;
      if (contentRange == null) {
        received.writeBytes(request.body());
        total = received.size();
      } else {
        Matcher matcher = CONTENT_RANGE.matcher(contentRange);
        if (!matcher.matches()) {
          return error(400, "Bad Content-Range " + contentRange);
        }
        if (matcher.group(1) != null) {
          long first = Long.parseLong(matcher.group(1));
          if (first > received.size()) {
            return error(
                400, "Chunk starts at " + first + " but " + received.size() + " bytes arrived");
          }
          byte[] body = request.body();
          int overlap = (int) (received.size() - first); // a resent chunk
          received.write(body, Math.min(overlap, body.length), Math.max(0, body.length - overlap));
        }
        total = matcher.group(3).equals("*") ? -1 : Long.parseLong(matcher.group(3));
      }
      if (total >= 0 && received.size() > total) {
        return error(400, "More bytes arrived than the declared total " + total);
      }
      if (total == received.size()) {
        uploads.remove(uploadId);
        return create(
            upload.bucket(),
            upload.name(),
            received.toByteArray(),
            upload.contentType(),
            upload.metadata(),
            upload.query());
      }
      Map<String, String> headers =
          received.size() == 0 ? Map.of() : Map.of("Range", "bytes=0-" + (received.size() - 1));
      return response(308, headers, new byte[0]);
    }
  }

  private HttpMessage copy(
      String sourceBucket,
      String sourceName,
      String targetBucket,
      String targetName,
      Map<String, String> query,
      HttpMessage request,
      boolean rewrite)
      throws IOException {
    NavigableMap<String, StoredObject> sources = buckets.get(sourceBucket);
    StoredObject source = sources == null ? null : sources.get(sourceName);
    if (source == null) {
      return error(404, "No such object: " + sourceBucket + "/" + sourceName);
    }
    JsonNode resource =
        request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
    HttpMessage created =
        create(
            targetBucket,
            targetName,
            source.content(),
            resource.path("contentType").asText(source.contentType()),
            resource.has("metadata") ? metadata(resource) : source.metadata(),
            query);
    if (!rewrite || statusOf(created) != 200) {
      return created;
    }
    ObjectNode response = JSON.createObjectNode();
    response.put("kind", "storage#rewriteResponse");
    response.put("totalBytesRewritten", Long.toString(source.content().length));
    response.put("objectSize", Long.toString(source.content().length));
    response.put("done", true);
    response.set("resource", JSON.readTree(created.body()));
    return json(200, response);
  }

  private synchronized HttpMessage create(
      String bucket,
      String name,
      byte[] content,
      String contentType,
      Map<String, String> metadata,
      Map<String, String> query) {
    NavigableMap<String, StoredObject> objects = buckets.get(bucket);
    if (objects == null) {
      return error(404, "The bucket " + bucket + " does not exist");
    }
    if (name == null || name.isEmpty()) {
      return error(400, "The object has no name");
    }
    HttpMessage failed = checkGeneration(query, objects.get(name));
    if (failed != null) {
      return failed;
    }
    StoredObject object =
        new StoredObject(
            bucket,
            name,
            content,
            contentType,
            metadata,
            generations.incrementAndGet(),
            Instant.now());
    objects.put(name, object);
    return json(200, object.toJson(baseUrl));
  }

  /** A batch: each part holds one call, answered by the part of the same position. */
  private HttpMessage batch(String method, HttpMessage request) throws IOException {
    String contentType = request.header("Content-Type");
    if (!method.equals("POST")
        || contentType == null
        || !contentType.startsWith("multipart/mixed")) {
      return error(400, "A batch is a POST of multipart/mixed");
    }
    List<HttpMessage> parts =
        HttpMessage.parseMultipart(request.body(), HttpMessage.boundaryOf(contentType));
    if (parts.size() > MAX_BATCH_SIZE) {
      return error(
          400,
          "A batch request may hold at most "
              + MAX_BATCH_SIZE
              + " calls; this one holds "
              + parts.size());
    }
    List<String> methods = new ArrayList<>();
    List<HttpMessage> answers = new ArrayList<>();
    for (HttpMessage part : parts) {
      HttpMessage call = HttpMessage.parse(part.body(), true);
      String[] requestLine = call.startLine().split(" ");
      methods.add(requestLine[0]);
      HttpMessage answer = call(requestLine[0], URI.create(requestLine[1]), call, true);
      Map<String, String> answerHeaders = new LinkedHashMap<>(answer.headers());
      answerHeaders.put("Content-Length", Integer.toString(answer.body().length));
      String contentId = part.header("Content-ID");
      answers.add(
          new HttpMessage(
              null,
              Map.of(
                  "Content-Type",
                  "application/http",
                  "Content-ID",
                  "<response-" + (contentId == null ? "" : contentId.replaceAll("[<>]", "")) + ">"),
              new HttpMessage(answer.startLine(), answerHeaders, answer.body()).toBytes()));
    }
    batchRequests.add(List.copyOf(methods));
    String boundary = "batch_" + UUID.randomUUID().toString().replace("-", "");
    return response(
        200,
        Map.of("Content-Type", "multipart/mixed; boundary=" + boundary),
        HttpMessage.renderMultipart(answers, boundary));
  }

  /** Answers 412 if {@code ifGenerationMatch} is given and {@code current} has another one. */
  private static HttpMessage checkGeneration(Map<String, String> query, StoredObject current) {
    String expected = query.get("ifGenerationMatch");
    long actual = current == null ? 0 : current.generation();
    if (expected != null && Long.parseLong(expected) != actual) {
      return error(
          412, "Precondition failed: ifGenerationMatch=" + expected + ", generation is " + actual);
    }
    return null;
  }

  private ObjectNode bucketResource(String bucket) {
    ObjectNode json = JSON.createObjectNode();
    json.put("kind", "storage#bucket");
    json.put("id", bucket);
    json.put("selfLink", baseUrl + "/storage/v1/b/" + bucket);
    json.put("name", bucket);
    json.put("projectNumber", "0");
    json.put("metageneration", "1");
    json.put("location", "US");
    json.put("storageClass", "STANDARD");
    json.put("etag", "CAE=");
    json.put("timeCreated", "2024-01-01T00:00:00.000Z");
    json.put("updated", "2024-01-01T00:00:00.000Z");
    return json;
  }

  private static Map<String, String> metadata(JsonNode resource) {
    Map<String, String> metadata = new LinkedHashMap<>();
    resource
        .path("metadata")
        .fields()
        .forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
    return metadata;
  }

  private static String contentType(HttpMessage message) {
    String type = message.header("Content-Type");
    return type == null ? "application/octet-stream" : type;
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        String[] nameValue = pair.split("=", 2);
        query.put(
            URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
            nameValue.length == 2 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
      }
    }
    return query;
  }

  /** Decodes a path segment: percent escapes only ('+' is a plus sign in a path). */
  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static int statusOf(HttpMessage response) {
    return Integer.parseInt(response.startLine().split(" ")[1]);
  }

  private static HttpMessage response(int status, Map<String, String> headers, byte[] body) {
    return new HttpMessage("HTTP/1.1 " + status + " " + reason(status), headers, body);
  }

  private static HttpMessage json(int status, JsonNode json) {
    return response(
        status,
        Map.of("Content-Type", "application/json; charset=UTF-8"),
        json.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static HttpMessage error(int status, String message) {
    ObjectNode error = JSON.createObjectNode();
    ObjectNode body = error.putObject("error").put("code", status).put("message", message);
    body.putArray("errors")
        .addObject()
        .put("domain", "global")
        .put("reason", reason(status).replace(" ", ""))
        .put("message", message);
    return json(status, error);
  }

  private static String reason(int status) {
    return REASONS.getOrDefault(status, "Internal Server Error");
  }
}

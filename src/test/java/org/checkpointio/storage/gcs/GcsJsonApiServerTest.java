package org.checkpointio.storage.gcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.paging.Page;
import com.google.api.services.storage.model.StorageObject;
import com.google.cloud.ReadChannel;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobListOption;
import com.google.cloud.storage.Storage.BlobTargetOption;
import com.google.cloud.storage.StorageBatch;
import com.google.cloud.storage.StorageBatchResult;
import com.google.cloud.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import java.util.zip.CRC32C;
import org.apache.beam.sdk.extensions.gcp.options.GcsOptions;
import org.apache.beam.sdk.extensions.gcp.util.GcsUtil;
import org.apache.beam.sdk.extensions.gcp.util.Transport;
import org.apache.beam.sdk.extensions.gcp.util.gcsfs.GcsPath;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkpointio.storage.InParallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test GCS server against the real clients: the google-cloud-storage client over HTTP, the JSON
 * API client that Beam configures ({@code Transport.newStorageClient}), and Beam's {@code GcsUtil}
 * and GCS file system. Everything is checked through a client, byte for byte.
 */
class GcsJsonApiServerTest {
  private static final String BUCKET = "bucket";

  private GcsJsonApiServer server;
  private Storage gcs;
  private com.google.api.services.storage.Storage api;
  private GcsOptions options;

  @BeforeEach
  void start() throws IOException {
    server = GcsJsonApiServer.start(BUCKET);
    gcs = server.storageClient();
    options = PipelineOptionsFactory.fromArgs(server.beamArgs()).as(GcsOptions.class);
    api = Transport.newStorageClient(options).build();
    FileSystems.setDefaultPipelineOptions(options);
  }

  @AfterEach
  void stop() throws Exception {
    gcs.close();
    server.close();
  }

  private static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return Base64.getEncoder()
        .encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private void put(String name, byte[] content) {
    gcs.create(BlobInfo.newBuilder(BUCKET, name).build(), content);
  }

  @Test
  void theBucketIsThereAndOthersAreNot() throws IOException {
    assertEquals(BUCKET, gcs.get(BUCKET).getName());
    assertNull(gcs.get("no-such-bucket"));
    assertEquals(BUCKET, api.buckets().get(BUCKET).execute().getName());
  }

  @Test
  void multipartMediaAndChunkedResumableUploadsReadBackByteForByte() throws IOException {
    byte[] small = bytes(1_000, 1);
    Blob multipart =
        gcs.create(
            BlobInfo.newBuilder(BUCKET, "up/multipart.bin")
                .setContentType("application/x-test")
                .setMetadata(Map.of("k", "v"))
                .build(),
            small);
    assertEquals(1_000, multipart.getSize());
    assertEquals(crc32c(small), multipart.getCrc32c());

    com.google.api.services.storage.Storage.Objects.Insert media =
        api.objects()
            .insert(BUCKET, null, new ByteArrayContent("text/plain", small))
            .setName("up/media.txt");
    media.getMediaHttpUploader().setDirectUploadEnabled(true);
    assertEquals("up/media.txt", media.execute().getName());

    byte[] large = bytes(600_000, 2);
    try (WriteChannel writer =
        gcs.writer(BlobInfo.newBuilder(BUCKET, "up/resumable.bin").build())) {
      writer.setChunkSize(256 * 1024); // three chunks: 256 KiB, 256 KiB, the rest
      for (int from = 0; from < large.length; from += 50_000) {
        writer.write(ByteBuffer.wrap(large, from, Math.min(50_000, large.length - from)));
      }
    }

    assertArrayEquals(small, gcs.readAllBytes(BlobId.of(BUCKET, "up/multipart.bin")));
    assertArrayEquals(small, gcs.readAllBytes(BlobId.of(BUCKET, "up/media.txt")));
    assertArrayEquals(large, gcs.readAllBytes(BlobId.of(BUCKET, "up/resumable.bin")));
    Blob stored = gcs.get(BlobId.of(BUCKET, "up/multipart.bin"));
    assertEquals("application/x-test", stored.getContentType());
    assertEquals(Map.of("k", "v"), stored.getMetadata());
    assertEquals("text/plain", gcs.get(BlobId.of(BUCKET, "up/media.txt")).getContentType());
    assertEquals(crc32c(large), gcs.get(BlobId.of(BUCKET, "up/resumable.bin")).getCrc32c());
  }

  @Test
  void rangedReadsReturnExactlyTheRequestedBytes() throws IOException {
    byte[] content = bytes(300_000, 3);
    put("ranged.bin", content);

    try (ReadChannel reader = gcs.reader(BlobId.of(BUCKET, "ranged.bin"))) {
      reader.seek(123_456);
      reader.limit(123_456 + 1_000);
      ByteBuffer buffer = ByteBuffer.allocate(2_000);
      while (reader.read(buffer) >= 0) {}
      buffer.flip();
      byte[] read = new byte[buffer.remaining()];
      buffer.get(read);
      assertArrayEquals(Arrays.copyOfRange(content, 123_456, 124_456), read);
    }

    // Beam's GCS file system (gcsio) seeks with Range requests too.
    try (SeekableByteChannel channel =
        (SeekableByteChannel)
            FileSystems.open(
                FileSystems.matchNewResource("gs://" + BUCKET + "/ranged.bin", false))) {
      assertEquals(300_000, channel.size());
      channel.position(299_990);
      ByteBuffer tail = ByteBuffer.allocate(100);
      while (channel.read(tail) > 0) {}
      assertEquals(10, tail.position());
      assertArrayEquals(
          Arrays.copyOfRange(content, 299_990, 300_000), Arrays.copyOf(tail.array(), 10));
    }
  }

  @Test
  void listingsPageThroughPrefixesAndDelimiters() throws Exception {
    List<String> names = new ArrayList<>();
    for (String directory : List.of("list/a/", "list/b/")) {
      for (int i = 0; i < 10; i++) {
        names.add(directory + i);
      }
    }
    names.addAll(List.of("list/c.txt", "list/d.txt"));
    names.forEach(name -> put(name, name.getBytes(StandardCharsets.UTF_8)));
    put("other/x", new byte[] {1});

    Page<Blob> first = gcs.list(BUCKET, BlobListOption.prefix("list/"), BlobListOption.pageSize(5));
    assertEquals(names.subList(0, 5), namesOf(first.getValues()));
    assertTrue(first.hasNextPage());
    assertEquals(names, namesOf(first.iterateAll()));

    Page<Blob> folders =
        gcs.list(
            BUCKET,
            BlobListOption.prefix("list/"),
            BlobListOption.currentDirectory(),
            BlobListOption.pageSize(3));
    assertEquals(3, namesOf(folders.getValues()).size());
    assertTrue(folders.hasNextPage());
    // A page holds objects and prefixes (folders); the client lists its objects first.
    List<String> entries = namesOf(folders.iterateAll()).stream().sorted().toList();
    assertEquals(List.of("list/a/", "list/b/", "list/c.txt", "list/d.txt"), entries);
    for (Blob entry : folders.iterateAll()) {
      assertEquals(entry.getName().endsWith("/"), entry.isDirectory(), entry.getName());
    }

    // Beam lists with maxResults=1024, above the API's cap of 1000 per page.
    for (int i = 0; i < 1_100; i++) {
      names.add(String.format("list/many/%04d", i));
    }
    InParallel.forEach(names.subList(22, names.size()), name -> put(name, new byte[0]));
    List<GcsPath> expanded =
        options.getGcsUtil().expand(GcsPath.fromUri("gs://" + BUCKET + "/list/**"));
    assertEquals(
        names.stream().sorted().map(name -> "gs://" + BUCKET + "/" + name).toList(),
        expanded.stream().map(GcsPath::toString).sorted().toList());
  }

  private static List<String> namesOf(Iterable<Blob> blobs) {
    return StreamSupport.stream(blobs.spliterator(), false).map(Blob::getName).toList();
  }

  @Test
  void deletesAndGenerationPreconditions() {
    put("doomed", new byte[] {1});
    Blob current = gcs.get(BlobId.of(BUCKET, "doomed"));
    StorageException exists =
        assertThrows(
            StorageException.class,
            () ->
                gcs.create(
                    BlobInfo.newBuilder(BUCKET, "doomed").build(),
                    new byte[] {2},
                    BlobTargetOption.doesNotExist()));
    assertEquals(412, exists.getCode());
    Blob replaced =
        gcs.create(
            BlobInfo.newBuilder(BlobId.of(BUCKET, "doomed", current.getGeneration())).build(),
            new byte[] {3},
            BlobTargetOption.generationMatch());
    assertTrue(replaced.getGeneration() > current.getGeneration());
    assertArrayEquals(new byte[] {3}, gcs.readAllBytes(BlobId.of(BUCKET, "doomed")));

    assertTrue(gcs.delete(BlobId.of(BUCKET, "doomed")));
    assertFalse(gcs.delete(BlobId.of(BUCKET, "doomed")));
    assertNull(gcs.get(BlobId.of(BUCKET, "doomed")));
  }

  @Test
  void rewriteToAndCopyToMakeIdenticalObjects() throws IOException {
    byte[] content = bytes(5_000, 4);
    gcs.create(
        BlobInfo.newBuilder(BUCKET, "source").setContentType("application/x-src").build(), content);

    Blob rewritten =
        gcs.copy(
                Storage.CopyRequest.of(BlobId.of(BUCKET, "source"), BlobId.of(BUCKET, "rewritten")))
            .getResult();
    assertEquals("rewritten", rewritten.getName());
    StorageObject copied = api.objects().copy(BUCKET, "source", BUCKET, "copied", null).execute();
    assertEquals("copied", copied.getName());

    for (String name : List.of("rewritten", "copied")) {
      assertArrayEquals(content, gcs.readAllBytes(BlobId.of(BUCKET, name)), name);
      assertEquals("application/x-src", gcs.get(BlobId.of(BUCKET, name)).getContentType(), name);
    }
    assertEquals(
        404,
        assertThrows(
                StorageException.class,
                () ->
                    gcs.copy(
                            Storage.CopyRequest.of(
                                BlobId.of(BUCKET, "missing"), BlobId.of(BUCKET, "x")))
                        .getResult())
            .getCode());
  }

  @Test
  void batchRequestsCarryUpToAHundredCallsAndAnswerEachInOrder() throws Exception {
    List<String> files = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      files.add("gs://" + BUCKET + "/batch/" + i);
    }
    InParallel.forEach(
        files, file -> put(file.substring(("gs://" + BUCKET + "/").length()), new byte[] {7}));
    put("batch-neighbour", new byte[] {8});

    GcsUtil gcsUtil = options.getGcsUtil();
    gcsUtil.remove(files);
    assertEquals(
        List.of(100, 100, 50),
        server.batchRequests().stream().map(List::size).sorted(Comparator.reverseOrder()).toList());
    assertTrue(server.batchRequests().stream().flatMap(List::stream).allMatch("DELETE"::equals));
    assertEquals(List.of("batch-neighbour"), namesOf(gcs.list(BUCKET).iterateAll()));

    // google-cloud-storage's batch: answers come back matched to their calls.
    put("kept", new byte[] {9});
    StorageBatch batch = gcs.batch();
    StorageBatchResult<Blob> kept = batch.get(BlobId.of(BUCKET, "kept"));
    StorageBatchResult<Blob> missing = batch.get(BlobId.of(BUCKET, "missing"));
    StorageBatchResult<Boolean> deleted = batch.delete(BlobId.of(BUCKET, "batch-neighbour"));
    StorageBatchResult<Boolean> notThere = batch.delete(BlobId.of(BUCKET, "missing"));
    batch.submit();
    assertEquals(1, kept.get().getSize());
    assertNull(missing.get());
    assertTrue(deleted.get());
    assertFalse(notThere.get());
    assertEquals(List.of("GET", "GET", "DELETE", "DELETE"), server.batchRequests().get(3));

    // More than a hundred calls is refused, as GCS does.
    BatchRequest tooLarge = api.batch();
    JsonBatchCallback<Void> ignore =
        new JsonBatchCallback<>() {
          @Override
          public void onSuccess(Void result, HttpHeaders headers) {}

          @Override
          public void onFailure(GoogleJsonError error, HttpHeaders headers) {}
        };
    for (int i = 0; i <= GcsJsonApiServer.MAX_BATCH_SIZE; i++) {
      api.objects().delete(BUCKET, "kept").queue(tooLarge, ignore);
    }
    assertEquals(400, assertThrows(HttpResponseException.class, tooLarge::execute).getStatusCode());
    assertEquals(1, gcs.get(BlobId.of(BUCKET, "kept")).getSize());
  }
}

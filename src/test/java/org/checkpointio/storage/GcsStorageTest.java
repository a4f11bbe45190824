package org.checkpointio.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import java.util.List;
import java.util.stream.StreamSupport;
import org.checkpointio.storage.gcs.GcsJsonApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints on {@code gs://}: Beam's GCS file system against the test GCS JSON API server on
 * 127.0.0.1, checked with the google-cloud-storage client.
 */
class GcsStorageTest extends ObjectStoreContract {
  private static final String BUCKET = "checkpoints";
  private static GcsJsonApiServer server;
  private static Storage gcs;

  @BeforeAll
  static void startServer() throws Exception {
    server = GcsJsonApiServer.start(BUCKET);
    gcs = server.storageClient();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (gcs != null) {
      gcs.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected String[] storeArgs() {
    return server.beamArgs();
  }

  @Override
  protected String bucketRoot() {
    return "gs://" + BUCKET;
  }

  @Override
  protected List<String> objectsUnder(String prefix) {
    String bucketPrefix = "gs://" + BUCKET + "/";
    return StreamSupport.stream(
            gcs.list(BUCKET, Storage.BlobListOption.prefix(prefix.substring(bucketPrefix.length())))
                .iterateAll()
                .spliterator(),
            false)
        .map(blob -> bucketPrefix + blob.getName())
        .sorted()
        .toList();
  }

  @Override
  protected void putObject(String uri, byte[] content) {
    String name = uri.substring(("gs://" + BUCKET + "/").length());
    gcs.create(BlobInfo.newBuilder(BlobId.of(BUCKET, name)).build(), content);
  }

  @Test
  void cleanupDeletesAFewThousandObjectsInBatchRequestsOfAtMostAHundredCalls() throws Exception {
    int before = server.batchRequests().size();
    cleanUpATreeOf(2_500);
    List<List<String>> batches = server.batchRequests();
    List<List<String>> cleanup = batches.subList(before, batches.size());
    // Only deletes: the files were just listed, so cleanup does not look each one up first.
    assertTrue(
        cleanup.stream()
            .allMatch(
                batch ->
                    batch.size() <= GcsJsonApiServer.MAX_BATCH_SIZE
                        && batch.stream().allMatch("DELETE"::equals)),
        cleanup.toString());
    assertEquals(25, cleanup.size(), "2,500 deletes in batch requests of at most 100");
    assertEquals(2_500, cleanup.stream().mapToInt(List::size).sum());
  }
}

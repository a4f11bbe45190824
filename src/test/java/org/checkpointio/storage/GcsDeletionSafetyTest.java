package org.checkpointio.storage;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import java.util.List;
import java.util.stream.StreamSupport;
import org.checkpointio.storage.gcs.GcsJsonApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Deletion safety on {@code gs://}: Beam's GCS file system against the test GCS JSON API server on
 * 127.0.0.1, checked with the google-cloud-storage client.
 */
class GcsDeletionSafetyTest extends ObjectStoreDeletionSafetyContract {
  private static final String BUCKET = "checkpoints";
  private static final String BUCKET_URI = "gs://" + BUCKET + "/";
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
  protected String storeName() {
    return "the GCS JSON API test server";
  }

  @Override
  protected List<String> objectsUnder(String prefix) {
    return StreamSupport.stream(
            gcs.list(BUCKET, Storage.BlobListOption.prefix(objectName(prefix)))
                .iterateAll()
                .spliterator(),
            false)
        .map(blob -> BUCKET_URI + blob.getName())
        .sorted()
        .toList();
  }

  @Override
  protected byte[] getObject(String uri) {
    return gcs.readAllBytes(BlobId.of(BUCKET, objectName(uri)));
  }

  @Override
  protected void putObject(String uri, byte[] content) {
    gcs.create(BlobInfo.newBuilder(BlobId.of(BUCKET, objectName(uri))).build(), content);
  }

  private static String objectName(String uri) {
    return uri.substring(BUCKET_URI.length());
  }
}

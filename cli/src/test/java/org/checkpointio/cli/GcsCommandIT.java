package org.checkpointio.cli;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import java.util.SortedMap;
import java.util.TreeMap;
import org.checkpointio.storage.gcs.GcsJsonApiServer;

/**
 * The jar on {@code gs://} roots: Beam's GCS file system in the jar against the library's test GCS
 * JSON API server on 127.0.0.1, checked with the google-cloud-storage client. The jar runs as
 * {@code java -jar}, exactly as an operator runs it: everything the options name is in it.
 */
class GcsCommandIT extends ObjectStoreCommandContract {
  private GcsJsonApiServer server;
  private Storage gcs;

  @Override
  protected void startStore() throws Exception {
    server = GcsJsonApiServer.start(BUCKET);
    gcs = server.storageClient();
  }

  @Override
  protected void stopStore() throws Exception {
    if (gcs != null) {
      gcs.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected String scheme() {
    return "gs";
  }

  @Override
  protected String[] storeArgs() {
    return server.beamArgs();
  }

  @Override
  protected String missingBucketAnswer() {
    return "404 Not Found";
  }

  @Override
  protected SortedMap<String, Long> objectsUnder(String prefix) {
    String bucketPrefix = "gs://" + BUCKET + "/";
    SortedMap<String, Long> objects = new TreeMap<>();
    for (Blob blob :
        gcs.list(BUCKET, Storage.BlobListOption.prefix(prefix.substring(bucketPrefix.length())))
            .iterateAll()) {
      objects.put(bucketPrefix + blob.getName(), blob.getSize());
    }
    return objects;
  }

  @Override
  protected void putObject(String uri, byte[] content) {
    String name = uri.substring(("gs://" + BUCKET + "/").length());
    gcs.create(BlobInfo.newBuilder(BlobId.of(BUCKET, name)).build(), content);
  }
}

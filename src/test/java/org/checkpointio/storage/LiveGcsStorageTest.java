package org.checkpointio.storage;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The object-store tests against a real bucket, when {@value #ROOT_VARIABLE} names a {@code
 * gs://bucket/prefix} to work under; skipped otherwise. Credentials are Application Default
 * Credentials (e.g. {@code gcloud auth application-default login}); {@value #PROJECT_VARIABLE}
 * optionally sets the project. Each test works under a fresh prefix and deletes what is left there.
 *
 * <pre>
 * CHECKPOINTIO_GCS_TEST_ROOT=gs://my-bucket/checkpointio-it mvn -B test -Dtest=LiveGcsStorageTest
 * </pre>
 */
@EnabledIfEnvironmentVariable(named = LiveGcsStorageTest.ROOT_VARIABLE, matches = "gs://.+")
class LiveGcsStorageTest extends ObjectStoreContract {
  static final String ROOT_VARIABLE = "CHECKPOINTIO_GCS_TEST_ROOT";
  static final String PROJECT_VARIABLE = "CHECKPOINTIO_GCS_TEST_PROJECT";

  private static Storage gcs;

  @BeforeAll
  static void connect() {
    StorageOptions.Builder options = StorageOptions.http();
    String project = System.getenv(PROJECT_VARIABLE);
    if (project != null) {
      options.setProjectId(project);
    }
    gcs = options.build().getService();
  }

  @AfterAll
  static void disconnect() throws Exception {
    gcs.close();
  }

  @AfterEach
  void deleteWhatIsLeft() {
    List<BlobId> left = new ArrayList<>();
    for (String uri : objectsUnder(root + "/")) {
      left.add(blobId(uri));
    }
    if (!left.isEmpty()) {
      gcs.delete(left);
    }
  }

  @Override
  protected String[] storeArgs() {
    String project = System.getenv(PROJECT_VARIABLE);
    return project == null ? new String[0] : new String[] {"--project=" + project};
  }

  @Override
  protected String bucketRoot() {
    String root = System.getenv(ROOT_VARIABLE);
    return root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  @Override
  protected List<String> objectsUnder(String prefix) {
    BlobId first = blobId(prefix);
    return StreamSupport.stream(
            gcs.list(first.getBucket(), Storage.BlobListOption.prefix(first.getName()))
                .iterateAll()
                .spliterator(),
            false)
        .map(blob -> "gs://" + blob.getBucket() + "/" + blob.getName())
        .sorted()
        .toList();
  }

  @Override
  protected void putObject(String uri, byte[] content) {
    gcs.create(BlobInfo.newBuilder(blobId(uri)).build(), content);
  }

  private static BlobId blobId(String uri) {
    String path = uri.substring("gs://".length());
    int slash = path.indexOf('/');
    return BlobId.of(path.substring(0, slash), path.substring(slash + 1));
  }
}

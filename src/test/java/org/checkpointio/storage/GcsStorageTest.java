package org.checkpointio.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkpointio.CheckpointStore;
import org.checkpointio.CheckpointTree;
import org.checkpointio.DeleteProgress;
import org.checkpointio.SweptTree;
import org.joda.time.Duration;
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

  /**
   * A sweep of k expired trees lists each scope once, and then each tree only by its own prefix:
   * once to check it right before deleting it, twice while deleting it (the second pass finds what
   * a late commit added). Never the scope again per tree.
   */
  @Test
  void sweepingKTreesListsTheScopeOnceAndEachTreeByItsOwnPrefix() throws Exception {
    String root = "gs://" + BUCKET + "/listing-count";
    List<String> ids = List.of("run-a", "run-b", "run-c", "run-d");
    for (String id : ids) {
      String checkpoint = root + "/runs/" + id + "/orders/";
      putObject(checkpoint + "_manifest-0000000001.json", "{}".getBytes(StandardCharsets.UTF_8));
      putObject(
          checkpoint + "part-00000000-0000-0000-0000-000000000000-00000-of-00001.parquet",
          new byte[] {1, 2, 3});
    }
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.fromArgs(storeArgs()).create());
    CheckpointStore store = CheckpointStore.at(root);
    Thread.sleep(20); // every object is then older than the sweep's age below
    int before = server.listedPrefixes().size();

    List<CheckpointTree> trees = store.trees();
    List<SweptTree> swept = new ArrayList<>();
    for (CheckpointTree tree : trees) {
      store.sweep(tree, Duration.millis(10), false, DeleteProgress.NONE).ifPresent(swept::add);
    }

    List<String> listed = server.listedPrefixes().subList(before, server.listedPrefixes().size());
    assertEquals(ids, swept.stream().map(SweptTree::getId).toList());
    assertEquals(List.of(), objectsUnder(root + "/"));
    Map<String, Long> perPrefix =
        listed.stream().collect(Collectors.groupingBy(p -> p, TreeMap::new, Collectors.counting()));
    Map<String, Long> expected = new TreeMap<>();
    expected.put("listing-count/runs/", 1L);
    expected.put("listing-count/correlations/", 1L);
    ids.forEach(id -> expected.put("listing-count/runs/" + id + "/", 3L));
    assertEquals(expected, perPrefix, listed.toString());
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

package org.checkpointio.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkpointio.storage.s3.PathStyleS3ClientBuilderFactory;
import org.checkpointio.storage.s3.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Checkpoints on {@code s3://}: Beam's AWS SDK v2 file system against S3Proxy on 127.0.0.1, checked
 * with the AWS SDK's own S3 client.
 */
class S3StorageTest extends ObjectStoreContract {
  private static final String BUCKET = "checkpoints";
  private static S3ProxyServer server;
  private static S3Client s3;

  @BeforeAll
  static void startServer() throws Exception {
    // Beam's AWS module registers AwsOptions only; --s3ClientFactoryClass needs S3Options.
    PipelineOptionsFactory.register(S3Options.class);
    server = S3ProxyServer.start();
    S3Options options = PipelineOptionsFactory.fromArgs(server.beamArgs()).as(S3Options.class);
    s3 = new PathStyleS3ClientBuilderFactory().createBuilder(options).build();
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  @AfterAll
  static void stopServer() {
    if (s3 != null) {
      s3.close();
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
    return "s3://" + BUCKET;
  }

  @Override
  protected List<String> objectsUnder(String prefix) {
    String bucketPrefix = "s3://" + BUCKET + "/";
    return s3
        .listObjectsV2Paginator(
            b -> b.bucket(BUCKET).prefix(prefix.substring(bucketPrefix.length())))
        .contents()
        .stream()
        .map(S3Object::key)
        .map(key -> bucketPrefix + key)
        .sorted()
        .toList();
  }

  @Override
  protected void putObject(String uri, byte[] content) throws IOException {
    String key = uri.substring(("s3://" + BUCKET + "/").length());
    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
  }

  @Test
  void cleanupDeletesAFewThousandObjectsInDeleteObjectsRequestsOfAtMostAThousandKeys()
      throws Exception {
    long before = server.deleteObjectsRequests();
    cleanUpATreeOf(2_500);
    assertEquals(3, server.deleteObjectsRequests() - before, "2,500 keys in requests of ≤1,000");
  }
}

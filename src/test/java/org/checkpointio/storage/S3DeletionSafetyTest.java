package org.checkpointio.storage;

import java.util.List;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkpointio.storage.s3.PathStyleS3ClientBuilderFactory;
import org.checkpointio.storage.s3.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Deletion safety on {@code s3://}: Beam's AWS SDK v2 file system against S3Proxy on 127.0.0.1,
 * checked with the AWS SDK's own S3 client.
 */
class S3DeletionSafetyTest extends ObjectStoreDeletionSafetyContract {
  private static final String BUCKET = "checkpoints";
  private static final String BUCKET_URI = "s3://" + BUCKET + "/";
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
  protected String storeName() {
    return "S3Proxy (transient blob store)";
  }

  @Override
  protected List<String> objectsUnder(String prefix) {
    return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(key(prefix)))
        .contents()
        .stream()
        .map(S3Object::key)
        .map(key -> BUCKET_URI + key)
        .sorted()
        .toList();
  }

  @Override
  protected byte[] getObject(String uri) {
    return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key(uri))).asByteArray();
  }

  @Override
  protected void putObject(String uri, byte[] content) {
    s3.putObject(b -> b.bucket(BUCKET).key(key(uri)), RequestBody.fromBytes(content));
  }

  private static String key(String uri) {
    return uri.substring(BUCKET_URI.length());
  }
}

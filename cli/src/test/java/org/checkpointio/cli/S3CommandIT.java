package org.checkpointio.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkpointio.storage.s3.PathStyleS3ClientBuilderFactory;
import org.checkpointio.storage.s3.S3ProxyServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The jar on {@code s3://} roots: Beam's S3 file system in the jar against S3Proxy on 127.0.0.1,
 * checked with the AWS SDK's own S3 client.
 *
 * <p>A local S3 API server needs path-style requests, which only a client factory class named by
 * {@code --s3ClientFactoryClass} gives, and that class is a test class of the library, not part of
 * the jar. So the jar runs as {@code java -cp checkpoint.jar:LIBRARY_TEST_CLASSES} with the main
 * class its manifest names, as an operator with their own factory class would run it. The jar comes
 * first, so every class it holds is loaded from it; the extra entry adds only what it lacks.
 */
class S3CommandIT extends ObjectStoreCommandContract {
  private S3ProxyServer server;
  private S3Client s3;

  @Override
  protected void startStore() throws Exception {
    // Beam's AWS module registers AwsOptions only; --s3ClientFactoryClass needs S3Options.
    PipelineOptionsFactory.register(S3Options.class);
    server = S3ProxyServer.start();
    S3Options options = PipelineOptionsFactory.fromArgs(server.beamArgs()).as(S3Options.class);
    s3 = new PathStyleS3ClientBuilderFactory().createBuilder(options).build();
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  @Override
  protected void stopStore() {
    if (s3 != null) {
      s3.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected String scheme() {
    return "s3";
  }

  @Override
  protected String[] storeArgs() {
    return server.beamArgs();
  }

  @Override
  protected CheckpointProcess.Launch launch() {
    return super.launch().withClasspath(classpathOf(PathStyleS3ClientBuilderFactory.class));
  }

  @Override
  protected String missingBucketAnswer() {
    return "The specified bucket does not exist \\(Service: S3, Status Code: 404, Request ID:"
               + " \\w+\\)";
  }

  @Override
  protected SortedMap<String, Long> objectsUnder(String prefix) {
    String bucketPrefix = "s3://" + BUCKET + "/";
    SortedMap<String, Long> objects = new TreeMap<>();
    for (S3Object object :
        s3.listObjectsV2Paginator(
                b -> b.bucket(BUCKET).prefix(prefix.substring(bucketPrefix.length())))
            .contents()) {
      objects.put(bucketPrefix + object.key(), object.size());
    }
    return objects;
  }

  @Override
  protected void putObject(String uri, byte[] content) {
    String key = uri.substring(("s3://" + BUCKET + "/").length());
    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
  }

  /** The jar or directory a class was loaded from: the library's test jar, or its test classes. */
  private static String classpathOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

package org.checkpointio.storage.s3;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Beam's S3 client ({@code --endpoint}, {@code --awsRegion}, {@code --awsCredentialsProvider}) with
 * path-style access ({@code http://host:port/bucket/key}), which S3 API servers on a local address
 * need and {@code S3Options} has no switch for. Select it with {@code
 * --s3ClientFactoryClass=org.checkpointio.storage.s3.PathStyleS3ClientBuilderFactory}.
 */
public final class PathStyleS3ClientBuilderFactory implements S3ClientBuilderFactory {
  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    return new DefaultS3ClientBuilderFactory().createBuilder(options).forcePathStyle(true);
  }
}

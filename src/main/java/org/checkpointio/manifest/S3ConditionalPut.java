package org.checkpointio.manifest;

import java.io.IOException;
import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.InstanceBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Creates an S3 object only if its key is free: a PUT with {@code If-None-Match: *}, which S3 (and
 * S3-compatible servers that support conditional writes) refuse with 412 when the key exists, or
 * 409 when another conditional PUT of it is in flight. Made with an S3 client built as Beam's S3
 * file system builds its own, from the pipeline's {@link S3Options}. Only loaded for s3:// roots.
 */
final class S3ConditionalPut {
  private S3ConditionalPut() {}

  /** Returns true if this call created {@code target}, false if the key was taken. */
  static boolean putIfAbsent(PipelineOptions options, ResourceId target, byte[] bytes)
      throws IOException {
    String uri = target.toString(); // s3://bucket/key
    int slash = uri.indexOf('/', "s3://".length());
    String bucket = uri.substring("s3://".length(), slash);
    String key = uri.substring(slash + 1);
    S3Options s3Options = options.as(S3Options.class);
    S3ClientBuilderFactory factory =
        InstanceBuilder.ofType(S3ClientBuilderFactory.class)
            .fromClass(s3Options.getS3ClientFactoryClass())
            .build();
    try (S3Client s3 = factory.createBuilder(s3Options).build()) {
      s3.putObject(
          put ->
              put.bucket(bucket)
                  .key(key)
                  .contentType("application/json")
                  .overrideConfiguration(header -> header.putHeader("If-None-Match", "*")),
          RequestBody.fromBytes(bytes));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 412 || e.statusCode() == 409) {
        return false;
      }
      throw new IOException("Cannot create " + target + ": " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("Cannot create " + target + ": " + e.getMessage(), e);
    }
  }
}

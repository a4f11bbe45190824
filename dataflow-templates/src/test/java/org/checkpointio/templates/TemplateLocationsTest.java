package org.checkpointio.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/**
 * The locations a template takes: gs:// always, a local path only where the job runs in this JVM
 * (the DirectRunner); anything else is refused with the parameter, the value and a gs:// example.
 */
class TemplateLocationsTest {
  private static final String EXAMPLE = "gs://my-bucket/checkpoints";

  private static PipelineOptions runner(String runner) {
    return PipelineOptionsFactory.fromArgs("--runner=" + runner).create();
  }

  private static String refusal(String location, PipelineOptions options) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> TemplateLocations.checkServed("checkpointRoot", location, EXAMPLE, options))
        .getMessage();
  }

  @Test
  void takesCloudStorageOnEveryRunner() {
    for (String runner : new String[] {"DirectRunner", "DataflowRunner"}) {
      TemplateLocations.checkServed("checkpointRoot", "gs://b", EXAMPLE, runner(runner));
      TemplateLocations.checkServed("checkpointRoot", "gs://b/c/d", EXAMPLE, runner(runner));
    }
  }

  @Test
  void takesALocalPathOnlyOnTheDirectRunner() {
    for (String local : new String[] {"/data/checkpoints", "data", "file:///data/checkpoints"}) {
      TemplateLocations.checkServed("checkpointRoot", local, EXAMPLE, runner("DirectRunner"));
      assertEquals(
          "checkpointRoot '"
              + local
              + "' is a local path, which Dataflow's workers cannot read: pass a Cloud Storage"
              + " URI gs://BUCKET/PATH, e.g. --checkpointRoot=gs://my-bucket/checkpoints",
          refusal(local, runner("DataflowRunner")));
    }
  }

  @Test
  void refusesOtherSchemesAndABucketlessGsUriOnEveryRunner() {
    for (String runner : new String[] {"DirectRunner", "DataflowRunner"}) {
      assertEquals(
          "checkpointRoot 's3://my-bucket/checkpoints' is on s3://, but the templates jar holds"
              + " only the gs:// file system (Cloud Storage): pass a Cloud Storage URI"
              + " gs://BUCKET/PATH, e.g. --checkpointRoot=gs://my-bucket/checkpoints",
          refusal("s3://my-bucket/checkpoints", runner(runner)));
      assertEquals(
          "checkpointRoot 'hdfs://namenode/checkpoints' is on hdfs://, but the templates jar"
              + " holds only the gs:// file system (Cloud Storage): pass a Cloud Storage URI"
              + " gs://BUCKET/PATH, e.g. --checkpointRoot=gs://my-bucket/checkpoints",
          refusal("hdfs://namenode/checkpoints", runner(runner)));
      assertEquals(
          "checkpointRoot 'gs:///checkpoints' is a gs:// URI without a bucket: pass a Cloud"
              + " Storage URI gs://BUCKET/PATH, e.g. --checkpointRoot=gs://my-bucket/checkpoints",
          refusal("gs:///checkpoints", runner(runner)));
    }
  }
}

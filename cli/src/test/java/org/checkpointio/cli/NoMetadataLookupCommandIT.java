package org.checkpointio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command on a local root asks no cloud metadata service anything and opens no connection: the
 * jar runs with the EC2 and GCE metadata services and the HTTP and HTTPS proxies all pointed at a
 * {@link RequestRecorder} on 127.0.0.1, and without anything that would spare the SDKs a look-up
 * (an AWS region, profile or credentials; Google credentials; EC2 metadata disabled). Any request
 * for a region, a project, credentials or an object lands there. The jar used to ask the EC2
 * metadata service for a region on every command, whatever the root.
 */
class NoMetadataLookupCommandIT {
  /** Inherited variables that would answer a look-up before it is made, or switch it off. */
  private static final List<String> SPARING_A_LOOKUP =
      List.of(
          "AWS_REGION",
          "AWS_DEFAULT_REGION",
          "AWS_PROFILE",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_ROLE_ARN",
          "AWS_WEB_IDENTITY_TOKEN_FILE",
          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
          "AWS_CONTAINER_CREDENTIALS_FULL_URI",
          "AWS_EC2_METADATA_DISABLED",
          "GOOGLE_APPLICATION_CREDENTIALS",
          "GOOGLE_CLOUD_PROJECT",
          CheckpointRoot.OPTIONS_VARIABLE);

  @TempDir Path root;
  @TempDir Path home;

  /** The jar's JVM, with every metadata service and proxy at {@code recorder}. */
  private CheckpointProcess.Launch everyLookupGoesTo(RequestRecorder recorder) {
    String port = String.valueOf(recorder.port());
    CheckpointProcess.Launch launch =
        CheckpointProcess.Launch.PLAIN
            .withEnvironment(
                "AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://" + recorder.hostAndPort())
            .withEnvironment("GCE_METADATA_HOST", recorder.hostAndPort())
            .withEnvironment("GCE_METADATA_IP", recorder.hostAndPort())
            // No profile, credentials file or gcloud configuration of this machine's user.
            .withEnvironment("AWS_CONFIG_FILE", home.resolve("aws-config").toString())
            .withEnvironment("AWS_SHARED_CREDENTIALS_FILE", home.resolve("aws-keys").toString())
            .withEnvironment("CLOUDSDK_CONFIG", home.resolve("gcloud").toString())
            .withJvmOption("-Duser.home=" + home)
            .withJvmOption("-Dhttp.proxyHost=127.0.0.1")
            .withJvmOption("-Dhttp.proxyPort=" + port)
            .withJvmOption("-Dhttps.proxyHost=127.0.0.1")
            .withJvmOption("-Dhttps.proxyPort=" + port);
    for (String variable : SPARING_A_LOOKUP) {
      launch = launch.withoutEnvironment(variable);
    }
    return launch;
  }

  @Test
  void noCommandOnALocalRootLooksAnythingUp() throws Exception {
    new LocalTrees(root, Instant.now()).threeTrees();
    String local = root.toString();
    List<List<String>> commands =
        List.of(
            List.of("ls", local),
            List.of("ls", local, "--json"),
            List.of("show", local, "--correlation", "wf-7", "customers", "--json"),
            List.of("sweep", local, "--older-than", "72h", "--dry-run"),
            List.of("rm", local, "--run", "crashed", "--yes"));
    try (RequestRecorder recorder = RequestRecorder.start()) {
      CheckpointProcess.Launch launch = everyLookupGoesTo(recorder);
      for (List<String> command : commands) {
        CheckpointProcess.Result result = launch.run(command.toArray(String[]::new));
        assertEquals(List.of(), recorder.requests(), String.join(" ", command));
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(List.of(), result.err(), result.describe());
      }
    }
  }

  /** The recorder does see look-ups: an s3:// root needs a region, which it asks for. */
  @Test
  void anS3RootsRegionIsLookedUpAtTheRecorder() throws Exception {
    try (RequestRecorder recorder = RequestRecorder.start()) {
      CheckpointProcess.Result ls =
          everyLookupGoesTo(recorder).run("ls", "s3://no-such-bucket/checkpoints");
      assertEquals(2, ls.exitCode(), ls.describe());
      List<String> requests = recorder.requests();
      assertTrue(
          requests.contains("PUT /latest/api/token HTTP/1.1"),
          "an EC2 metadata token, to ask for a region: " + requests + "; " + ls.describe());
    }
  }
}

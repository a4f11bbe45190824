package org.checkpointio.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fat jar each Dockerfile copies: it exists where the Dockerfile says, holds the main class the
 * Dockerfile names with Beam's services merged (gs:// and the Dataflow runner), and that main
 * starts from the jar alone and rejects missing parameters with Beam's message. The README's
 * {@code gcloud dataflow flex-template build} on the Java 17 base image builds from the same jar,
 * with the Dockerfile's main class and Java options.
 */
class TemplatesJarIT {
  private static final Path JAR = Path.of(System.getProperty("templates.jar"));
  private static final Path DIR = Path.of(System.getProperty("templates.dir"));

  private static String env(String dockerfile, String name) {
    Matcher value = Pattern.compile("(?m)^ENV " + name + "=\"([^\"]+)\"$").matcher(dockerfile);
    assertTrue(value.find(), name + " not set in Dockerfile");
    return value.group(1);
  }

  /** The value of {@code --env NAME=VALUE} in the README's build command, or null. */
  private static String buildEnv(String readme, String name) {
    Matcher value = Pattern.compile("(?m)^  --env " + name + "=(\\S+)( \\\\)?$").matcher(readme);
    return value.find() ? value.group(1) : null;
  }

  private static String service(ZipFile jar, String name) throws IOException {
    return new String(
        jar.getInputStream(jar.getEntry("META-INF/services/" + name)).readAllBytes(),
        StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"checkpoint-cleanup", "checkpoint-export"})
  void theDockerfileCopiesThisJarAndNamesAMainClassInIt(String template) throws Exception {
    String dockerfile = Files.readString(DIR.resolve(template).resolve("Dockerfile"));
    assertTrue(
        dockerfile.contains(
            "FROM gcr.io/dataflow-templates-base/java17-template-launcher-base:latest"),
        dockerfile);
    assertTrue(
        dockerfile.contains(
            "COPY target/" + JAR.getFileName() + " ${WORKDIR}/" + JAR.getFileName()),
        dockerfile);
    assertEquals(
        "${WORKDIR}/" + JAR.getFileName(), env(dockerfile, "FLEX_TEMPLATE_JAVA_CLASSPATH"));
    String mainClass = env(dockerfile, "FLEX_TEMPLATE_JAVA_MAIN_CLASS");

    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      assertNotNull(jar.getEntry(mainClass.replace('.', '/') + ".class"), mainClass);
      String fileSystems = service(jar, "org.apache.beam.sdk.io.FileSystemRegistrar");
      assertTrue(
          fileSystems.contains("org.apache.beam.sdk.io.LocalFileSystemRegistrar"), fileSystems);
      assertTrue(
          fileSystems.contains("org.apache.beam.sdk.extensions.gcp.storage.GcsFileSystemRegistrar"),
          fileSystems);
      String runners = service(jar, "org.apache.beam.sdk.runners.PipelineRunnerRegistrar");
      assertTrue(
          runners.contains("org.apache.beam.runners.dataflow.DataflowPipelineRegistrar"), runners);
    }

    Process process =
        new ProcessBuilder("java", "-Xmx512m", "-cp", JAR.toString(), mainClass, "--runId=x")
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), output);
    assertEquals(1, process.exitValue(), output);
    assertTrue(output.contains("Missing required value for [--checkpointRoot"), output);
    assertTrue(
        List.of(output.split("\n")).stream().anyMatch(l -> l.contains("IllegalArgumentException")),
        output);
  }

  @ParameterizedTest
  @ValueSource(strings = {"checkpoint-cleanup", "checkpoint-export"})
  void theReadmeBuildsOnTheJava17BaseImageFromThisJarAsTheDockerfileDoes(String template)
      throws IOException {
    String dockerfile = Files.readString(DIR.resolve(template).resolve("Dockerfile"));
    String readme = Files.readString(DIR.resolve(template).resolve("README.md"));
    String build =
        "gcloud dataflow flex-template build \"gs://$BUCKET/templates/" + template + ".json\" \\\n"
            + "  --image-gcr-path \"$IMAGE\" \\\n"
            + "  --sdk-language JAVA \\\n"
            + "  --flex-template-base-image JAVA17 \\\n"
            + "  --metadata-file dataflow-templates/" + template + "/metadata.json \\\n"
            + "  --jar dataflow-templates/target/" + JAR.getFileName() + " \\\n"
            + "  --env FLEX_TEMPLATE_JAVA_MAIN_CLASS=";
    assertTrue(readme.contains(build), readme);
    assertEquals(
        env(dockerfile, "FLEX_TEMPLATE_JAVA_MAIN_CLASS"),
        buildEnv(readme, "FLEX_TEMPLATE_JAVA_MAIN_CLASS"));
    Matcher options =
        Pattern.compile("(?m)^ENV FLEX_TEMPLATE_JAVA_OPTIONS=\"([^\"]+)\"$").matcher(dockerfile);
    assertEquals(
        options.find() ? options.group(1) : null, buildEnv(readme, "FLEX_TEMPLATE_JAVA_OPTIONS"));
    assertTrue(readme.contains("gcloud dataflow flex-template run"), readme);
  }
}

package org.checkpointio.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystemRegistrar;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.common.ReflectHelpers;

/**
 * Sets up Beam's file systems for a root of one scheme, leaving out those of Google Cloud Storage
 * and Amazon S3 unless the root is theirs.
 *
 * <p>Given options, Beam sets up every file system whose registrar it finds on the classpath. S3's
 * set-up builds an S3 client builder at once, and with no {@code --awsRegion} the AWS SDK looks for
 * a region, outside AWS by asking the EC2 metadata service: a request, and seconds, on every
 * command, whatever the root. So the registrar of each cloud file system is listed to Beam only for
 * a root of its scheme; every other registrar (the local file system's, any the operator adds to
 * the classpath) always is.
 */
final class RegisterFileSystems {
  private static final String SERVICES = "META-INF/services/" + FileSystemRegistrar.class.getName();

  /** The registrars left out for a root of another scheme, by the scheme they serve. */
  private static final Map<String, String> CLOUD_REGISTRARS =
      Map.of(
          "gs", "org.apache.beam.sdk.extensions.gcp.storage.GcsFileSystemRegistrar",
          "s3", "org.apache.beam.sdk.io.aws2.s3.S3FileSystemRegistrar");

  private RegisterFileSystems() {}

  /**
   * {@link FileSystems#setDefaultPipelineOptions} with only the registrars a root of {@code scheme}
   * needs: Beam finds registrars through the thread's context class loader.
   */
  static void forScheme(String scheme, PipelineOptions options) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(new ListedRegistrars(ReflectHelpers.findClassLoader(), scheme));
    try {
      FileSystems.setDefaultPipelineOptions(options);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Loads every class and resource as its parent does, but lists only the wanted registrars. */
  private static final class ListedRegistrars extends ClassLoader {
    private final String scheme;

    ListedRegistrars(ClassLoader parent, String scheme) {
      super(parent);
      this.scheme = scheme;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      Enumeration<URL> found = super.getResources(name);
      if (!name.equals(SERVICES)) {
        return found;
      }
      StringBuilder listed = new StringBuilder();
      for (URL services : Collections.list(found)) {
        try (InputStream in = services.openStream()) {
          for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
            String registrar = line.replaceFirst("#.*", "").strip();
            if (!registrar.isEmpty() && wanted(registrar)) {
              listed.append(registrar).append('\n');
            }
          }
        }
      }
      return Collections.enumeration(
          Collections.singletonList(inMemory(listed.toString().getBytes(StandardCharsets.UTF_8))));
    }

    private boolean wanted(String registrar) {
      return CLOUD_REGISTRARS.entrySet().stream()
          .noneMatch(e -> e.getValue().equals(registrar) && !e.getKey().equals(scheme));
    }
  }

  /** A URL that reads {@code content}: the services file ServiceLoader reads instead. */
  private static URL inMemory(byte[] content) throws IOException {
    return new URL(
        null,
        "checkpoint-registrars:" + SERVICES,
        new URLStreamHandler() {
          @Override
          protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
              @Override
              public void connect() {}

              @Override
              public InputStream getInputStream() {
                return new ByteArrayInputStream(content);
              }
            };
          }
        });
  }
}

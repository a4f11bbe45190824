package org.checkpointio.manifest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.checkpointio.files.StoredFiles;
import org.checkpointio.layout.CheckpointPaths;

/** Reads manifests, and commits them so that they appear atomically on every file system. */
public final class ManifestFiles {
  /**
   * Schemes whose single-object upload is atomic: the object becomes visible only whole, so the
   * manifest is written in place. Elsewhere it is written beside and moved over the target.
   */
  private static final Set<String> ATOMIC_UPLOAD_SCHEMES = Set.of("gs", "s3");

  private ManifestFiles() {}

  /** The manifest at {@code file}, or empty if there is none. */
  public static Optional<Manifest> read(ResourceId file) throws IOException {
    // Ask whether it exists first: file systems differ in what opening a missing file throws
    // (Beam's S3 file system throws the SDK's unchecked NoSuchKeyException).
    if (StoredFiles.find(file).isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes;
    try (InputStream in = Channels.newInputStream(FileSystems.open(file))) {
      bytes = in.readAllBytes();
    } catch (FileNotFoundException | NoSuchFileException e) {
      return Optional.empty(); // deleted since the match
    }
    try {
      return Optional.of(ManifestJson.fromJson(new String(bytes, StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      throw new IOException("Manifest " + file + " is unreadable: " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code manifest} to {@code target} so that readers see either the previous manifest
   * whole or this one whole.
   */
  public static void commit(Manifest manifest, ResourceId target) throws IOException {
    byte[] json = ManifestJson.toJson(manifest).getBytes(StandardCharsets.UTF_8);
    if (ATOMIC_UPLOAD_SCHEMES.contains(target.getScheme())) {
      write(target, json);
      return;
    }
    ResourceId staged =
        target
            .getCurrentDirectory()
            .resolve(
                CheckpointPaths.STAGED_PREFIX + manifest.writeId() + "-" + target.getFilename(),
                StandardResolveOptions.RESOLVE_FILE);
    write(staged, json);
    FileSystems.rename(List.of(staged), List.of(target));
  }

  private static void write(ResourceId file, byte[] bytes) throws IOException {
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(file, MimeTypes.TEXT))) {
      out.write(bytes);
    }
  }
}

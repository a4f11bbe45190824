package org.checkpointio.manifest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.CreateOptions.StandardCreateOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.MimeTypes;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkpointio.CheckpointCorruptedException;
import org.checkpointio.files.StoredFiles;
import org.checkpointio.layout.CheckpointPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and validates manifests, and creates them: a manifest file is created once, whole, and
 * only if no file of its name exists — the compare-and-swap of an exclusive commit. Each store's
 * own primitive makes that atomic:
 *
 * <ul>
 *   <li>local file systems: the manifest is written beside its place and hard-linked into it,
 *       which fails if the name exists;
 *   <li>{@code gs://}: an upload with the precondition "does not exist" ({@code
 *       ifGenerationMatch=0});
 *   <li>{@code s3://}: a PUT with {@code If-None-Match: *} (S3 conditional writes), made with the
 *       S3 client Beam's S3 file system would build from the pipeline options;
 *   <li>other file systems, and callers without pipeline options: Beam's file systems offer no
 *       conditional write, so the name is checked just before the upload; two commits within that
 *       moment can both succeed (the later upload wins).
 * </ul>
 */
public final class ManifestFiles {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestFiles.class);

  private ManifestFiles() {}

  /**
   * The manifest at {@code file}, validated, or empty if there is none.
   *
   * @throws CheckpointCorruptedException if it is unreadable, invalid, or belongs to another
   *     checkpoint than {@code paths}; the message names the file
   * @throws IOException if the store cannot be read
   */
  public static Optional<Manifest> read(ResourceId file, CheckpointPaths paths)
      throws IOException {
    Optional<Manifest> manifest = read(file);
    if (manifest.isPresent()) {
      Manifest found = manifest.get();
      if (!found.name().equals(paths.name())
          || found.scope() != paths.tree().scope()
          || !found.id().equals(paths.tree().id())) {
        throw unreadable(
            file,
            String.format(
                "it belongs to checkpoint '%s' (%s %s), not to '%s' (%s %s)",
                found.name(),
                found.scope(),
                found.id(),
                paths.name(),
                paths.tree().scope(),
                paths.tree().id()),
            null);
      }
    }
    return manifest;
  }

  /** The manifest at {@code file}, validated, or empty if there is none. */
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
      return Optional.empty(); // deleted since it was found
    }
    try {
      return Optional.of(ManifestJson.fromJson(new String(bytes, StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      throw unreadable(file, e.getMessage(), e);
    }
  }

  private static CheckpointCorruptedException unreadable(
      ResourceId file, String why, @Nullable Throwable cause) {
    return new CheckpointCorruptedException(
        file.toString(),
        String.format(
            "Manifest %s is unreadable: %s. Re-run the write of this checkpoint: an exclusive"
                + " write replaces it.",
            file, why),
        cause);
  }

  /**
   * Creates {@code target} holding {@code manifest}, whole, unless a file of that name exists.
   *
   * @param options the pipeline's options, from which an s3:// commit builds its S3 client; null
   *     outside a pipeline, where s3:// falls back to checking the name before the upload
   * @return true if this call created it; false if the name was taken
   */
  public static boolean createIfAbsent(
      Manifest manifest, ResourceId target, @Nullable PipelineOptions options)
      throws IOException {
    byte[] json = ManifestJson.toJson(manifest).getBytes(StandardCharsets.UTF_8);
    switch (target.getScheme()) {
      case "file":
        return linkIntoPlace(manifest, target, json);
      case "gs":
        return uploadIfAbsent(target, json);
      case "s3":
        if (options != null) {
          return S3ConditionalPut.putIfAbsent(options, target, json);
        }
        return checkThenWrite(manifest, target, json);
      default:
        return checkThenWrite(manifest, target, json);
    }
  }

  /** As {@link #createIfAbsent(Manifest, ResourceId, PipelineOptions)}, for tools and tests. */
  public static boolean createIfAbsent(Manifest manifest, ResourceId target) throws IOException {
    return createIfAbsent(manifest, target, null);
  }

  private static boolean linkIntoPlace(Manifest manifest, ResourceId target, byte[] json)
      throws IOException {
    Path place = Paths.get(target.toString());
    Path staged = place.resolveSibling(stagedName(manifest, target));
    Files.createDirectories(place.getParent());
    try (FileChannel channel =
        FileChannel.open(
            staged,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(json));
      channel.force(true);
    }
    try {
      Files.createLink(place, staged);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException e) {
      // No hard links on this file system: a move that refuses to replace, checked just before.
      LOG.warn("No hard links under {}; committing {} by a move instead", place.getParent(), place);
      try {
        Files.move(staged, place);
        return true;
      } catch (FileAlreadyExistsException taken) {
        return false;
      }
    } finally {
      Files.deleteIfExists(staged);
    }
  }

  private static boolean uploadIfAbsent(ResourceId target, byte[] json) throws IOException {
    try {
      write(
          target,
          json,
          StandardCreateOptions.builder()
              .setMimeType(MimeTypes.TEXT)
              .setExpectFileToNotExist(true)
              .build());
      return true;
    } catch (IOException e) {
      if (StoredFiles.find(target).isPresent()) {
        return false; // the precondition failed: another commit created it first
      }
      throw e;
    }
  }

  private static boolean checkThenWrite(Manifest manifest, ResourceId target, byte[] json)
      throws IOException {
    if (StoredFiles.find(target).isPresent()) {
      return false;
    }
    if ("s3".equals(target.getScheme())) {
      write(target, json, StandardCreateOptions.builder().setMimeType(MimeTypes.TEXT).build());
      return true; // a single PUT appears whole
    }
    ResourceId staged =
        target
            .getCurrentDirectory()
            .resolve(stagedName(manifest, target), StandardResolveOptions.RESOLVE_FILE);
    write(staged, json, StandardCreateOptions.builder().setMimeType(MimeTypes.TEXT).build());
    FileSystems.rename(List.of(staged), List.of(target));
    return true;
  }

  private static String stagedName(Manifest manifest, ResourceId target) {
    return CheckpointPaths.STAGED_PREFIX + manifest.writeId() + "-" + target.getFilename();
  }

  private static void write(ResourceId file, byte[] bytes, StandardCreateOptions options)
      throws IOException {
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(file, options))) {
      out.write(bytes);
    }
  }
}

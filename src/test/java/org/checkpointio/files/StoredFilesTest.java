package org.checkpointio.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Local files are found by literal path, and links are entries of their own, never followed. */
class StoredFilesTest {
  @TempDir Path dir;

  private Path file(String path, String content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private static ResourceId directory(Path path) {
    return FileSystems.matchNewResource(path.toString(), true);
  }

  private List<String> names(List<MatchResult.Metadata> files) {
    return files.stream()
        .map(file -> dir.relativize(Path.of(file.resourceId().toString())).toString())
        .sorted()
        .toList();
  }

  @Test
  void aTreeListsLinksAsFilesWithTheirOwnSizeAndNeverEntersThem() throws IOException {
    file("outside/precious/a.txt", "precious a");
    Path target = file("outside/b.txt", "precious b, longer than a link path could be ........");
    file("tree/x/part-1", "shard");
    Files.createSymbolicLink(dir.resolve("tree/x/to-dir"), dir.resolve("outside/precious"));
    Files.createSymbolicLink(dir.resolve("tree/to-file"), target);

    List<MatchResult.Metadata> files = StoredFiles.listTree(directory(dir.resolve("tree")));

    assertEquals(List.of("tree/to-file", "tree/x/part-1", "tree/x/to-dir"), names(files));
    long linkSize =
        files.stream()
            .filter(file -> file.resourceId().getFilename().equals("to-file"))
            .findFirst()
            .orElseThrow()
            .sizeBytes();
    assertEquals(target.toString().length(), linkSize, "the link's own size, not its target's");
  }

  @Test
  void aTreeThatIsALinkIsOneEntryAndDeletingItLeavesTheTarget() throws IOException {
    file("outside/precious.txt", "precious");
    Files.createDirectories(dir.resolve("root/runs"));
    Files.createSymbolicLink(dir.resolve("root/runs/r1"), dir.resolve("outside"));

    List<MatchResult.Metadata> files =
        StoredFiles.listTree(directory(dir.resolve("root/runs/r1")));
    assertEquals(List.of("root/runs/r1"), names(files));

    StoredFiles.delete(List.of(files.get(0).resourceId()));
    assertFalse(Files.exists(dir.resolve("root/runs/r1"), LinkOption.NOFOLLOW_LINKS));
    assertEquals("precious", Files.readString(dir.resolve("outside/precious.txt")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"g[1]|g1", "w?x|wZx", "st*r|stABCr", "c{1,2}|c1", "b\\x|bx", "p%41|pA"})
  void rootsWithGlobCharactersAreLiteralNames(String root, String sibling) throws IOException {
    file(sibling + "/runs/r1/x/manifest.json", "sibling's");
    file(sibling + "/runs/r1/x/part-a", "sibling's shard");

    assertEquals(List.of(), StoredFiles.listTree(directory(dir.resolve(root + "/runs/r1"))));
    ResourceId manifest =
        FileSystems.matchNewResource(dir.resolve(root + "/runs/r1/x/manifest.json").toString(), false);
    assertTrue(StoredFiles.find(manifest).isEmpty(), "found the sibling's manifest");
    StoredFiles.delete(List.of(manifest));
    assertEquals("sibling's", Files.readString(dir.resolve(sibling + "/runs/r1/x/manifest.json")));

    file(root + "/runs/r1/x/manifest.json", "own");
    assertEquals(
        List.of(root + "/runs/r1/x/manifest.json"),
        names(StoredFiles.listTree(directory(dir.resolve(root + "/runs/r1")))));
    assertEquals(
        List.of(root + "/runs/r1/x/manifest.json"),
        names(StoredFiles.listDirectory(directory(dir.resolve(root + "/runs/r1/x")))));
  }

  @Test
  void aDirectoryListsItsFilesAndLinksButNotItsSubdirectories() throws IOException {
    file("x/manifest.json", "m");
    file("x/.tmp-w/part", "t");
    Files.createSymbolicLink(dir.resolve("x/part-link"), dir.resolve("x/.tmp-w"));
    assertEquals(
        List.of("x/manifest.json", "x/part-link"),
        names(StoredFiles.listDirectory(directory(dir.resolve("x")))));
  }

  @Test
  void emptyDirectoriesGoBottomUpWithoutEnteringLinks() throws IOException {
    file("outside/keep/deep.txt", "keep");
    Files.createDirectories(dir.resolve("tree/a/b/c"));
    Files.createDirectories(dir.resolve("outside/empty"));
    Files.createSymbolicLink(dir.resolve("tree/a/empty-link"), dir.resolve("outside/empty"));
    Files.delete(dir.resolve("tree/a/empty-link"));

    StoredFiles.removeEmptyDirectories(directory(dir.resolve("tree")));

    assertFalse(Files.exists(dir.resolve("tree")));
    assertTrue(Files.isDirectory(dir.resolve("outside/empty")));
  }

  @Test
  void aRootOnAnotherFileSystemMayNotHoldGlobCharacters() {
    for (String scheme : List.of("file", "gs", "s3")) {
      StoredFiles.checkLiteralRoot("x://b/g[1]", scheme); // listed literally there
    }
    StoredFiles.checkLiteralRoot("hdfs://nn/data/g1", "hdfs");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StoredFiles.checkLiteralRoot("hdfs://nn/data/g[1]", "hdfs"));
    assertTrue(
        e.getMessage().startsWith("Invalid checkpoint root 'hdfs://nn/data/g[1]': on hdfs://"),
        e.getMessage());
  }
}

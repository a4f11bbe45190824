package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules, read from the sources' import lines: the face in {@code org.checkpointio},
 * the cross-language providers in {@code org.checkpointio.providers} on top of it, internals below
 * both marked so, and layers that only look down.
 */
class ArchitectureTest {
  private static final Path SOURCES = Path.of("src/main/java/org/checkpointio");

  /** The root types that are transforms or tools, which no internal package may use. */
  private static final Set<String> FACE =
      Set.of(
          "CheckpointIO",
          "CheckpointLauncher",
          "CheckpointStore",
          "CheckpointWriteResult",
          "CheckpointOptions",
          "CheckpointOptionsRegistrar");

  /**
   * Public packages besides the root: {@code providers} serves the face's transforms to other SDKs
   * and Beam YAML, so its identifiers and configurations are a promise like the face's.
   */
  private static final Set<String> PUBLIC_SUB_PACKAGES = Set.of("providers");

  private static boolean isInternal(String packagePath) {
    return !packagePath.isEmpty() && !PUBLIC_SUB_PACKAGES.contains(packagePath);
  }

  private record Source(String packagePath, String file, List<String> imports) {}

  private static List<Source> sources() throws IOException {
    assertTrue(Files.isDirectory(SOURCES), "run from the library's directory: " + SOURCES);
    List<Source> sources = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
        List<String> imports =
            Files.readAllLines(file).stream()
                .filter(line -> line.startsWith("import org.checkpointio."))
                .map(line -> line.substring("import ".length(), line.length() - 1))
                .toList();
        String packagePath = SOURCES.relativize(file.getParent()).toString();
        sources.add(new Source(packagePath, SOURCES.relativize(file).toString(), imports));
      }
    }
    return sources;
  }

  private static void assertNone(List<String> violations, String rule) {
    assertEquals(List.of(), violations, rule);
  }

  /**
   * The command line, the Flex Templates and the samples (their main sources) use only the face
   * and the store, the root package, as a user's code would: never an internal package.
   */
  @Test
  void toolsUseOnlyTheFaceAndTheStore() throws IOException {
    List<String> violations = new ArrayList<>();
    int files = 0;
    for (Path tool : List.of(Path.of("cli"), Path.of("dataflow-templates"), Path.of("samples"))) {
      try (Stream<Path> walk = Files.walk(tool)) {
        for (Path file :
            walk.filter(p -> p.toString().endsWith(".java"))
                .filter(p -> p.toString().contains("/src/main/java/"))
                .toList()) {
          files++;
          for (String line : Files.readAllLines(file)) {
            if (line.matches("import org\\.checkpointio\\.[a-z].*")
                && !line.matches(
                    "import org\\.checkpointio\\.(cli|templates|samples)(\\.[a-z]\\w*)*\\.[A-Z].*")) {
              violations.add(file + ": " + line);
            }
          }
        }
      }
    }
    assertTrue(files > 20, "found only " + files + " tool sources; run from the project's root");
    assertNone(violations, "tools must import only the face and the store (org.checkpointio.*)");
  }

  @Test
  void internalPackagesUseOnlyTheRootVocabularyNeverTheFace() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Source source : sources()) {
      if (!isInternal(source.packagePath())) {
        continue;
      }
      for (String imported : source.imports()) {
        String simpleName = imported.substring(imported.lastIndexOf('.') + 1);
        boolean root = imported.equals("org.checkpointio." + simpleName);
        if (root && FACE.contains(simpleName)) {
          violations.add(source.file() + " imports " + imported);
        }
      }
    }
    assertNone(violations, "internal packages must not use the face's transforms and tools");
  }

  @Test
  void formatsKnowFilesAndSchemasNotLayoutsOrManifests() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Source source : sources()) {
      if (source.packagePath().startsWith("format")) {
        for (String imported : source.imports()) {
          if (imported.startsWith("org.checkpointio.layout.")
              || imported.startsWith("org.checkpointio.manifest.")) {
            violations.add(source.file() + " imports " + imported);
          }
        }
      }
    }
    assertNone(violations, "format/ imports neither layout/ nor manifest/");
  }

  @Test
  void storedFilesAreTheBottomLayer() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Source source : sources()) {
      if (source.packagePath().equals("files")) {
        for (String imported : source.imports()) {
          if (!imported.startsWith("org.checkpointio.files.")) {
            violations.add(source.file() + " imports " + imported);
          }
        }
      }
    }
    assertNone(violations, "files/ imports nothing else of the library");
  }

  @Test
  void everyPackageIsDescribedAndEverySubPackageIsMarkedInternal() throws IOException {
    List<String> violations = new ArrayList<>();
    for (String packagePath : sources().stream().map(Source::packagePath).distinct().toList()) {
      Path info = SOURCES.resolve(packagePath).resolve("package-info.java");
      if (!Files.exists(info)) {
        violations.add(packagePath + " has no package-info.java");
      } else if (isInternal(packagePath) && !Files.readString(info).contains("@Internal")) {
        violations.add(packagePath + "/package-info.java is not marked @Internal");
      } else if (!isInternal(packagePath) && Files.readString(info).contains("@Internal")) {
        violations.add(packagePath + "/package-info.java is public but marked @Internal");
      }
    }
    assertNone(
        violations,
        "package-info.java in every package, @Internal below the root but for "
            + PUBLIC_SUB_PACKAGES);
  }

  @Test
  void nothingButTheProvidersUsesTheProviders() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Source source : sources()) {
      if (PUBLIC_SUB_PACKAGES.contains(source.packagePath())) {
        continue;
      }
      for (String imported : source.imports()) {
        if (imported.startsWith("org.checkpointio.providers.")) {
          violations.add(source.file() + " imports " + imported);
        }
      }
    }
    assertNone(violations, "providers/ is the top layer: the face and internals never use it");
  }
}

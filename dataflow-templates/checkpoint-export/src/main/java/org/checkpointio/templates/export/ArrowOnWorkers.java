package org.checkpointio.templates.export;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.SdkHarnessOptions;

/**
 * What the export's workers need to read an ARROW checkpoint on JDK 17: {@code java.nio} opened to
 * Apache Arrow. On Dataflow that is the pipeline option {@code --jdkAddOpenModules} (declared by
 * Beam's {@link SdkHarnessOptions} and by {@code DataflowPipelineOptions}, one property), which
 * the worker turns into {@code --add-opens}. The export sets it itself, since a template's user
 * does not know a checkpoint's format, nor that one needs a JVM flag.
 */
final class ArrowOnWorkers {
  /** The module entry: {@code --add-opens=java.base/java.nio=ALL-UNNAMED} on the worker JVM. */
  static final String JAVA_NIO = "java.base/java.nio=ALL-UNNAMED";

  private ArrowOnWorkers() {}

  /** Adds {@link #JAVA_NIO} to {@code --jdkAddOpenModules}, keeping any entries the user gave. */
  static void openJavaNio(PipelineOptions options) {
    SdkHarnessOptions harness = options.as(SdkHarnessOptions.class);
    List<String> modules = new ArrayList<>();
    if (harness.getJdkAddOpenModules() != null) {
      modules.addAll(harness.getJdkAddOpenModules());
    }
    if (!modules.contains(JAVA_NIO)) {
      modules.add(JAVA_NIO);
      harness.setJdkAddOpenModules(modules);
    }
  }
}

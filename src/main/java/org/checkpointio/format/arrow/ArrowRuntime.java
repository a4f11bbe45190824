package org.checkpointio.format.arrow;

import java.nio.Buffer;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What Apache Arrow needs of the JVM: on JDK 17 it reads the address of direct buffers, which
 * takes {@code java.nio} opened to it. Without that, its first allocation fails deep in a bundle,
 * after a file was created; this check comes first and says what to pass.
 */
final class ArrowRuntime {
  static final String ADD_OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED";

  private ArrowRuntime() {}

  /**
   * @throws IllegalStateException if {@code java.nio} is not open to Arrow in this JVM, saying how
   *     to open it on each runner
   */
  static void check() {
    if (!Buffer.class.getModule().isOpen("java.nio", BufferAllocator.class.getModule())) {
      throw new IllegalStateException(
          "ARROW checkpoints need the JVM option "
              + ADD_OPENS
              + " on every JVM that writes or reads them (Apache Arrow reads the address of"
              + " direct buffers), and this JVM was started without it. Pass it to the JVMs that"
              + " run the pipeline: for a local run (the DirectRunner, or Flink or Spark in local"
              + " mode) on the java command line, or in MAVEN_OPTS or Surefire's argLine; for the"
              + " FlinkRunner on a cluster in env.java.opts.all of the Flink configuration; for"
              + " the SparkRunner on a cluster in spark.driver.extraJavaOptions and"
              + " spark.executor.extraJavaOptions; on Dataflow as the pipeline option"
              + " --jdkAddOpenModules=java.base/java.nio=ALL-UNNAMED. Or write PARQUET.");
    }
  }
}

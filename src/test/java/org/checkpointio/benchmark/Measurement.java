package org.checkpointio.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** One timed run: seconds, peak heap during it, and bytes on disk after it. */
record Measurement(double seconds, long peakHeapBytes, long bytesOnDisk) {

  interface Run {
    void run() throws Exception;
  }

  /** Times {@code run} after a GC, sampling the used heap every few milliseconds meanwhile. */
  static Measurement of(Run run, Path output) throws Exception {
    System.gc();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong peak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    long start = System.nanoTime();
    try {
      run.run();
    } finally {
      running.set(false);
      sampler.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Measurement(seconds, peak.get(), sizeOf(output));
  }

  private static long sizeOf(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}

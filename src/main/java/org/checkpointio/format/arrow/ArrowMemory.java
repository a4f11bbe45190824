package org.checkpointio.format.arrow;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The process's one Arrow root allocator. Every shard writer and reader takes a child of its
 * own and closes it when done; closing a child that still holds memory throws, so a leak of
 * Arrow buffers fails the step that caused it instead of growing off the heap unseen.
 */
final class ArrowMemory {
  private static final BufferAllocator ROOT = new RootAllocator();

  private ArrowMemory() {}

  static BufferAllocator newAllocator(String name) {
    return ROOT.newChildAllocator(name, 0, Long.MAX_VALUE);
  }
}

/**
 * CheckpointIO: Apache Beam transforms that write a {@code PCollection} as a named checkpoint of
 * sharded Parquet or Arrow IPC files under a scoped path, read it back by name, and clean it up.
 *
 * <p>This package is the library's public face: {@link org.checkpointio.CheckpointIO} and its
 * transforms, {@link org.checkpointio.CheckpointContext}, {@link
 * org.checkpointio.CheckpointOptions}, {@link org.checkpointio.CheckpointLauncher}, and the
 * enums, results and exceptions they use. Every sub-package is internal.
 */
package org.checkpointio;

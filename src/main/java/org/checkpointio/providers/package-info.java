/**
 * CheckpointIO for Beam's cross-language expansion and Beam YAML: one {@link
 * org.apache.beam.sdk.schemas.transforms.SchemaTransformProvider} each for write, read and cleanup,
 * registered for {@link java.util.ServiceLoader}, so any expansion service with the library on its
 * classpath serves them.
 *
 * <table>
 *   <caption>Identifiers, inputs and outputs</caption>
 *   <tr><th>Provider</th><th>Identifier (URN)</th><th>Input</th><th>Output</th></tr>
 *   <tr><td>{@link org.checkpointio.providers.CheckpointWriteSchemaTransformProvider}</td>
 *       <td>{@code beam:schematransform:org.checkpointio:checkpoint_write:v1}</td>
 *       <td>{@code input}: the rows</td><td>{@code output}: one row per commit</td></tr>
 *   <tr><td>{@link org.checkpointio.providers.CheckpointReadSchemaTransformProvider}</td>
 *       <td>{@code beam:schematransform:org.checkpointio:checkpoint_read:v1}</td>
 *       <td>none</td><td>{@code output}: the checkpoint's rows</td></tr>
 *   <tr><td>{@link org.checkpointio.providers.CheckpointCleanupSchemaTransformProvider}</td>
 *       <td>{@code beam:schematransform:org.checkpointio:checkpoint_cleanup:v1}</td>
 *       <td>{@code input} (optional): a signal to wait for</td>
 *       <td>{@code output}: one row per deleted tree</td></tr>
 * </table>
 *
 * <p>Each provider only translates its configuration into the transform of {@link
 * org.checkpointio.CheckpointIO} and applies it; the transforms' guarantees and failure modes are
 * theirs. Configuration field names are snake_case, as Beam gives every typed provider's
 * configuration ({@code run_id}, {@code correlation_id}, ...). This package is public: its
 * identifiers and configuration fields are a compatibility promise, like the face's.
 */
package org.checkpointio.providers;

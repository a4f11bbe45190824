/**
 * The runnable expansion service that serves CheckpointIO's schema transforms ({@link
 * org.checkpointio.providers}) to the Python SDK and Beam YAML: {@link
 * org.checkpointio.expansion.CheckpointExpansionServer}, the main class of {@code
 * checkpointio-expansion-service.jar}.
 */
package org.checkpointio.expansion;

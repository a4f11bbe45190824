/**
 * Internal: the read path: resolving a checkpoint, pinning its shards to their manifests, verifying
 * and reading them. Nothing here is a compatibility promise; use the transforms and types of {@link
 * org.checkpointio}.
 */
@Internal
package org.checkpointio.read;

import org.apache.beam.sdk.annotations.Internal;

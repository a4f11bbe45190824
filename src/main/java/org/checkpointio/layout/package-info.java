/**
 * Internal: where things live under a root: scope trees, checkpoint directories and the names of
 * shards, manifests and temporary files. Nothing here is a compatibility promise; use the
 * transforms and types of {@link org.checkpointio}.
 */
@Internal
package org.checkpointio.layout;

import org.apache.beam.sdk.annotations.Internal;

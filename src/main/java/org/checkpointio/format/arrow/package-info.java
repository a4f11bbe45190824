/**
 * Internal: ARROW shards: Beam rows to and from Arrow IPC files through arrow-vector. Nothing here
 * is a compatibility promise; use the transforms and types of {@link org.checkpointio}.
 */
@Internal
package org.checkpointio.format.arrow;

import org.apache.beam.sdk.annotations.Internal;

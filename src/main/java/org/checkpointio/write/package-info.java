/**
 * Internal: the write path: temporary shards, their naming, the commit of a manifest, and the
 * garbage collection after it. Nothing here is a compatibility promise; use the transforms and
 * types of {@link org.checkpointio}.
 */
@Internal
package org.checkpointio.write;

import org.apache.beam.sdk.annotations.Internal;

/**
 * Internal: shard file formats: what a format supplies (a sink, a block reader, its settings), and
 * the checks every shard passes. Nothing here is a compatibility promise; use the transforms and
 * types of {@link org.checkpointio}.
 */
@Internal
package org.checkpointio.format;

import org.apache.beam.sdk.annotations.Internal;

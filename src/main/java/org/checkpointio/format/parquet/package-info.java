/**
 * Internal: PARQUET shards: Beam rows to and from Parquet files through parquet-java. Nothing here
 * is a compatibility promise; use the transforms and types of {@link org.checkpointio}.
 */
@Internal
package org.checkpointio.format.parquet;

import org.apache.beam.sdk.annotations.Internal;

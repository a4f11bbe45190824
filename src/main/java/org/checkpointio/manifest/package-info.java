/**
 * Internal: manifests: the JSON commit records of writes, how they are created once and read back
 * by the read rule. Nothing here is a compatibility promise; use the transforms and types of {@link
 * org.checkpointio}.
 */
@Internal
package org.checkpointio.manifest;

import org.apache.beam.sdk.annotations.Internal;

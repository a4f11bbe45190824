/**
 * Internal: deleting scope trees: cleanup of one run or correlation, and the sweep of trees past an
 * age. Nothing here is a compatibility promise; use the transforms and types of {@link
 * org.checkpointio}.
 */
@Internal
package org.checkpointio.cleanup;

import org.apache.beam.sdk.annotations.Internal;

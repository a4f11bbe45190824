/**
 * Internal: schema contracts of appending writers: how rows of one schema are aligned to another's.
 * Nothing here is a compatibility promise; use the transforms and types of {@link
 * org.checkpointio}.
 */
@Internal
package org.checkpointio.schema;

import org.apache.beam.sdk.annotations.Internal;

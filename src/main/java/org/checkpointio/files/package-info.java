/**
 * Internal: finding, listing and deleting stored files by their literal names, never following
 * links; the one way the library looks at storage. Nothing here is a compatibility promise; use the
 * transforms and types of {@link org.checkpointio}.
 */
@Internal
package org.checkpointio.files;

import org.apache.beam.sdk.annotations.Internal;

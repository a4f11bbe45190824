package org.checkpointio.write;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkpointio.manifest.ShardFile;

/**
 * Names the temporary shard files of a write with their final names, {@code
 * part-{writeId}-{shard}-of-{count}}, and describes them as the manifest will list them. The files
 * stay in the temporary directory: the commit moves them, so that no shard of a write that never
 * commits lies in the checkpoint's directory, where directory readers would see it.
 *
 * <p>A write has at least one shard, and a fixed-sharding write exactly its number (shard numbers
 * no row went to get an empty file), so every checkpoint's schema is also in its data files.
 *
 * <p>Idempotent: written shards are numbered in the sorted order of their temporary names, so a
 * retry names each as before.
 */
final class FinalizeShards extends DoFn<List<ShardFile>, List<PlannedShard>> {
  private final TempShardFiles files;
  private final int numShards;

  FinalizeShards(TempShardFiles files, int numShards) {
    this.files = files;
    this.numShards = numShards;
  }

  @ProcessElement
  public void process(@Element List<ShardFile> written, OutputReceiver<List<PlannedShard>> out)
      throws IOException {
    List<ShardFile> temp = new ArrayList<>(written);
    temp.sort(null);
    // Empty shards come last, so that a retry numbers the written ones as before.
    while (temp.size() < Math.max(numShards, 1)) {
      temp.add(files.create().finish());
    }
    int count = temp.size();
    List<PlannedShard> planned = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ShardFile shard = temp.get(i);
      planned.add(
          PlannedShard.of(shard.fileName(), shard.renamed(files.shard(i, count).getFilename())));
    }
    out.output(planned);
  }
}

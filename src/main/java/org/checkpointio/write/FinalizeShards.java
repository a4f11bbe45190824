package org.checkpointio.write;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkpointio.files.StoredFiles;
import org.checkpointio.manifest.ShardFile;

/**
 * Moves the temporary shard files of a write to their final names, {@code
 * part-{writeId}-{shard}-of-{count}}, and describes them as the manifest will list them.
 *
 * <p>A write has at least one shard, and a fixed-sharding write exactly its number (shard numbers
 * no row went to get an empty file), so every checkpoint's schema is also in its data files.
 *
 * <p>Idempotent: written shards are numbered in the sorted order of their temporary names, so a
 * retry maps each to the same final name, and a move whose source is gone was done before. Final
 * names carry the write's unique id, so nothing committed is overwritten.
 */
final class FinalizeShards extends DoFn<List<ShardFile>, List<ShardFile>> {
  private final TempShardFiles files;
  private final int numShards;

  FinalizeShards(TempShardFiles files, int numShards) {
    this.files = files;
    this.numShards = numShards;
  }

  @ProcessElement
  public void process(@Element List<ShardFile> written, OutputReceiver<List<ShardFile>> out)
      throws IOException {
    List<ShardFile> temp = new ArrayList<>(written);
    temp.sort(null);
    // Empty shards come last, so that a retry numbers the written ones as before.
    while (temp.size() < Math.max(numShards, 1)) {
      temp.add(files.create().finish());
    }
    int count = temp.size();
    List<ResourceId> sources = new ArrayList<>();
    List<ResourceId> targets = new ArrayList<>();
    List<ShardFile> shards = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ShardFile shard = temp.get(i);
      ResourceId source = files.file(shard.fileName());
      ResourceId target = files.shard(i, count);
      // A source that is gone was moved by an earlier attempt. (Beam's "ignore missing files"
      // would look each source up as a glob pattern.)
      if (StoredFiles.find(source).isPresent()) {
        sources.add(source);
        targets.add(target);
      }
      shards.add(ShardFile.of(target.getFilename(), shard.rowCount(), shard.sizeBytes()));
    }
    if (!sources.isEmpty()) {
      FileSystems.rename(sources, targets);
    }
    out.output(shards);
  }
}

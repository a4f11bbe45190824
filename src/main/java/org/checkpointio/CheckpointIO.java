package org.checkpointio;

import com.google.auto.value.AutoValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.transforms.Convert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.checkpointio.cleanup.DeleteScopeTree;
import org.checkpointio.cleanup.SweepExpiredTrees;
import org.checkpointio.format.FixedDecimal;
import org.checkpointio.format.ShardFormat;
import org.checkpointio.format.ShardFormats;
import org.checkpointio.format.arrow.ArrowShardFormat;
import org.checkpointio.format.parquet.ParquetShardFormat;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.layout.PathSegment;
import org.checkpointio.layout.ScopeTree;
import org.checkpointio.manifest.CommitFiles;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.LibraryVersion;
import org.checkpointio.manifest.ManifestFiles;
import org.checkpointio.read.ProjectSchema;
import org.checkpointio.read.CommittedShards;
import org.checkpointio.read.ReadCheckpoint;
import org.checkpointio.schema.AlignRows;
import org.checkpointio.schema.FixedDecimalFields;
import org.checkpointio.schema.SchemaAlignment;
import org.checkpointio.read.ResolveCheckpoint;
import org.checkpointio.write.WriteCheckpoint;
import org.checkpointio.write.WriteSettings;
import org.checkpointio.write.WritersInPipeline;

/**
 * Transforms that materialise named pipeline intermediates ("checkpoints") as sharded files
 * under run- or correlation-scoped paths, read them back by name, and delete them at the end.
 *
 * <h3>Writing</h3>
 *
 * <pre>{@code
 * CheckpointContext context = CheckpointContext.fromOptions(options);
 * CheckpointWriteResult written =
 *     rows.apply(CheckpointIO.write("orders").to(context));
 * }</pre>
 *
 * <p>Shards land as {@code {root}/runs/{runId}/orders/part-{writeId}-{shard}-of-{count}.parquet}
 * (or {@code .arrow} with {@code withFormat(ARROW)}); with {@code withScope(CORRELATION)} under
 * {@code {root}/correlations/{correlationId}/orders/}. {@code withCompression}, {@code
 * withRowGroupBytes} (Parquet) and {@code withBatchRows} (Arrow) tune the files; {@code
 * withDecimal("amount", 18, 2)} stores a DECIMAL field as a decimal column other readers see as
 * one (a DECIMAL without it is stored as its exact text).
 * While a write runs, Beam keeps its temporary files under {@code orders/.tmp-{writeId}/}. Once
 * every shard is final, one step writes {@code orders/manifest.json} atomically; only then does
 * the checkpoint exist. An exclusive write (the only kind today) replaces the previous manifest
 * and then deletes the shards no manifest lists. Retried bundles never leave duplicates.
 *
 * <h3>Reading</h3>
 *
 * <pre>{@code
 * PCollection<Row> orders = pipeline.apply(CheckpointIO.read("orders").from(context));
 * PCollection<Row> same = pipeline.apply(CheckpointIO.read(written)); // waits for the commit
 * }</pre>
 *
 * <p>A read across jobs resolves the manifest when the pipeline is built, RUN scope first, then
 * CORRELATION, and reads exactly the shards it lists, in the format the manifest records. Reads
 * split shards by Parquet row group or Arrow record batch; {@code withProjection("id",
 * "customer.city")} reads only the named fields.
 *
 * <h3>Cleanup</h3>
 *
 * <pre>{@code
 * pipeline.apply(CheckpointIO.cleanup(context).after(written, orders));
 * }</pre>
 */
public final class CheckpointIO {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointIO.class);
  private CheckpointIO() {}

  /**
   * Writes a {@code PCollection} with a schema as checkpoint {@code name}: RUN scope, format from
   * {@code --checkpointFormat} (PARQUET by default), runner-chosen sharding.
   *
   * @throws IllegalArgumentException if {@code name} cannot be one path segment
   */
  public static Write write(String name) {
    PathSegment.encode("checkpoint name", name);
    return new AutoValue_CheckpointIO_Write.Builder()
        .setCheckpointName(name)
        .setScope(CheckpointScope.RUN)
        .setNumShards(0)
        .setAppend(false)
        .setLenientSchema(false)
        .setDecimals(FixedDecimalFields.none())
        .setRetention(WriteSettings.DEFAULT_RETENTION)
        .setGracePeriod(WriteSettings.DEFAULT_GRACE_PERIOD)
        .build();
  }

  /** Reads checkpoint {@code name} written by an earlier job; give the context with {@code from}. */
  public static Read read(String name) {
    PathSegment.encode("checkpoint name", name);
    return new AutoValue_CheckpointIO_Read.Builder().setCheckpointName(name).build();
  }

  /**
   * Reads what {@code written} committed, in the same pipeline; starts only after that commit.
   */
  public static Read read(CheckpointWriteResult written) {
    checkArgument(written != null, "written can not be null: pass the result of a write");
    return new AutoValue_CheckpointIO_Read.Builder()
        .setCheckpointName(written.getPaths().name())
        .setWriteResult(written)
        .build();
  }

  /**
   * A {@code FileIO} sink that writes rows of {@code schema} into one file of {@code format}, with
   * the library's type mapping (docs/formats.md) and its default settings: for exporting rows to
   * files that other tools read, with {@code FileIO.write().via(...)}. Such files are not a
   * checkpoint: no manifest commits them.
   *
   * @throws IllegalArgumentException naming the field and its type, if {@code format} cannot hold
   *     one
   */
  public static FileIO.Sink<Row> fileSink(CheckpointFormat format, Schema schema) {
    ShardFormat shards = ShardFormats.of(format);
    shards.checkSupported(schema);
    return shards.newSink(schema);
  }

  /** The version of CheckpointIO in use: what the manifests it writes record. */
  public static String version() {
    return LibraryVersion.library();
  }

  /** Deletes the RUN tree of {@code context} (and other scopes with {@code withScopes}). */
  public static Cleanup cleanup(CheckpointContext context) {
    checkArgument(context != null, "context can not be null: pass the pipeline's context");
    return new Cleanup(context, List.of(CheckpointScope.RUN), List.of(), false);
  }

  /**
   * Deletes every scope tree under {@code root} (RUN and CORRELATION) whose newest file is older
   * than the age given with {@link Sweep#olderThan}; for trees left behind by pipelines that
   * failed before their cleanup stage. A tree with any recent file is never touched.
   */
  public static Sweep sweep(String root) {
    checkArgument(
        root != null && !root.isBlank(),
        "sweep needs a root, but got '%s': pass the --checkpointRoot the pipelines write to",
        root);
    return new Sweep(root, null, false);
  }

  /**
   * Reuse on retry: when checkpoint {@code name} is committed in the context's CORRELATION scope
   * (an earlier attempt of this workflow run wrote it), reads it and never applies {@code
   * producer}; otherwise applies {@code producer}, writes its output as that CORRELATION
   * checkpoint and passes the rows on, read back from the committed checkpoint so that every
   * later step runs only once the checkpoint is safe.
   *
   * <p>Everything inside {@code producer} is skipped on reuse; steps upstream of its input are
   * not, so root the producer at {@code PBegin} to skip the most work.
   *
   * <p>{@link ReuseOrCompute#withVersion} makes the reuse depend on the version of the producer
   * (a code or configuration hash): a checkpoint written by another version is recomputed. With
   * {@link ReuseOrCompute#recomputeIfDamaged}, a checkpoint with a missing or damaged shard is
   * recomputed too; without it, the read fails naming the file.
   */
  public static <InputT extends PInput> ReuseOrCompute<InputT> reuseOrCompute(
      String name, PTransform<InputT, ? extends PCollection<?>> producer) {
    PathSegment.encode("checkpoint name", name);
    checkArgument(producer != null, "producer can not be null: pass the transform to reuse");
    return new ReuseOrCompute<>(name, producer, null, null, false);
  }

  /** Implementation of {@link #reuseOrCompute}. */
  public static final class ReuseOrCompute<InputT extends PInput>
      extends PTransform<InputT, PCollection<Row>> {
    private static final int MAX_VERSION_LENGTH = 200;

    private final String name;
    private final transient PTransform<InputT, ? extends PCollection<?>> producer;
    private final @Nullable CheckpointContext context;
    private final @Nullable String version;
    private final boolean recomputeIfDamaged;

    private ReuseOrCompute(
        String name,
        PTransform<InputT, ? extends PCollection<?>> producer,
        @Nullable CheckpointContext context,
        @Nullable String version,
        boolean recomputeIfDamaged) {
      this.name = name;
      this.producer = producer;
      this.context = context;
      this.version = version;
      this.recomputeIfDamaged = recomputeIfDamaged;
    }

    /** The context; it needs a correlation id, shared by every attempt of the workflow run. */
    public ReuseOrCompute<InputT> in(CheckpointContext context) {
      checkArgument(context != null, "context can not be null: use CheckpointContext.of(...)");
      return new ReuseOrCompute<>(name, producer, context, version, recomputeIfDamaged);
    }

    /**
     * The version of the producer, such as a hash of its code and configuration: recorded in the
     * checkpoint's manifest, and a committed checkpoint is reused only if it records this same
     * version. Otherwise (a retry after a fix, say) the producer runs again, replaces the
     * checkpoint, and the log says why.
     */
    public ReuseOrCompute<InputT> withVersion(String version) {
      checkArgument(
          version != null && !version.isBlank() && version.length() <= MAX_VERSION_LENGTH,
          "version must be 1 to %s characters, such as a commit hash or a hash of the"
              + " producer's configuration, but was '%s'",
          MAX_VERSION_LENGTH,
          version);
      return new ReuseOrCompute<>(name, producer, context, version, recomputeIfDamaged);
    }

    /**
     * Recomputes a committed checkpoint that has a missing or damaged shard instead of failing
     * the read. The check reads every shard once while the pipeline is built (as a read does
     * before decoding it), so it costs one pass over the checkpoint's bytes.
     */
    public ReuseOrCompute<InputT> recomputeIfDamaged() {
      return new ReuseOrCompute<>(name, producer, context, version, true);
    }

    @Override
    public PCollection<Row> expand(InputT input) {
      checkArgument(
          context != null,
          "CheckpointIO.reuseOrCompute(\"%s\", ...) has no context: add .in(context)",
          name);
      checkRoot(context.root());
      CheckpointPaths paths = context.paths(CheckpointScope.CORRELATION, name);
      List<Manifest> committed;
      try {
        committed = CommittedManifests.read(paths);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the manifests of " + paths, e);
      }
      if (!committed.isEmpty()) {
        Optional<String> stale = whyNotReusable(paths, committed);
        if (stale.isEmpty()) {
          return readCommitted(
              input.getPipeline().begin(),
              "Reuse",
              new ResolveCheckpoint.Resolved(committed, paths),
              committed.get(0).schema());
        }
        LOG.info(
            "CheckpointIO.reuseOrCompute(\"{}\") recomputes the checkpoint at {}: {}",
            name,
            paths.directory(),
            stale.get());
      }
      Write write = CheckpointIO.write(name).to(context).withScope(CheckpointScope.CORRELATION);
      CheckpointWriteResult written =
          Pipeline.applyTransform("Compute", input, producer)
              .apply("Checkpoint", version == null ? write : write.withProducerVersion(version));
      return input.getPipeline().apply("PassOn", CheckpointIO.read(written));
    }

    /** Why the committed checkpoint must be recomputed, if it must. */
    private Optional<String> whyNotReusable(CheckpointPaths paths, List<Manifest> committed) {
      if (version != null) {
        for (Manifest manifest : committed) {
          if (!version.equals(manifest.producerVersion())) {
            return Optional.of(
                String.format(
                    "its write %s was produced by version %s, and this pipeline is version %s",
                    manifest.writeId(),
                    manifest.producerVersion() == null
                        ? "(none recorded)"
                        : "'" + manifest.producerVersion() + "'",
                    "'" + version + "'"));
          }
        }
      }
      if (recomputeIfDamaged) {
        try {
          CommittedShards.verify(paths, committed);
        } catch (CheckpointCorruptedException e) {
          return Optional.of("it is damaged: " + e.getMessage());
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot check the shards of " + paths, e);
        }
      }
      return Optional.empty();
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder.add(DisplayData.item("name", name).withLabel("Checkpoint name"))
          .add(DisplayData.item("scope", CheckpointScope.CORRELATION.name()));
      if (version != null) {
        builder.add(DisplayData.item("version", version).withLabel("Producer version"));
      }
      if (context != null) {
        builder.add(DisplayData.item("root", context.root()).withLabel("Checkpoint root"));
      }
    }
  }

  /**
   * Implementation of {@link #sweep}.
   *
   * <p>The age must be at least {@link CheckpointStore#MINIMUM_SWEEP_AGE} (1 hour), because a running
   * write's files may be younger and sweeping them would delete its checkpoints under it; {@code
   * withForce(true)} lifts that floor for roots no pipeline writes to. A tree where a write is in
   * progress (its {@code .tmp-{writeId}/_writing} marker is younger than {@link
   * CheckpointStore#WRITE_IN_PROGRESS_GRACE}, 24 hours) is never swept, forced or not.
   */
  public static final class Sweep extends PTransform<PBegin, PCollection<SweptTree>> {
    private final String root;
    private final @Nullable Duration maxAge;
    private final boolean dryRun;
    private final boolean force;

    private Sweep(String root, @Nullable Duration maxAge, boolean dryRun, boolean force) {
      // A file: URI means its local path here, as everywhere.
      this.root = ScopeTree.normalizedRoot(root);
      this.maxAge = maxAge;
      this.dryRun = dryRun;
      this.force = force;
    }

    private Sweep(String root, @Nullable Duration maxAge, boolean dryRun) {
      this(root, maxAge, dryRun, false);
    }

    /**
     * The age past which a tree whose newest file is older gets deleted. Required; at least 1
     * hour ({@link CheckpointStore#MINIMUM_SWEEP_AGE}) unless {@link #withForce}, checked when the
     * sweep is applied.
     */
    public Sweep olderThan(Duration maxAge) {
      checkArgument(
          maxAge != null && maxAge.isLongerThan(Duration.ZERO),
          "olderThan must be a positive duration such as Duration.standardHours(72), but was %s",
          maxAge);
      return new Sweep(root, maxAge, dryRun, force);
    }

    /** Only list what would be deleted (directory, files, bytes, newest file); delete nothing. */
    public Sweep withDryRun(boolean dryRun) {
      return new Sweep(root, maxAge, dryRun, force);
    }

    /**
     * Takes an age under the 1-hour minimum ({@link CheckpointStore#MINIMUM_SWEEP_AGE}); for roots no
     * pipeline writes to while the sweep runs. Trees with a write in progress are still kept.
     * Default: false.
     */
    public Sweep withForce(boolean force) {
      return new Sweep(root, maxAge, dryRun, force);
    }

    @Override
    public PCollection<SweptTree> expand(PBegin input) {
      checkArgument(
          maxAge != null,
          "CheckpointIO.sweep(\"%s\") needs an age: add .olderThan(Duration.standardHours(72))",
          root);
      CheckpointStore.checkSweepAge(maxAge, force, ".withForce(true)");
      checkRoot(root);
      return input.apply("SweepExpiredTrees", new SweepExpiredTrees(root, maxAge, dryRun));
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder
          .add(DisplayData.item("root", root).withLabel("Checkpoint root"))
          .add(DisplayData.item("olderThan", String.valueOf(maxAge)).withLabel("Maximum age"))
          .add(DisplayData.item("dryRun", dryRun))
          .add(DisplayData.item("force", force).withLabel("Below the minimum age"));
    }
  }

  /** Implementation of {@link #write}. */
  @AutoValue
  public abstract static class Write extends PTransform<PCollection<?>, CheckpointWriteResult> {
    abstract String getCheckpointName();

    abstract @Nullable CheckpointContext getContext();

    abstract CheckpointScope getScope();

    abstract @Nullable CheckpointFormat getFormat();

    abstract int getNumShards();

    abstract boolean getAppend();

    abstract boolean getLenientSchema();

    abstract FixedDecimalFields getDecimals();

    abstract @Nullable CheckpointCompression getCompression();

    abstract @Nullable Integer getRowGroupBytes();

    abstract @Nullable Integer getBatchRows();

    abstract Duration getRetention();

    abstract Duration getGracePeriod();

    abstract @Nullable String getProducerVersion();

    abstract Builder toBuilder();

    @AutoValue.Builder
    abstract static class Builder {
      abstract Builder setCheckpointName(String name);

      abstract Builder setContext(CheckpointContext context);

      abstract Builder setRetention(Duration retention);

      abstract Builder setGracePeriod(Duration gracePeriod);

      abstract Builder setProducerVersion(String producerVersion);

      abstract Builder setScope(CheckpointScope scope);

      abstract Builder setFormat(CheckpointFormat format);

      abstract Builder setNumShards(int numShards);

      abstract Builder setAppend(boolean append);

      abstract Builder setLenientSchema(boolean lenient);

      abstract Builder setDecimals(FixedDecimalFields decimals);

      abstract Builder setCompression(CheckpointCompression compression);

      abstract Builder setRowGroupBytes(Integer rowGroupBytes);

      abstract Builder setBatchRows(Integer batchRows);

      abstract Write build();
    }

    /** Records the version of what produced the rows in the manifest ({@link #reuseOrCompute}). */
    Write withProducerVersion(String producerVersion) {
      return toBuilder().setProducerVersion(producerVersion).build();
    }

    /** Where to write: root, run id and correlation id. Required. */
    public Write to(CheckpointContext context) {
      checkArgument(context != null, "context can not be null: use CheckpointContext.of(...)");
      return toBuilder().setContext(context).build();
    }

    /** RUN (default) or CORRELATION; CORRELATION needs a context with a correlation id. */
    public Write withScope(CheckpointScope scope) {
      checkArgument(scope != null, "scope can not be null: use RUN or CORRELATION");
      return toBuilder().setScope(scope).build();
    }

    /** The shard file format; default: {@code --checkpointFormat}, which defaults to PARQUET. */
    public Write withFormat(CheckpointFormat format) {
      checkArgument(format != null, "format can not be null: use one of %s",
          Arrays.toString(CheckpointFormat.values()));
      return toBuilder().setFormat(format).build();
    }

    /** A fixed number of shards; 0 (default) lets the runner decide. */
    public Write withNumShards(int numShards) {
      checkArgument(
          numShards >= 0,
          "numShards must be 0 (runner decides) or positive, but was %s",
          numShards);
      return toBuilder().setNumShards(numShards).build();
    }

    /**
     * Fan-in: adds this write's rows to the checkpoint instead of replacing it. Each appending
     * writer commits its own manifest and a read returns the union. The first committed schema
     * of the name is its contract; this write's rows are aligned to it (fields reordered, safe
     * widenings such as INT32 to INT64 cast, missing nullable fields set to null), and anything
     * else fails at construction with {@link SchemaMismatchException}.
     */
    public Write withAppend() {
      return toBuilder().setAppend(true).build();
    }

    /**
     * With {@link #withAppend}: fields the schema contract does not have are dropped (with one
     * warning) instead of failing the write.
     */
    public Write withLenientSchema() {
      return toBuilder().setLenientSchema(true).build();
    }

    /**
     * Stores the top-level DECIMAL field {@code field} as a decimal of {@code precision} digits,
     * {@code scale} of them after the point: Parquet DECIMAL(precision, scale) and Arrow
     * Decimal128(precision, scale), which Spark, pyarrow, Polars and DuckDB read as decimals. The
     * checkpoint's schema then has Beam's {@code FixedPrecisionNumeric.of(precision, scale)} for
     * the field, and reads give its values at that scale ({@code 1.5} reads as {@code 1.50}).
     * Without it, a DECIMAL field is stored as its exact text.
     *
     * <p>A field that already is a {@code FixedPrecisionNumeric} of precision 1 to 38 is stored so
     * without this call; with it, it takes the precision and scale given here. Call it once per
     * field; a second call for the same field replaces the first. Each value is checked as it is
     * written: a value with more than {@code scale} digits after the point (other than trailing
     * zeros), or more than {@code precision - scale} before it, fails the write, naming the field
     * and the value, and nothing is committed. Values are never rounded; round them before the
     * write if you need to.
     *
     * @throws IllegalArgumentException unless {@code 1 <= precision <= 38} and {@code 0 <= scale
     *     <= precision}; when the write is applied, if the rows have no top-level field {@code
     *     field} or it is not a DECIMAL
     */
    public Write withDecimal(String field, int precision, int scale) {
      checkArgument(
          field != null && !field.isEmpty(),
          "withDecimal needs the name of a top-level DECIMAL field, but got '%s'",
          field);
      checkArgument(
          precision >= 1 && precision <= FixedDecimal.MAX_PRECISION,
          "withDecimal(\"%s\", %s, %s): precision must be between 1 and %s (Decimal128), but"
              + " was %s",
          field,
          precision,
          scale,
          FixedDecimal.MAX_PRECISION,
          precision);
      checkArgument(
          scale >= 0 && scale <= precision,
          "withDecimal(\"%s\", %s, %s): scale must be between 0 and the precision %s, but was %s",
          field,
          precision,
          scale,
          precision,
          scale);
      return toBuilder()
          .setDecimals(getDecimals().with(field, FixedDecimal.of(precision, scale)))
          .build();
    }

    /**
     * The shards' compression. PARQUET takes UNCOMPRESSED, SNAPPY (default), GZIP or ZSTD; ARROW
     * takes UNCOMPRESSED (default), LZ4_FRAME or ZSTD. A codec the format lacks is rejected when
     * the write is applied.
     */
    public Write withCompression(CheckpointCompression compression) {
      checkArgument(
          compression != null,
          "compression can not be null: use one of %s",
          Arrays.toString(CheckpointCompression.values()));
      return toBuilder().setCompression(compression).build();
    }

    /**
     * PARQUET only: the row-group size in bytes, between 64 KiB and 1 GiB; default 128 MiB. A
     * row group is buffered in memory while written, and is the unit reads split by.
     */
    public Write withRowGroupBytes(int rowGroupBytes) {
      checkArgument(
          rowGroupBytes >= ParquetShardFormat.MIN_ROW_GROUP_BYTES
              && rowGroupBytes <= ParquetShardFormat.MAX_ROW_GROUP_BYTES,
          "rowGroupBytes must be between %s and %s, but was %s",
          ParquetShardFormat.MIN_ROW_GROUP_BYTES,
          ParquetShardFormat.MAX_ROW_GROUP_BYTES,
          rowGroupBytes);
      return toBuilder().setRowGroupBytes(rowGroupBytes).build();
    }

    /**
     * ARROW only: rows per record batch, between 1 and 1,048,576; default 65,536. A batch is
     * held in memory while filled (or until its strings and bytes reach 64 MiB), and is the unit
     * reads split by.
     */
    public Write withBatchRows(int batchRows) {
      checkArgument(
          batchRows >= ArrowShardFormat.MIN_BATCH_ROWS
              && batchRows <= ArrowShardFormat.MAX_BATCH_ROWS,
          "batchRows must be between %s and %s, but was %s",
          ArrowShardFormat.MIN_BATCH_ROWS,
          ArrowShardFormat.MAX_BATCH_ROWS,
          batchRows);
      return toBuilder().setBatchRows(batchRows).build();
    }

    /**
     * How long the shards of the checkpoint this write replaces stay after its commit, so that
     * reads that resolved the old checkpoint before the commit still finish with its rows; default
     * 1 hour. A read that starts its shards later fails, saying the checkpoint was overwritten.
     */
    public Write withRetention(Duration retention) {
      checkArgument(
          retention != null && !retention.isShorterThan(Duration.ZERO),
          "retention must be zero or positive, e.g. Duration.standardHours(1), but was %s",
          retention);
      return toBuilder().setRetention(retention).build();
    }

    /**
     * How old a file of this checkpoint that no manifest lists (a shard of a write that has not
     * committed, a temporary directory or staged manifest left by a killed write) must be before a
     * commit deletes it; default 24 hours. It must exceed the longest time any write of the name
     * runs between its first shard and its commit: a younger file may belong to a write still
     * running.
     */
    public Write withGracePeriod(Duration gracePeriod) {
      checkArgument(
          gracePeriod != null && !gracePeriod.isShorterThan(Duration.ZERO),
          "gracePeriod must be zero or positive, e.g. Duration.standardHours(24), but was %s",
          gracePeriod);
      return toBuilder().setGracePeriod(gracePeriod).build();
    }

    @Override
    public CheckpointWriteResult expand(PCollection<?> input) {
      CheckpointContext context = getContext();
      checkArgument(
          context != null,
          "CheckpointIO.write(\"%s\") has no context: add .to(CheckpointContext.fromOptions("
              + "options)) or .to(CheckpointContext.of(root, runId))",
          getCheckpointName());
      checkArgument(
          input.hasSchema(),
          "CheckpointIO.write(\"%s\") needs a PCollection with a schema, but %s has none: "
              + "use Rows with setRowSchema(...) or a type with a registered schema",
          getCheckpointName(),
          input.getName());
      checkArgument(
          input.isBounded() == PCollection.IsBounded.BOUNDED,
          "CheckpointIO.write(\"%s\") writes bounded PCollections, but %s is unbounded",
          getCheckpointName(),
          input.getName());
      checkRoot(context.root());
      CheckpointPaths paths = context.paths(getScope(), getCheckpointName());
      checkArgument(
          !getLenientSchema() || getAppend(),
          "withLenientSchema() applies to appending writes; add withAppend() to "
              + "CheckpointIO.write(\"%s\") or drop withLenientSchema()",
          getCheckpointName());
      CheckpointFormat format = resolveFormat(input);
      PCollection<Row> rows = declareDecimals(toRows(input));
      String description =
          String.format(
              "CheckpointIO.write(\"%s\")%s on %s",
              getCheckpointName(), getAppend() ? ".withAppend()" : "", rows.getName());
      // Everything is checked before the writer is recorded, so a rejected write leaves no trace.
      SchemaAlignment alignment = planAlignment(paths, rows, description, format);
      Schema written = alignment == null ? rows.getSchema() : alignment.contract();
      ShardFormat shardFormat;
      try {
        shardFormat =
            ShardFormats.forWrite(format, getCompression(), getRowGroupBytes(), getBatchRows());
        shardFormat.checkSupported(written);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            String.format("CheckpointIO.write(\"%s\"): %s", getCheckpointName(), e.getMessage()),
            e);
      }
      ShardFormats.checkRuntimeOfLocalRun(
          shardFormat,
          input.getPipeline().getOptions(),
          String.format("CheckpointIO.write(\"%s\")", getCheckpointName()));
      if (alignment != null && !alignment.isIdentity()) {
        rows = rows.apply("AlignToContract", ParDo.of(new AlignRows(alignment)))
            .setRowSchema(written);
      }
      WritersInPipeline.record(rows.getPipeline(), paths, getAppend(), description, written);

      String writeId = UUID.randomUUID().toString();
      WriteSettings settings =
          WriteSettings.of(getAppend(), baseVersion(paths), getRetention(), getGracePeriod())
              .withProducerVersion(getProducerVersion());
      PCollection<Manifest> committed =
          rows.apply(
              "WriteAndCommit",
              new WriteCheckpoint(paths, format, shardFormat, writeId, getNumShards(), settings));
      return new CheckpointWriteResult(
          input.getPipeline(), committed, paths, format, rows.getSchema());
    }

    /**
     * Checks this writer against the others of its pipeline and, for an append, plans the
     * alignment of its rows to the schema contract: the first appending writer's in this
     * pipeline, else the one committed on storage, else this write's own schema. Null for an
     * exclusive write, which sets its own schema.
     */
    private @Nullable SchemaAlignment planAlignment(
        CheckpointPaths paths, PCollection<Row> rows, String description, CheckpointFormat format) {
      Schema candidate = rows.getSchema();
      if (getAppend()) {
        candidate = committedContract(paths, format).orElse(candidate);
      }
      Schema contract =
          WritersInPipeline.contractFor(
              rows.getPipeline(), paths, getAppend(), description, candidate);
      if (!getAppend()) {
        return null;
      }
      return SchemaAlignment.plan(
          getCheckpointName(), contract, rows.getSchema(), getLenientSchema());
    }

    private Optional<Schema> committedContract(CheckpointPaths paths, CheckpointFormat format) {
      Optional<Manifest> committed;
      try {
        committed = CommittedManifests.read(paths).stream().findFirst();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the manifests of " + paths, e);
      }
      if (committed.isPresent() && committed.get().fileFormat() != format) {
        throw new IllegalArgumentException(
            String.format(
                "CheckpointIO.write(\"%s\").withAppend() writes %s, but the checkpoint at %s is"
                    + " committed as %s, and a checkpoint has one format: add .withFormat(%s)",
                getCheckpointName(),
                format,
                paths.directory(),
                committed.get().fileFormat(),
                committed.get().fileFormat()));
      }
      return committed.map(Manifest::schema);
    }

    /**
     * The exclusive version committed now, which an exclusive commit must be the next of. Read
     * from the manifests' names only, so an unreadable manifest can still be replaced.
     */
    private long baseVersion(CheckpointPaths paths) {
      try {
        CommitFiles commits = CommitFiles.in(paths);
        if (!getAppend() && commits.latestExclusive().isPresent()) {
          try {
            ManifestFiles.read(commits.latestExclusive().get(), paths);
          } catch (CheckpointCorruptedException e) {
            LOG.warn(
                "CheckpointIO.write(\"{}\") will replace an unreadable manifest: {}",
                getCheckpointName(),
                e.getMessage());
          }
        }
        return commits.latestVersion().orElse(0);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list the manifests of " + paths, e);
      }
    }

    /**
     * The rows with the fields of {@link #withDecimal} as fixed-precision decimals, each value
     * brought to its scale or, if it does not fit, failing the write.
     */
    private PCollection<Row> declareDecimals(PCollection<Row> rows) {
      if (getDecimals().isEmpty()) {
        return rows;
      }
      Schema declared =
          getDecimals()
              .declare(
                  String.format("CheckpointIO.write(\"%s\")", getCheckpointName()),
                  rows.getSchema());
      SchemaAlignment fixing =
          SchemaAlignment.plan(getCheckpointName(), declared, rows.getSchema(), false);
      if (fixing.isIdentity()) {
        return rows;
      }
      return rows.apply("DeclareDecimals", ParDo.of(new AlignRows(fixing))).setRowSchema(declared);
    }

    private CheckpointFormat resolveFormat(PCollection<?> input) {
      return getFormat() != null
          ? getFormat()
          : input.getPipeline().getOptions().as(CheckpointOptions.class).getCheckpointFormat();
    }

    private static <T> PCollection<Row> toRows(PCollection<T> input) {
      return input.apply("ToRows", Convert.toRows());
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder
          .add(DisplayData.item("name", getCheckpointName()).withLabel("Checkpoint name"))
          .add(DisplayData.item("scope", getScope().name()).withLabel("Scope"))
          .add(
              DisplayData.item(
                      "format",
                      getFormat() != null ? getFormat().name() : "from --checkpointFormat")
                  .withLabel("File format"))
          .add(DisplayData.item("numShards", getNumShards()).withLabel("Shards (0 = runner)"))
          .add(DisplayData.item("mode", getAppend() ? "APPEND" : "EXCLUSIVE").withLabel("Mode"))
          .addIfNotNull(
              DisplayData.item(
                      "decimals", getDecimals().isEmpty() ? null : getDecimals().toString())
                  .withLabel("Fixed-precision decimals"))
          .addIfNotNull(
              DisplayData.item(
                      "compression",
                      getCompression() == null ? null : getCompression().name())
                  .withLabel("Compression"))
          .addIfNotNull(
              DisplayData.item("rowGroupBytes", toLong(getRowGroupBytes()))
                  .withLabel("Parquet row-group bytes"))
          .addIfNotNull(
              DisplayData.item("batchRows", toLong(getBatchRows()))
                  .withLabel("Arrow rows per record batch"));
      if (getContext() != null) {
        builder.add(DisplayData.item("root", getContext().root()).withLabel("Checkpoint root"));
      }
    }
  }

  /** Implementation of {@link #read}. */
  @AutoValue
  public abstract static class Read extends PTransform<PBegin, PCollection<Row>> {
    abstract String getCheckpointName();

    abstract @Nullable CheckpointContext getContext();

    abstract @Nullable CheckpointWriteResult getWriteResult();

    abstract @Nullable List<String> getProjection();

    abstract Builder toBuilder();

    @AutoValue.Builder
    abstract static class Builder {
      abstract Builder setCheckpointName(String name);

      abstract Builder setContext(CheckpointContext context);

      abstract Builder setWriteResult(CheckpointWriteResult written);

      abstract Builder setProjection(List<String> fields);

      abstract Read build();
    }

    /** Where to look: RUN scope of the context first, then its CORRELATION scope. */
    public Read from(CheckpointContext context) {
      checkArgument(context != null, "context can not be null: use CheckpointContext.of(...)");
      checkArgument(
          getWriteResult() == null,
          "CheckpointIO.read(writeResult) reads what that write committed; it takes no context");
      return toBuilder().setContext(context).build();
    }

    /**
     * Reads only the given fields: top-level names, or dotted paths into ROW fields such as
     * {@code "customer.address.city"}, which keep their nesting. The output schema has just these
     * fields, in stored order, and the file reader decodes no others (Parquet reads only their
     * columns; Arrow converts only their vectors). Default: every field. A field that does not
     * exist is rejected when the read is applied, with the list of fields that do.
     */
    public Read withProjection(String... fields) {
      checkArgument(
          fields != null && fields.length > 0,
          "withProjection needs at least one field name, such as withProjection(\"id\")");
      for (String field : fields) {
        checkArgument(
            field != null && !field.isEmpty(),
            "withProjection got an empty or null field name in %s",
            Arrays.toString(fields));
      }
      return toBuilder().setProjection(List.of(fields)).build();
    }

    private Schema outputSchema(Schema stored) {
      List<String> projection = getProjection();
      return projection == null
          ? stored
          : ProjectSchema.of(getCheckpointName(), stored, projection);
    }

    @Override
    public PCollection<Row> expand(PBegin input) {
      CheckpointWriteResult written = getWriteResult();
      if (written != null) {
        return written
            .getCommitted()
            .apply(
                "Read",
                new ReadCheckpoint(
                    written.getPaths(),
                    written.getFormat(),
                    written.getSchema(),
                    outputSchema(written.getSchema())));
      }
      CheckpointContext context = getContext();
      checkArgument(
          context != null,
          "CheckpointIO.read(\"%s\") has no context: add .from(CheckpointContext.fromOptions("
              + "options)) or .from(CheckpointContext.of(root, runId))",
          getCheckpointName());
      checkRoot(context.root());
      ResolveCheckpoint.Resolved resolved = ResolveCheckpoint.resolve(context, getCheckpointName());
      return readCommitted(input, "Read", resolved, outputSchema(resolved.first().schema()));
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder.add(DisplayData.item("name", getCheckpointName()).withLabel("Checkpoint name"));
      if (getProjection() != null) {
        builder.add(
            DisplayData.item("projection", String.join(", ", getProjection()))
                .withLabel("Fields read"));
      }
      CheckpointWriteResult written = getWriteResult();
      if (written != null) {
        builder
            .add(DisplayData.item("scope", written.getPaths().tree().scope().name()))
            .add(DisplayData.item("format", written.getFormat().name()))
            .add(DisplayData.item("root", written.getPaths().tree().root()));
        return;
      }
      builder
          .add(DisplayData.item("scope", "RUN, then CORRELATION").withLabel("Scopes tried"))
          .add(DisplayData.item("format", "as recorded in the manifest").withLabel("File format"));
      if (getContext() != null) {
        builder.add(DisplayData.item("root", getContext().root()).withLabel("Checkpoint root"));
      }
    }
  }

  /**
   * Implementation of {@link #cleanup}: deletes whole scope trees as a pipeline's final stage.
   * Produces one {@link DeletedTree} per tree.
   */
  public static final class Cleanup extends PTransform<PBegin, PCollection<DeletedTree>> {
    private final CheckpointContext context;
    private final List<CheckpointScope> scopes;
    private final transient List<PCollection<?>> signals;
    private final boolean failOnError;

    private Cleanup(
        CheckpointContext context,
        List<CheckpointScope> scopes,
        List<PCollection<?>> signals,
        boolean failOnError) {
      this.context = context;
      this.scopes = scopes;
      this.signals = signals;
      this.failOnError = failOnError;
    }

    /**
     * Runs only after every given write result, read output or other transform output is done.
     */
    public Cleanup after(POutput... outputs) {
      List<PCollection<?>> all = new ArrayList<>(signals);
      for (POutput output : outputs) {
        checkArgument(output != null, "after(...) got a null signal");
        for (PValue value : output.expand().values()) {
          all.add((PCollection<?>) value);
        }
      }
      return new Cleanup(context, scopes, List.copyOf(all), failOnError);
    }

    /** Which trees to delete; default RUN only. CORRELATION needs a correlation id. */
    public Cleanup withScopes(CheckpointScope... scopes) {
      checkArgument(
          scopes != null && scopes.length > 0,
          "withScopes needs at least one of RUN, CORRELATION");
      return new Cleanup(context, List.of(scopes), signals, failOnError);
    }

    /**
     * Whether files that cannot be deleted (after retries) fail the pipeline. Default false:
     * they are logged and counted in the {@code deleteFailures} metric.
     */
    public Cleanup withFailOnError(boolean failOnError) {
      return new Cleanup(context, scopes, signals, failOnError);
    }

    @Override
    public PCollection<DeletedTree> expand(PBegin input) {
      checkRoot(context.root());
      List<ScopeTree> trees = new ArrayList<>();
      for (CheckpointScope scope : scopes) {
        trees.add(context.tree(scope));
      }
      PCollection<ScopeTree> toDelete =
          input.apply("Trees", Create.of(trees).withCoder(SerializableCoder.of(ScopeTree.class)));
      if (!signals.isEmpty()) {
        toDelete = toDelete.apply("WaitForSignals", Wait.on(signals));
      }
      return toDelete.apply("DeleteTrees", ParDo.of(new DeleteScopeTree(failOnError)));
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder
          .add(DisplayData.item("root", context.root()).withLabel("Checkpoint root"))
          .add(DisplayData.item("scopes", scopes.toString()).withLabel("Scopes deleted"))
          .add(DisplayData.item("failOnError", failOnError));
    }
  }

  /**
   * Guava's check, written here so the library touches none of Beam's vendored (versioned)
   * packages and runs unchanged on newer Beam releases.
   */
  private static void checkArgument(boolean valid, String message, Object... args) {
    if (!valid) {
      throw new IllegalArgumentException(String.format(message, args));
    }
  }

  /**
   * Reads the manifests a read resolved while the pipeline was built, and nothing else, as rows
   * of {@code outputSchema} (the stored schema, or a projection of it).
   */
  private static PCollection<Row> readCommitted(
      PBegin begin, String name, ResolveCheckpoint.Resolved resolved, Schema outputSchema) {
    Manifest first = resolved.first();
    return begin
        .apply(
            name + "Manifests",
            Create.of(resolved.manifests()).withCoder(SerializableCoder.of(Manifest.class)))
        .apply(
            name,
            new ReadCheckpoint(resolved.paths(), first.fileFormat(), first.schema(), outputSchema));
  }

  private static @Nullable Long toLong(@Nullable Integer value) {
    return value == null ? null : value.longValue();
  }

  /** Fails at construction when no Beam file system serves the root's scheme. */
  private static void checkRoot(String root) {
    CheckpointStore.checkRoot(root);
  }
}

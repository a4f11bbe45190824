"""read(): resolves a checkpoint as Java's ResolveCheckpoint does (RUN scope first, then
CORRELATION), pins the manifests it read, verifies the shards they list, and hands them to
Polars or pyarrow."""

from dataclasses import dataclass
from typing import List, Optional

from . import _crc32c
from . import _paths as paths
from . import arrow_mapping as am
from . import beam_schema as bs
from ._store import store_for
from .errors import CheckpointCorruptedError, CheckpointNotFoundError
from .manifest import CheckpointLocation, Manifest, live_manifests


@dataclass
class Checkpoint:
    """A resolved checkpoint: the manifests it was pinned to, and its shards. Nothing is read
    from the shards until `to_polars()`, `to_arrow()` or `dataset()`."""
    location: CheckpointLocation
    manifests: List[Manifest]
    files: List[str]
    columns: Optional[List[str]] = None

    @property
    def name(self):
        return self.location.name

    @property
    def scope(self):
        return self.location.scope

    @property
    def directory(self):
        return self.location.directory

    @property
    def file_format(self):
        return self.manifests[0].file_format

    @property
    def schema(self):
        """The Beam schema stored in the manifest (the checkpoint's contract)."""
        return self.manifests[0].schema

    @property
    def total_rows(self):
        return sum(m.total_rows for m in self.manifests)

    def arrow_schema(self):
        """The Arrow schema reads return, in both formats (docs/python.md#type-mapping)."""
        return am.arrow_schema(self._projected())

    def _projected(self):
        if self.columns is None:
            return self.schema
        known = self.schema.names()
        missing = [c for c in self.columns if c not in known]
        if missing:
            raise ValueError(f"Checkpoint '{self.name}' has no field {missing[0]!r}; its fields"
                             f" are {known}")
        return bs.Schema(tuple(self.schema.field(c) for c in self.columns), self.schema.id)

    def to_arrow(self):
        """The rows as one pyarrow Table of the canonical Arrow types."""
        projected = self._projected()
        if not self.files:
            return am.arrow_schema(projected).empty_table()
        if self.file_format == "ARROW":
            table = self._dataset().to_table(columns=projected.names())
            return am.conform_table(table, projected)
        stored = am.avro_names(self.schema.names())
        by_name = dict(zip(self.schema.names(), stored))
        table = self._dataset().to_table(columns=[by_name[n] for n in projected.names()])
        return am.table_from_parquet(table, projected)

    def dataset(self):
        """A pyarrow Dataset of exactly the committed shards, as stored (for PARQUET, with the
        storage types and Avro-sanitised names of docs/formats.md; `to_arrow` converts)."""
        return self._dataset()

    def _dataset(self):
        import pyarrow.dataset as ds
        fs = self.location.store.filesystem()
        opened = [self.location.store.open_path(f) for f in self.files]
        return ds.dataset(opened, format="ipc" if self.file_format == "ARROW" else "parquet",
                          filesystem=fs)

    def to_polars(self):
        """A Polars LazyFrame over exactly the committed shards: pl.scan_ipc / pl.scan_parquet
        of local shards, with the few casts PARQUET storage needs; other stores and PARQUET
        nesting that needs converting go through pyarrow."""
        import polars as pl
        projected = self._projected()
        if not self.files:
            return pl.from_arrow(am.arrow_schema(projected).empty_table()).lazy()
        if not self.location.store.local:
            if self.file_format == "ARROW":
                return pl.scan_pyarrow_dataset(self._dataset()).select(projected.names())
            return pl.from_arrow(self.to_arrow()).lazy()
        if self.file_format == "ARROW":
            frame = pl.scan_ipc(self.files)
            return frame if self.columns is None else frame.select(self.columns)
        nested = [f for f in projected.fields
                  if f.type.kind in ("ARRAY", "ITERABLE", "ROW", "MAP")
                  and am.needs_conversion(f.type)]
        if nested:
            return pl.from_arrow(self.to_arrow()).lazy()
        stored = dict(zip(self.schema.names(), am.avro_names(self.schema.names())))
        frame = pl.scan_parquet(self.files)
        return frame.select([_polars_column(pl, stored[f.name], f) for f in projected.fields])


def _polars_column(pl, stored_name, f):
    column = pl.col(stored_name)
    t = f.type
    if t.kind == "BYTE":
        column = column.cast(pl.Int8)
    elif t.kind == "INT16":
        column = column.cast(pl.Int16)
    elif t.kind == "LOGICAL_TYPE" and t.urn == bs.TIME_URN:
        column = column.cast(pl.Time)
    elif t.kind == "LOGICAL_TYPE" and t.urn == bs.DATETIME_URN:
        nanos = (column.struct.field("Date") * am.NANOS_PER_DAY + column.struct.field("Time"))
        column = pl.when(column.is_null()).then(None).otherwise(nanos).cast(pl.Datetime("ns"))
    return column.alias(f.name)


def resolve(root, name, run_id, correlation_id=None, verify="crc32c"):
    """The committed checkpoint `name`: RUN scope of `run_id` first, then the CORRELATION scope
    of `correlation_id` when one is given.

    verify: "crc32c" (default) checks each listed shard's size and CRC-32C, as Java's reader
    does; "size" checks sizes only; None checks nothing.
    Raises CheckpointNotFoundError naming every directory tried, CheckpointCorruptedError for a
    damaged manifest or shard."""
    store, root = store_for(root)
    scopes = [(paths.RUN, run_id)]
    if correlation_id is not None:
        scopes.append((paths.CORRELATION, correlation_id))
    tried = []
    for scope, scope_id in scopes:
        location = CheckpointLocation(
            store, paths.checkpoint_directory(root, scope, scope_id, name), name, scope, scope_id)
        manifests = live_manifests(location)
        if manifests:
            files = [_verified(location, m, s, verify) for m in manifests for s in m.shards]
            return Checkpoint(location, manifests, files)
        tried.append(location.directory)
    if correlation_id is None:
        tried.append("(CORRELATION scope not tried: no correlation_id was given)")
    raise CheckpointNotFoundError(name, tried)


def _verified(location, manifest, shard, verify):
    path = paths.join(location.directory, shard.file)
    if verify is None:
        return path
    entry = location.store.stat(path)
    if entry is None or entry.is_dir or entry.size != shard.bytes:
        found = "missing" if entry is None else f"of {entry.size} bytes"
        raise CheckpointCorruptedError(
            path, f"Checkpoint '{location.name}': shard {path}, listed by write"
            f" {manifest.write_id}, is {found}, but {shard.bytes} bytes were committed. The"
            " checkpoint is damaged (or was overwritten and collected); re-run its write.")
    if verify == "crc32c" and shard.crc32c is not None:
        if location.store.local:
            with open(path, "rb") as f:
                actual = _crc32c.of_stream(f)
        else:
            with location.store.fs.open_input_stream(location.store.open_path(path)) as f:
                actual = _crc32c.of_stream(f)
        if actual != shard.crc32c:
            raise CheckpointCorruptedError(
                path, f"Checkpoint '{location.name}': shard {path} has CRC32C {actual}, but"
                f" {shard.crc32c} was committed. The checkpoint is damaged; re-run its write.")
    return path


def read(root, name, run_id, correlation_id=None, columns=None, as_="polars", verify="crc32c"):
    """Reads checkpoint `name` as Java's CheckpointIO.read(name).from(context) resolves it.

    as_: "polars" (default) returns a Polars LazyFrame; "arrow" a pyarrow Table; "checkpoint"
    the resolved Checkpoint, whose to_polars(), to_arrow() and dataset() read it later.
    columns: the top-level fields to read (a projection), by default all."""
    checkpoint = resolve(root, name, run_id, correlation_id, verify)
    checkpoint.columns = list(columns) if columns is not None else None
    if checkpoint.columns is not None:
        checkpoint._projected()  # an unknown field fails here, naming it
    if as_ == "polars":
        return checkpoint.to_polars()
    if as_ == "arrow":
        return checkpoint.to_arrow()
    if as_ == "checkpoint":
        return checkpoint
    raise ValueError(f"as_={as_!r}: give 'polars', 'arrow' or 'checkpoint'")
